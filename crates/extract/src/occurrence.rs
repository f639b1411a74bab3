//! Occurrence numbers of figure texts, counted the way `score.py` finds a
//! gold span (every byte position where the text starts, overlaps
//! included), in time linear in the document: one rolling-hash pass per
//! distinct text length.

use crate::matcher::FxMap;

const BASE: u64 = 1_000_003;

/// Most texts one two-byte prefix may start before the rolling hash is
/// used instead of the prefix table (which keeps adversarial inputs linear).
const MAX_GROUP: usize = 16;

/// For each `(text, start)`, the 1-based occurrence of `text` in `doc`
/// whose match begins at `start`.
pub(crate) fn occurrences(doc: &str, items: &[(&str, usize)]) -> Vec<u32> {
    let mut distinct: Vec<&[u8]> = items
        .iter()
        .map(|(t, _)| t.as_bytes())
        .filter(|t| !t.is_empty())
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    // sorted, the texts that share their first two bytes stand together
    let same_pair = |a: &&[u8], b: &&[u8]| a.len() > 1 && b.len() > 1 && a[..2] == b[..2];
    if distinct.chunk_by(same_pair).any(|g| g.len() > MAX_GROUP) {
        return by_rolling_hash(doc, items);
    }
    let mut starts = [false; 256];
    let mut single = [false; 256];
    for t in &distinct {
        starts[t[0] as usize] = true;
        single[t[0] as usize] |= t.len() == 1;
    }
    // the longer texts by their first two bytes as a number (in the order
    // of `distinct`, which sorts them by those bytes first)
    let pairs: Vec<(u16, usize)> = distinct
        .iter()
        .enumerate()
        .filter(|(_, t)| t.len() > 1)
        .map(|(k, t)| (u16::from_be_bytes([t[0], t[1]]), k))
        .collect();
    // the range of `pairs` that starts with each byte (they stand together)
    let mut by_first = [(0u32, 0u32); 256];
    for (n, &(p, _)) in pairs.iter().enumerate() {
        let r = &mut by_first[(p >> 8) as usize];
        if r.0 == r.1 {
            r.0 = n as u32;
        }
        r.1 = n as u32 + 1;
    }
    // one pass: (index in `distinct`, position) of every occurrence that
    // starts before the last text's start (later ones are never counted)
    let bytes = doc.as_bytes();
    let last = items.iter().map(|&(_, start)| start).max().unwrap_or(0);
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for i in 0..bytes.len().min(last) {
        let b0 = bytes[i];
        if !starts[b0 as usize] {
            continue;
        }
        if single[b0 as usize] {
            if let Ok(k) = distinct.binary_search(&&bytes[i..i + 1]) {
                hits.push((k, i));
            }
        }
        let Some(&b1) = bytes.get(i + 1) else {
            break;
        };
        let pair = u16::from_be_bytes([b0, b1]);
        let (from, to) = by_first[b0 as usize];
        for &(_, k) in pairs[from as usize..to as usize]
            .iter()
            .filter(|&&(p, _)| p == pair)
        {
            if bytes[i..].starts_with(distinct[k]) {
                hits.push((k, i));
            }
        }
    }
    hits.sort_unstable();
    items
        .iter()
        .map(|(t, start)| match distinct.binary_search(&t.as_bytes()) {
            Ok(k) => {
                let of_text = &hits[hits.partition_point(|&(h, _)| h < k)..];
                of_text.partition_point(|&(h, p)| h == k && p < *start) as u32 + 1
            }
            Err(_) => 1,
        })
        .collect()
}

/// One rolling-hash pass per distinct text length: linear in the document
/// whatever the number of distinct texts.
fn by_rolling_hash(doc: &str, items: &[(&str, usize)]) -> Vec<u32> {
    let bytes = doc.as_bytes();
    // positions of every occurrence, per distinct text
    let mut positions: FxMap<&[u8], Vec<usize>> = FxMap::default();
    let mut by_len: FxMap<usize, FxMap<u64, Vec<&[u8]>>> = FxMap::default();
    for (text, _) in items {
        let t = text.as_bytes();
        if t.is_empty() || positions.contains_key(t) {
            continue;
        }
        positions.insert(t, Vec::new());
        by_len
            .entry(t.len())
            .or_default()
            .entry(hash(t))
            .or_default()
            .push(t);
    }
    for (&len, targets) in &by_len {
        if len > bytes.len() {
            continue;
        }
        let mut pow = 1u64;
        for _ in 1..len {
            pow = pow.wrapping_mul(BASE);
        }
        // a 64 Kbit filter avoids most map look-ups
        let mut filter = vec![0u64; 1024];
        for h in targets.keys() {
            let b = (h >> 48) as usize;
            filter[b >> 6] |= 1 << (b & 63);
        }
        let mut h = hash(&bytes[..len]);
        let mut i = 0;
        loop {
            let b = (h >> 48) as usize;
            let maybe = filter[b >> 6] & (1 << (b & 63)) != 0;
            if let Some(cands) = maybe.then(|| targets.get(&h)).flatten() {
                let window = &bytes[i..i + len];
                if let Some(t) = cands.iter().find(|t| **t == window) {
                    if let Some(v) = positions.get_mut(t) {
                        v.push(i);
                    }
                }
            }
            if i + len >= bytes.len() {
                break;
            }
            h = h
                .wrapping_sub((bytes[i] as u64).wrapping_mul(pow))
                .wrapping_mul(BASE)
                .wrapping_add(bytes[i + len] as u64);
            i += 1;
        }
    }
    items
        .iter()
        .map(|(text, start)| match positions.get(text.as_bytes()) {
            Some(v) => v.partition_point(|&p| p < *start) as u32 + 1,
            None => 1,
        })
        .collect()
}

fn hash(b: &[u8]) -> u64 {
    b.iter()
        .fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(c as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_overlapping_matches_like_the_scorer() {
        let s = "13 и 13 и 13 1313";
        // "13" starts at bytes 0, 6, 12, 15 and 17; "1313" at 15
        let items = [
            ("13", 0),
            ("13", 6),
            ("13", 12),
            ("1313", 15),
            ("13", 17),
            ("и", 9),
        ];
        let want = vec![1, 2, 3, 1, 5, 2];
        assert_eq!(occurrences(s, &items), want);
        assert_eq!(by_rolling_hash(s, &items), want);
        let aaa = [("aa", 1), ("aa", 2)];
        assert_eq!(by_rolling_hash("aaaa", &aaa), vec![2, 3]);
        assert_eq!(occurrences("aaaa", &aaa), vec![2, 3]);
        assert_eq!(occurrences("5 5 5", &[("5", 4), ("5 5", 2)]), vec![3, 2]);
        assert_eq!(
            by_rolling_hash("5 5 5", &[("5", 4), ("5 5", 2)]),
            vec![3, 2]
        );
    }

    proptest::proptest! {
        #[test]
        fn both_passes_agree(doc in "[15 ,.]{0,60}", picks in proptest::collection::vec((0usize..60, 1usize..6), 0..12)) {
            let items: Vec<(&str, usize)> = picks
                .iter()
                .filter_map(|&(a, n)| doc.get(a..a + n).map(|t| (t, a)))
                .collect();
            proptest::prop_assert_eq!(occurrences(&doc, &items), by_rolling_hash(&doc, &items));
        }
    }
}
