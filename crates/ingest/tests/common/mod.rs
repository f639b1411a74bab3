//! Document writers shared by the tests (and the PDF benchmark example).

pub mod docx;
pub mod pdf;

/// Fails with a clear message when poppler's `pdftotext` is missing
/// (`.ci/run` installs it; elsewhere: `apt-get install poppler-utils`).
pub fn require_pdftotext() {
    let found = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    assert!(
        found,
        "these tests need `pdftotext`: install the Debian package poppler-utils"
    );
}
