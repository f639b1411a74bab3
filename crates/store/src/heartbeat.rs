//! The thread that keeps a worker's leases alive while it works: the
//! claims of `tandem ingest` workers on the ingest queue and those of
//! `tandem watch` rounds on the items they fetch. A process that dies
//! stops beating, so its claims end with their lease and others take them.

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

/// Default time a claim lasts unless renewed: a worker renews its claims
/// every third of it, so a live worker never loses one, and the items of a
/// killed worker wait at most this long before another worker takes them.
pub const DEFAULT_LEASE: Duration = Duration::from_secs(60);

/// A thread calling a function at a fixed period until stopped (or dropped).
pub struct Heartbeat {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Heartbeat {
    /// Starts a thread named `name` that calls `beat` every `period`.
    pub fn start(
        name: &str,
        period: Duration,
        mut beat: impl FnMut() + Send + 'static,
    ) -> std::io::Result<Heartbeat> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(period) {
                    beat();
                }
            })?;
        Ok(Heartbeat {
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Stops the thread and waits for it; `false` when it had panicked.
    pub fn stop(mut self) -> bool {
        self.halt()
    }

    fn halt(&mut self) -> bool {
        drop(self.stop.take());
        self.thread.take().is_none_or(|t| t.join().is_ok())
    }
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        self.halt();
    }
}
