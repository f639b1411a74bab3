//! Turning command-line arguments into inputs: files, directories walked
//! recursively (in a stable order), and `-` for standard input.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::{Reason, Rejection};

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// Name used in reports and as the document source.
    pub fn source(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }

    /// The file name, used to tell the format by extension.
    pub fn file_name(&self) -> Option<String> {
        match self {
            Input::File(p) => p.file_name().map(|n| n.to_string_lossy().into_owned()),
            Input::Stdin => None,
        }
    }

    /// Size in bytes when known in advance (for progress).
    pub fn len(&self) -> u64 {
        match self {
            Input::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            Input::Stdin => 0,
        }
    }

    /// Whether the input is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads the raw bytes, refusing inputs over `max_bytes`.
    pub(crate) fn read_bytes(&self, max_bytes: u64) -> Result<Vec<u8>, Reason> {
        let mut buf = Vec::new();
        let n = match self {
            Input::File(p) => {
                let f = std::fs::File::open(p).map_err(|e| io_reason(&e))?;
                let len = f.metadata().map_err(|e| io_reason(&e))?.len();
                if len > max_bytes {
                    return Err(Reason::TooLarge {
                        size: len,
                        limit: max_bytes,
                    });
                }
                f.take(max_bytes.saturating_add(1))
                    .read_to_end(&mut buf)
                    .map_err(|e| io_reason(&e))?
            }
            Input::Stdin => std::io::stdin()
                .lock()
                .take(max_bytes.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(|e| io_reason(&e))?,
        };
        if n as u64 > max_bytes {
            return Err(Reason::TooLarge {
                size: n as u64,
                limit: max_bytes,
            });
        }
        Ok(buf)
    }
}

pub(crate) fn io_reason(e: &std::io::Error) -> Reason {
    match e.kind() {
        std::io::ErrorKind::NotFound => Reason::NotFound,
        _ => Reason::Io(e.to_string()),
    }
}

/// Expands arguments into inputs: directories recursively (sorted, hidden
/// entries skipped), `-` as standard input (once). Paths that do not exist
/// are returned as rejections.
pub fn collect_inputs(args: &[PathBuf]) -> (Vec<Input>, Vec<Rejection>) {
    let mut inputs = Vec::new();
    let mut rejected = Vec::new();
    for item in walk_inputs(args) {
        match item {
            Ok(input) => inputs.push(input),
            Err(r) => rejected.push(r),
        }
    }
    (inputs, rejected)
}

/// The inputs of `args` one at a time, in the order of
/// [`collect_inputs`], holding no more than one directory listing per
/// level of nesting: a long ingest need not keep every path in memory.
pub fn walk_inputs(args: &[PathBuf]) -> InputWalk<'_> {
    InputWalk {
        args: args.iter(),
        dirs: Vec::new(),
        stdin_seen: false,
    }
}

/// Iterator of [`walk_inputs`]: inputs, or rejections of arguments and
/// directories that cannot be read.
#[derive(Debug)]
pub struct InputWalk<'a> {
    args: std::slice::Iter<'a, PathBuf>,
    /// Sorted entries still to visit of each directory being walked,
    /// innermost last (reversed, so the next entry is popped).
    dirs: Vec<Vec<PathBuf>>,
    stdin_seen: bool,
}

impl InputWalk<'_> {
    /// Starts walking `dir`; its listing becomes the innermost level.
    fn enter(&mut self, dir: &Path) -> Option<Rejection> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                return Some(Rejection {
                    source: dir.display().to_string(),
                    reason: io_reason(&e),
                })
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.') && !n.eq_ignore_ascii_case("README.md"))
            })
            .collect();
        paths.sort_unstable_by(|a, b| b.cmp(a));
        self.dirs.push(paths);
        None
    }
}

impl Iterator for InputWalk<'_> {
    type Item = Result<Input, Rejection>;

    fn next(&mut self) -> Option<Result<Input, Rejection>> {
        loop {
            if let Some(level) = self.dirs.last_mut() {
                match level.pop() {
                    Some(p) if p.is_dir() => {
                        if let Some(r) = self.enter(&p) {
                            return Some(Err(r));
                        }
                    }
                    Some(p) => return Some(Ok(Input::File(p))),
                    None => {
                        self.dirs.pop();
                    }
                }
                continue;
            }
            let arg = self.args.next()?;
            if arg.as_os_str() == "-" {
                if !self.stdin_seen {
                    self.stdin_seen = true;
                    return Some(Ok(Input::Stdin));
                }
            } else if arg.is_dir() {
                if let Some(r) = self.enter(arg) {
                    return Some(Err(r));
                }
            } else if arg.exists() {
                return Some(Ok(Input::File(arg.clone())));
            } else {
                return Some(Err(Rejection {
                    source: arg.display().to_string(),
                    reason: Reason::NotFound,
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_directories_in_order_and_reports_missing_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b/c")).unwrap();
        std::fs::write(dir.path().join("b/c/z.txt"), "z").unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::fs::write(dir.path().join(".hidden"), "h").unwrap();
        let (inputs, rejected) = collect_inputs(&[
            dir.path().to_path_buf(),
            PathBuf::from("-"),
            dir.path().join("missing.txt"),
        ]);
        let names: Vec<String> = inputs.iter().filter_map(Input::file_name).collect();
        assert_eq!(names, vec!["a.txt", "z.txt"]);
        assert!(inputs.contains(&Input::Stdin));
        assert_eq!(rejected.len(), 1);
        assert_eq!(rejected[0].reason, Reason::NotFound);
    }

    #[test]
    fn the_lazy_walk_visits_nested_directories_in_sorted_order() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["c.txt", "b/y.txt", "b/c/z.txt", "a.txt", "b/a/x.txt"] {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let args = [
            PathBuf::from("-"),
            dir.path().to_path_buf(),
            PathBuf::from("-"),
        ];
        let walked: Vec<Input> = walk_inputs(&args).map(Result::unwrap).collect();
        let rel: Vec<String> = walked
            .iter()
            .map(|i| match i {
                Input::File(p) => p.strip_prefix(dir.path()).unwrap().display().to_string(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(
            rel,
            ["-", "a.txt", "b/a/x.txt", "b/c/z.txt", "b/y.txt", "c.txt"]
        );
    }
}
