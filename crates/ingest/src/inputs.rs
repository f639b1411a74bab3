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

fn io_reason(e: &std::io::Error) -> Reason {
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
    for arg in args {
        if arg.as_os_str() == "-" {
            if !inputs.contains(&Input::Stdin) {
                inputs.push(Input::Stdin);
            }
        } else if arg.is_dir() {
            walk(arg, &mut inputs, &mut rejected);
        } else if arg.exists() {
            inputs.push(Input::File(arg.clone()));
        } else {
            rejected.push(Rejection {
                source: arg.display().to_string(),
                reason: Reason::NotFound,
            });
        }
    }
    (inputs, rejected)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, rejected: &mut Vec<Rejection>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            rejected.push(Rejection {
                source: dir.display().to_string(),
                reason: io_reason(&e),
            });
            return;
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
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, inputs, rejected);
        } else {
            inputs.push(Input::File(p));
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
}
