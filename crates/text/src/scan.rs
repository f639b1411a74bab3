//! Fast byte scans over UTF-8 text: the repairs and the sentence splitter
//! look for a few marker bytes (line ends, punctuation, lead bytes of odd
//! characters) in long runs of ordinary text.
//!
//! Each scan tests whole blocks of bytes without branching, which the
//! compiler turns into vector instructions, and only steps byte by byte
//! through a block that holds a hit. For that, the byte tests must be
//! plain comparisons joined with `|` and `&` (`matches!` and `||` compile
//! to branches or bit tests, which stay scalar).

/// Bytes tested at once.
const BLOCK: usize = 32;

/// The position of the first byte of `bytes` for which `hit` holds.
#[inline]
pub(crate) fn find_byte(bytes: &[u8], hit: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut offset = 0;
    for block in &mut blocks {
        if block_flags(block, |b| u8::from(hit(b))) != 0 {
            return block.iter().position(|&b| hit(b)).map(|p| offset + p);
        }
        offset += BLOCK;
    }
    blocks
        .remainder()
        .iter()
        .position(|&b| hit(b))
        .map(|p| offset + p)
}

/// The bitwise or of `flags` over all bytes of `bytes`.
#[inline]
pub(crate) fn or_flags(bytes: &[u8], flags: impl Fn(u8) -> u8 + Copy) -> u8 {
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut all = 0;
    for block in &mut blocks {
        all |= block_flags(block, flags);
    }
    blocks
        .remainder()
        .iter()
        .fold(all, |acc, &b| acc | flags(b))
}

/// Whether `hit` holds for some byte of `bytes` and the byte after it.
#[inline]
pub(crate) fn any_pair(bytes: &[u8], hit: impl Fn(u8, u8) -> bool + Copy) -> bool {
    let Some(last) = bytes.len().checked_sub(1) else {
        return false;
    };
    let (firsts, seconds) = (&bytes[..last], &bytes[1..]);
    let mut first_blocks = firsts.chunks_exact(BLOCK);
    let mut second_blocks = seconds.chunks_exact(BLOCK);
    for (a, b) in (&mut first_blocks).zip(&mut second_blocks) {
        if block_pairs(a, b, hit) {
            return true;
        }
    }
    first_blocks
        .remainder()
        .iter()
        .zip(second_blocks.remainder())
        .any(|(&a, &b)| hit(a, b))
}

/// [`any_pair`] over two blocks of [`BLOCK`] bytes (fewer if shorter).
/// Kept out of line: on its own, the loop is vectorized.
#[inline(never)]
fn block_pairs(firsts: &[u8], seconds: &[u8], hit: impl Fn(u8, u8) -> bool) -> bool {
    match (
        <&[u8; BLOCK]>::try_from(firsts),
        <&[u8; BLOCK]>::try_from(seconds),
    ) {
        (Ok(a), Ok(b)) => a.iter().zip(b).fold(false, |any, (&x, &y)| any | hit(x, y)),
        _ => firsts.iter().zip(seconds).any(|(&x, &y)| hit(x, y)),
    }
}

/// How many bytes of `bytes` `hit` holds for.
#[inline]
pub(crate) fn count_bytes(bytes: &[u8], hit: impl Fn(u8) -> bool + Copy) -> usize {
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut count = 0;
    for block in &mut blocks {
        count += usize::from(block_count(block, hit));
    }
    count + blocks.remainder().iter().filter(|&&b| hit(b)).count()
}

/// How many bytes of a block of [`BLOCK`] bytes (fewer if shorter) `hit`
/// holds for. Kept out of line: on its own, the loop is vectorized.
#[inline(never)]
fn block_count(block: &[u8], hit: impl Fn(u8) -> bool) -> u8 {
    match <&[u8; BLOCK]>::try_from(block) {
        Ok(block) => block.iter().fold(0, |n, &b| n + u8::from(hit(b))),
        Err(_) => block
            .iter()
            .fold(0, |n, &b| n.saturating_add(u8::from(hit(b)))),
    }
}

/// The bitwise or of `flags` over a block of [`BLOCK`] bytes (fewer if
/// shorter). Kept out of line: on its own, the loop is vectorized.
#[inline(never)]
fn block_flags(block: &[u8], flags: impl Fn(u8) -> u8) -> u8 {
    match <&[u8; BLOCK]>::try_from(block) {
        Ok(block) => block.iter().fold(0, |acc, &b| acc | flags(b)),
        Err(_) => block.iter().fold(0, |acc, &b| acc | flags(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_hit_in_any_block() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b'.';
                if at + 1 < len {
                    bytes[len - 1] = b'.';
                }
                assert_eq!(find_byte(&bytes, |b| b == b'.'), Some(at), "{len} {at}");
            }
            assert_eq!(find_byte(&vec![b'a'; len], |b| b == b'.'), None);
        }
    }

    #[test]
    fn pairs_across_block_edges() {
        for len in [0, 1, 2, 32, 33, 34, 65, 100] {
            for at in 0..len.max(1) - 1 {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b'x';
                bytes[at + 1] = b'y';
                assert!(
                    any_pair(&bytes, |a, b| a == b'x' && b == b'y'),
                    "{len} {at}"
                );
            }
            assert!(!any_pair(&vec![b'a'; len], |a, b| a == b'x' && b == b'y'));
        }
        assert!(!any_pair(b"yx", |a, b| a == b'x' && b == b'y'));
    }

    #[test]
    fn counts_hits_in_blocks_and_rest() {
        for len in [0, 1, 32, 33, 100] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 3) as u8).collect();
            let want = bytes.iter().filter(|&&b| b == 1).count();
            assert_eq!(count_bytes(&bytes, |b| b == 1), want, "{len}");
        }
    }

    #[test]
    fn or_flags_sees_every_byte() {
        for len in [1, 31, 32, 33, 70] {
            for at in 0..len {
                let mut bytes = vec![0u8; len];
                bytes[at] = 1;
                assert_eq!(or_flags(&bytes, |b| b << 2), 4, "{len} {at}");
            }
        }
    }
}
