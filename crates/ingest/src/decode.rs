//! From bytes to text: gzip, byte-order marks, UTF-8, UTF-16, windows-1251,
//! and the refusal of binary data.

use std::io::Read;

use encoding_rs::{DecoderResult, Encoding};

use crate::Reason;

/// Whether the bytes start with the gzip magic number.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses gzip data, refusing to produce more than `limit` bytes.
pub(crate) fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, Reason> {
    let mut out = Vec::new();
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(limit.saturating_add(1));
    reader
        .read_to_end(&mut out)
        .map_err(|e| Reason::Gzip(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(Reason::TooLarge {
            size: out.len() as u64,
            limit,
        });
    }
    Ok(out)
}

/// Whether the bytes start with a ZIP local file header (DOCX is a ZIP).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Known binary formats by their magic numbers.
const MAGIC: &[(&[u8], &str)] = &[
    // (a PDF file is read before its bytes are taken for text; one that
    // reaches here, a web page that is a PDF, is no text)
    (b"%PDF", "a PDF file, not text"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive that is not a DOCX"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\0", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
];

/// Decodes text: UTF-8 (with or without BOM), UTF-16 with a BOM, else windows-1251
/// when the bytes read as Cyrillic text; binary data is refused.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, Reason> {
    refuse_known_binary(bytes)?;
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(Reason::Encoding);
        }
        return check_text(text.into_owned());
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(Reason::Binary("contains NUL bytes".into()));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => check_text(s.to_string()),
        Err(_) => {
            let (text, had_errors) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes);
            if had_errors || !mostly_cyrillic(&text) {
                return Err(Reason::Encoding);
            }
            check_text(text.into_owned())
        }
    }
}

/// The encoding of a text read as a stream, told from its first bytes as
/// [`decode`] tells it from the whole (a character cut at the end of `head`
/// is no error), with the length of its byte-order mark. Binary data is
/// refused.
pub(crate) fn sniff_encoding(head: &[u8]) -> Result<(&'static Encoding, usize), Reason> {
    refuse_known_binary(head)?;
    let (encoding, bom_len) = match Encoding::for_bom(head) {
        Some(found) => found,
        None => {
            if head[..head.len().min(8192)].contains(&0) {
                return Err(Reason::Binary("contains NUL bytes".into()));
            }
            match std::str::from_utf8(head) {
                Ok(_) => (encoding_rs::UTF_8, 0),
                Err(e) if e.error_len().is_none() => (encoding_rs::UTF_8, 0),
                Err(_) => {
                    let (text, had_errors) =
                        encoding_rs::WINDOWS_1251.decode_without_bom_handling(head);
                    if had_errors || !mostly_cyrillic(&text) {
                        return Err(Reason::Encoding);
                    }
                    (encoding_rs::WINDOWS_1251, 0)
                }
            }
        }
    };
    let (text, _) = encoding.decode_without_bom_handling(&head[bom_len..]);
    check_text(text.into_owned())?;
    Ok((encoding, bom_len))
}

/// Bytes of `inner` in an encoding [`sniff_encoding`] found, read as UTF-8;
/// bytes not valid in that encoding are an [`std::io::ErrorKind::InvalidData`]
/// error naming their offset, given once the text before them is read (so a
/// reader of rows gets every row before the bad one). Memory stays at two
/// small buffers whatever the stream's length.
pub(crate) struct Utf8Reader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Box<[u8]>,
    /// Bytes of `input` not yet decoded.
    pending: std::ops::Range<usize>,
    /// `inner` is exhausted.
    eof: bool,
    /// The decoder has flushed its last bytes.
    done: bool,
    output: Box<[u8]>,
    /// Decoded bytes of `output` not yet handed out.
    ready: std::ops::Range<usize>,
    /// Offset in the file of the next byte the decoder takes.
    offset: u64,
    /// Offset of an invalid sequence met, reported once the text before it
    /// is handed out.
    malformed: Option<u64>,
    /// Nothing but ASCII decoded so far: UTF-8 was a guess, and the first
    /// byte past ASCII may still tell windows-1251.
    ascii_so_far: bool,
}

