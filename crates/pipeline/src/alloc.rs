//! Allocator settings and calls for long runs.
//!
//! glibc's malloc raises its mmap threshold each time a large block (such as
//! a page of the search index writer's memory arena) is freed; from then on
//! such blocks come from the heap, which fragments as batches come and go.
//! Resident memory then crept up with the length of an ingest (by ~30 MB per
//! doubling of the corpus). A fixed threshold, glibc's own default of
//! 128 KiB, keeps large blocks in their own mappings, returned to the system
//! when freed, and memory flat. See `BENCHMARKS.md`.

/// The mmap threshold set at start-up, in bytes.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 128 * 1024;

/// Fixes glibc's mmap threshold (a no-op with other C libraries).
pub fn configure() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a malloc parameter; it is called once,
    // first thing in `main`, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// Free memory the allocator may keep before [`release_free_memory`]
/// returns it to the system, in bytes.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const KEEP_FREE: usize = 16 * 1024 * 1024;

/// Returns the free pages of every malloc arena to the system (glibc's
/// `malloc_trim`) once more than 16 MiB lie free in them; a no-op with
/// other C libraries. Called between batches of a long ingest: memory
/// freed by one batch, caught between blocks still in use, would otherwise
/// stay resident and add up. Trimming after every batch costs page faults
/// for nothing when little is free, hence the threshold.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallinfo2` only reads the allocator's statistics and
    // `malloc_trim` only releases free memory; both take the arena locks
    // themselves and may be called from any thread.
    unsafe {
        if libc::mallinfo2().fordblks > KEEP_FREE {
            libc::malloc_trim(0);
        }
    }
}
