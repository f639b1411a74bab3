//! A reader that closes the pipe early (`tandem extract … | head`) ends
//! the output quietly: exit status 0, no panic, no error message.

use std::io::Read as _;
use std::process::{Command, Stdio};

mod common;

use common::BIN;

#[test]
fn extract_into_a_closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(" date 2025-01-10 Экспорт\n");
    for i in 1..=4000 {
        text.push_str(&format!(
            "Экспорт Казахстана в Узбекистан в 2024 году составил {i} млн долларов.\n"
        ));
    }
    let file = dir.path().join("many.txt");
    std::fs::write(&file, text).unwrap();
    let mut child = Command::new(BIN)
        .current_dir(dir.path())
        .env_remove("TANDEM_DB")
        .env_remove("TANDEM_CONFIG")
        .arg("extract")
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "status {:?}: {err}", out.status);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}