impl<R: Read> Utf8Reader<R> {
    /// Decodes `inner` (past any byte-order mark) from `encoding`; its first
    /// byte is the file's byte `start` (the length of the mark).
    pub(crate) fn new(inner: R, encoding: &'static Encoding, start: u64) -> Self {
        const CHUNK: usize = 32 * 1024;
        Utf8Reader {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; CHUNK].into_boxed_slice(),
            pending: 0..0,
            eof: false,
            done: false,
            // UTF-8 takes at most three bytes per byte of input (UTF-16: per two)
            output: vec![0; 3 * CHUNK + 16].into_boxed_slice(),
            ready: 0..0,
            offset: start,
            malformed: None,
            ascii_so_far: encoding == encoding_rs::UTF_8,
        }
    }

    /// The encoding the bytes are decoded from (it may have changed from
    /// UTF-8 to windows-1251 at the first byte past ASCII).
    pub(crate) fn encoding(&self) -> &'static Encoding {
        self.decoder.encoding()
    }
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if !self.ready.is_empty() {
                let n = buf.len().min(self.ready.len());
                buf[..n].copy_from_slice(&self.output[self.ready.start..self.ready.start + n]);
                self.ready.start += n;
                return Ok(n);
            }
            if let Some(at) = self.malformed {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "bytes that are not valid {} at byte {at}",
                        self.decoder.encoding().name()
                    ),
                ));
            }
            if self.done {
                return Ok(0);
            }
            if self.pending.is_empty() && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.pending = 0..n;
                self.eof = n == 0;
            }
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.pending.clone()],
                &mut self.output,
                self.eof,
            );
            self.ready = 0..written;
            if let DecoderResult::Malformed(bad, after) = result {
                // where the bad bytes start, when in the input at hand
                let at = (self.pending.start + read)
                    .checked_sub(usize::from(bad) + usize::from(after))
                    .filter(|&at| at >= self.pending.start);
                self.ascii_so_far &= self.output[..written].is_ascii();
                if let Some(at) = at.filter(|&at| self.ascii_so_far && self.takes_1251_from(at)) {
                    // a text that was all ASCII so far is windows-1251 from
                    // here: decode its bytes again with that encoding
                    self.decoder = encoding_rs::WINDOWS_1251.new_decoder_without_bom_handling();
                    self.ascii_so_far = false;
                    self.offset += (at - self.pending.start) as u64;
                    self.pending.start = at;
                    continue;
                }
                // the text decoded before the bad bytes goes out first
                self.malformed =
                    Some(self.offset + read as u64 - u64::from(bad) - u64::from(after));
            }
            self.ascii_so_far = self.ascii_so_far && self.output[..written].is_ascii();
            self.pending.start += read;
            self.offset += read as u64;
            if result == DecoderResult::InputEmpty {
                self.done = self.eof;
            }
        }
    }
}

impl<R> Utf8Reader<R> {
    /// Whether the bytes from `at` on in the input at hand read as
    /// Cyrillic text in windows-1251 (as [`decode`] tells a whole file):
    /// the first of them in a Cyrillic word of two letters or more, four
    /// Cyrillic letters at least. A stray byte in ASCII text is no such
    /// text: it stays an error.
    fn takes_1251_from(&self, at: usize) -> bool {
        let rest = &self.input[at..self.pending.end];
        let (text, had_errors) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(rest);
        let is_cyr = |c: char| ('\u{0400}'..='\u{04ff}').contains(&c);
        let first_word = text
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        !had_errors
            && first_word.chars().count() >= 2
            && first_word.chars().all(is_cyr)
            && text.chars().filter(|&c| is_cyr(c)).count() >= 4
            && mostly_cyrillic(&text)
    }
}

/// Refuses bytes that start with the magic number of a known binary format.
fn refuse_known_binary(bytes: &[u8]) -> Result<(), Reason> {
    match MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        Some((_, what)) => Err(Reason::Binary((*what).to_string())),
        None => Ok(()),
    }
}

/// Decodes text whose charset a server declared (the `charset` of an HTTP
/// `Content-Type`). A byte-order mark wins over the label; a label that
/// `encoding_rs` does not know, or bytes that are not valid in it, fall
/// back to [`decode`]'s own detection.
pub(crate) fn decode_declared(bytes: &[u8], charset: &str) -> Result<String, Reason> {
    refuse_known_binary(bytes)?;
    let Some(declared) = encoding_rs::Encoding::for_label(charset.trim().as_bytes()) else {
        return decode(bytes);
    };
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return decode(bytes);
    }
    let (text, had_errors) = declared.decode_without_bom_handling(bytes);
    if had_errors {
        return decode(bytes);
    }
    check_text(text.into_owned())
}

/// Among non-ASCII characters, at least 90 % are Cyrillic letters or common
/// punctuation, and words rarely mix Latin and Cyrillic letters (which is
/// what Latin-1 text read as windows-1251 looks like: `cafй`).
fn mostly_cyrillic(text: &str) -> bool {
    let is_cyr = |c: char| ('\u{0400}'..='\u{04ff}').contains(&c);
    let (mut non_ascii, mut cyrillic) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if is_cyr(c) || "«»–—№…“”„’".contains(c) {
            cyrillic += 1;
        }
    }
    let (mut cyr_words, mut mixed_words) = (0usize, 0usize);
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.chars().any(is_cyr) {
            cyr_words += 1;
            if w.chars().any(|c| c.is_ascii_alphabetic()) {
                mixed_words += 1;
            }
        }
    }
    non_ascii > 0 && cyrillic * 10 >= non_ascii * 9 && mixed_words * 10 <= cyr_words
}

