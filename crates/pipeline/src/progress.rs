//! Progress bar on a terminal: files and bytes; nothing when not a terminal.

use std::io::IsTerminal as _;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar counting bytes, with files in its message.
pub struct Bar {
    bar: ProgressBar,
    files: u64,
    total_files: u64,
}

/// A bar over `total_bytes` and `total_files`; hidden unless `enabled` and stderr is a terminal.
pub fn bar(enabled: bool, total_bytes: u64, total_files: u64) -> Bar {
    let bar = if enabled && std::io::stderr().is_terminal() {
        let b = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let b = Bar {
        bar,
        files: 0,
        total_files,
    };
    b.show_files();
    b
}

impl Bar {
    /// Adds bytes done.
    pub fn inc(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    /// Counts one more file done.
    pub fn inc_files(&mut self) {
        self.files += 1;
        self.show_files();
    }

    fn show_files(&self) {
        self.bar
            .set_message(format!("{}/{} files", self.files, self.total_files));
    }

    /// Clears the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
