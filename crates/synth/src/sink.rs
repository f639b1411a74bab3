//! Output files that count the bytes they put on disk, optionally gzipped.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

/// Counts the bytes written through it.
struct Counter<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for Counter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

enum Inner {
    Plain(Counter<BufWriter<File>>),
    Gzip(Box<GzEncoder<Counter<BufWriter<File>>>>),
}

/// A file being written.
pub(crate) struct Sink {
    inner: Inner,
}

impl Sink {
    /// Creates (or truncates) `path`, gzip-compressing when `gzip` is set.
    pub(crate) fn create(path: &Path, gzip: bool) -> io::Result<Sink> {
        let file = Counter {
            inner: BufWriter::with_capacity(64 * 1024, File::create(path)?),
            count: 0,
        };
        let inner = if gzip {
            Inner::Gzip(Box::new(GzEncoder::new(file, Compression::fast())))
        } else {
            Inner::Plain(file)
        };
        Ok(Sink { inner })
    }

    /// Appends `text`.
    pub(crate) fn write(&mut self, text: &str) -> io::Result<()> {
        match &mut self.inner {
            Inner::Plain(w) => w.write_all(text.as_bytes()),
            Inner::Gzip(w) => w.write_all(text.as_bytes()),
        }
    }

    /// Flushes and closes the file; returns its size on disk.
    pub(crate) fn finish(self) -> io::Result<u64> {
        let mut counter = match self.inner {
            Inner::Plain(w) => w,
            Inner::Gzip(w) => w.finish()?,
        };
        counter.flush()?;
        Ok(counter.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn counts_bytes_on_disk_for_plain_and_gzip() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Тауар айналымы 3,39 млрд доллар.\n".repeat(100);
        for gzip in [false, true] {
            let path = dir.path().join(if gzip { "a.txt.gz" } else { "a.txt" });
            let mut sink = Sink::create(&path, gzip).unwrap();
            sink.write(&text).unwrap();
            let n = sink.finish().unwrap();
            assert_eq!(n, std::fs::metadata(&path).unwrap().len());
            let mut back = String::new();
            if gzip {
                assert!(n < text.len() as u64);
                flate2::read::GzDecoder::new(File::open(&path).unwrap())
                    .read_to_string(&mut back)
                    .unwrap();
            } else {
                back = std::fs::read_to_string(&path).unwrap();
            }
            assert_eq!(back, text);
        }
    }
}