/// Characters of a text that [`check_text`] looks at.
const SAMPLE_CHARS: usize = 4096;

/// Refuses text full of control characters (binary data that happens to decode).
fn check_text(text: String) -> Result<String, Reason> {
    let (sample, sampled) = first_chars(&text, SAMPLE_CHARS);
    let sample = sample.as_bytes();
    // C0 controls but tab, line feed, form feed and carriage return, DEL,
    // and the C1 controls U+0080..=U+009F (C2 80..=C2 9F in UTF-8)
    let c0 = count_bytes(sample, |b| {
        (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != 0x0c) & (b != b'\r') | (b == 0x7f)
    });
    let after = sample.get(1..).unwrap_or_default();
    let c1: usize = sample
        .chunks(255)
        .zip(after.chunks(255))
        .map(|(a, b)| {
            let pairs = a.iter().zip(b);
            usize::from(
                pairs
                    .map(|(&a, &b)| u8::from((a == 0xc2) & (b < 0xa0)))
                    .sum::<u8>(),
            )
        })
        .sum();
    let controls = c0 + c1;
    if sampled > 0 && controls * 20 > sampled {
        return Err(Reason::Binary(format!(
            "{controls} control characters in the first {sampled} characters"
        )));
    }
    Ok(text)
}

/// Whether a byte of UTF-8 starts a character (is not a continuation byte).
fn starts_char(b: u8) -> bool {
    b & 0xc0 != 0x80
}

/// How many of `bytes` pass `test`, summed in a byte 255 at a time, which
/// the compiler turns into tests of many bytes at once.
fn count_bytes(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|c| usize::from(c.iter().map(|&b| u8::from(test(b))).sum::<u8>()))
        .sum()
}

/// The first `n` characters of `text` (all of it when shorter) and how
/// many they are, counted from their first bytes.
fn first_chars(text: &str, n: usize) -> (&str, usize) {
    let mut seen = 0;
    for (k, chunk) in text.as_bytes().chunks(64).enumerate() {
        let starts = count_bytes(chunk, starts_char);
        if seen + starts > n {
            // character n + 1 starts in this chunk
            let mut at = k * 64;
            for &b in chunk {
                if starts_char(b) {
                    if seen == n {
                        break;
                    }
                    seen += 1;
                }
                at += 1;
            }
            return (&text[..at], seen);
        }
        seen += starts;
    }
    (text, seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_control_characters_in_the_first_4096_characters() {
        // C0 (but tab, line feed, form feed, carriage return), DEL and C1
        let four = format!("{}\u{1}\u{7f}\u{85}\u{9f}\t\n", "ж".repeat(94));
        assert!(check_text(four).is_ok());
        let six = format!("{}\u{1}\u{7f}\u{85}\u{9f}\u{b}\u{80}", "ж".repeat(94));
        assert_eq!(
            check_text(six),
            Err(Reason::Binary(
                "6 control characters in the first 100 characters".into()
            ))
        );
        let after = format!("{}{}", "ж".repeat(4096), "\u{1}".repeat(1000));
        assert!(check_text(after).is_ok());
        let within = format!("{}{}", "\u{1}".repeat(300), "ж".repeat(5000));
        assert_eq!(
            check_text(within),
            Err(Reason::Binary(
                "300 control characters in the first 4096 characters".into()
            ))
        );
    }

    #[test]
    fn reads_utf8_and_strips_its_bom() {
        assert_eq!(decode("Сауда".as_bytes()).unwrap(), "Сауда");
        assert_eq!(decode(b"\xef\xbb\xbfabc").unwrap(), "abc");
    }

    #[test]
    fn converts_utf16_with_bom_and_windows_1251() {
        let mut le = vec![0xff, 0xfe];
        for u in "Товарооборот 5%".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap(), "Товарооборот 5%");
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Экспорт вырос на 18,2% в 2024 году");
        assert_eq!(
            decode(&cp1251).unwrap(),
            "Экспорт вырос на 18,2% в 2024 году"
        );
    }

    #[test]
    fn refuses_binary_and_unknown_encodings() {
        assert!(matches!(decode(b"PK\x03\x04..."), Err(Reason::Binary(_))));
        assert!(matches!(decode(b"abc\0def"), Err(Reason::Binary(_))));
        assert!(matches!(
            decode(&[0x01, 0x02, 0x03, 0x04, 0x05, 0x06, b'a']),
            Err(Reason::Binary(_))
        ));
        // Latin-1 accented text is neither UTF-8 nor Cyrillic.
        assert_eq!(
            decode(b"caf\xe9 cr\xe8me br\xfbl\xe9e"),
            Err(Reason::Encoding)
        );
    }

    #[test]
    fn a_declared_charset_is_used_and_a_wrong_one_falls_back() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Импорт составил 42 млн долларов");
        assert_eq!(
            decode_declared(&cp1251, "windows-1251").unwrap(),
            "Импорт составил 42 млн долларов"
        );
        // declared UTF-8, sent windows-1251: detection takes over
        assert_eq!(
            decode_declared(&cp1251, "utf-8").unwrap(),
            "Импорт составил 42 млн долларов"
        );
        // KOI8-R is only readable through its label
        let (koi8, _, _) = encoding_rs::KOI8_R.encode("Рост 7%");
        assert_eq!(decode_declared(&koi8, "koi8-r").unwrap(), "Рост 7%");
        assert_eq!(
            decode_declared("Сауда".as_bytes(), "no-such").unwrap(),
            "Сауда"
        );
        assert!(matches!(
            decode_declared(b"%PDF-1.7", "utf-8"),
            Err(Reason::Binary(_))
        ));
    }

    #[test]
    fn streams_are_decoded_in_small_reads_and_bad_bytes_are_an_error() {
        let read_all = |bytes: &[u8]| -> std::io::Result<String> {
            // the head ends inside a character
            let (encoding, bom) = sniff_encoding(&bytes[..7]).unwrap();
            let mut reader = Utf8Reader::new(&bytes[bom..], encoding, bom as u64);
            let mut out = Vec::new();
            let mut buf = [0u8; 3];
            loop {
                match reader.read(&mut buf)? {
                    0 => return Ok(String::from_utf8(out).unwrap()),
                    n => out.extend_from_slice(&buf[..n]),
                }
            }
        };
        let text = "Страна;2024\nУзбекистан;4 045,9\n";
        assert_eq!(read_all(text.as_bytes()).unwrap(), text);
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(
            sniff_encoding(&cp1251).unwrap().0,
            encoding_rs::WINDOWS_1251
        );
        assert_eq!(read_all(&cp1251).unwrap(), text);
        let mut le = vec![0xff, 0xfe];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(read_all(&le).unwrap(), text);
        // valid UTF-8 at the head, a stray byte further on: the text before
        // it is read, then the error names the byte
        let err = read_all(b"Country,2024\nUzbekistan,4045.9\xff\n").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
        assert!(
            err.to_string().ends_with("not valid UTF-8 at byte 30"),
            "{err}"
        );
        let mut reader =
            Utf8Reader::new(&b"\xef\xbb\xbfA;1\nB;2\xff\n"[3..], encoding_rs::UTF_8, 3);
        let mut out = Vec::new();
        let err = reader.read_to_end(&mut out).unwrap_err();
        assert_eq!(out, b"A;1\nB;2");
        assert!(err.to_string().ends_with("at byte 10"), "{err}");
        assert!(matches!(
            sniff_encoding(b"PK\x03\x04"),
            Err(Reason::Binary(_))
        ));
        // ASCII so far, then windows-1251: read as such from there on
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Страна;Экспорт\n");
        let mut bytes = b"Country;2024\nKazakhstan;1\n".to_vec();
        bytes.extend_from_slice(&cp1251);
        let mut reader = Utf8Reader::new(&bytes[..], encoding_rs::UTF_8, 0);
        let mut out = String::new();
        reader.read_to_string(&mut out).unwrap();
        assert_eq!(out, "Country;2024\nKazakhstan;1\nСтрана;Экспорт\n");
        assert_eq!(reader.encoding(), encoding_rs::WINDOWS_1251);
        // ASCII then Latin-1 is no windows-1251: an error
        let mut reader = Utf8Reader::new(
            &b"Country;2024\ncaf\xe9 cr\xe8me\n"[..],
            encoding_rs::UTF_8,
            0,
        );
        assert!(reader.read_to_string(&mut String::new()).is_err());
    }

    #[test]
    fn gunzip_enforces_the_limit() {
        use std::io::Write as _;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&vec![b'a'; 10_000]).unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(gunzip(&gz, 20_000).unwrap().len(), 10_000);
        assert!(matches!(gunzip(&gz, 1_000), Err(Reason::TooLarge { .. })));
        assert!(matches!(
            gunzip(&gz[..gz.len() / 2], 20_000),
            Err(Reason::Gzip(_))
        ));
    }
}
