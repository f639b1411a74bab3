//! Occurrence numbers of figure texts, counted the way `score.py` finds a
//! gold span (every byte position where the text starts, overlaps
//! included), in time linear in the document: one rolling-hash pass per
//! distinct text length.

use std::collections::HashMap;

const BASE: u64 = 1_000_003;

/// Above this many bytes scanned in total (distinct texts × document
/// length), the rolling hash is used instead of one search per text.
const SEARCH_BUDGET: usize = 1 << 26;

/// For each `(text, start)`, the 1-based occurrence of `text` in `doc`
/// whose match begins at `start`.
pub(crate) fn occurrences(doc: &str, items: &[(&str, usize)]) -> Vec<u32> {
    let mut distinct: Vec<&str> = items.iter().map(|(t, _)| *t).filter(|t| !t.is_empty()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len().saturating_mul(doc.len()) <= SEARCH_BUDGET {
        by_search(doc, items, &distinct)
    } else {
        by_rolling_hash(doc, items)
    }
}

/// One substring search per distinct text, up to its last figure.
fn by_search(doc: &str, items: &[(&str, usize)], distinct: &[&str]) -> Vec<u32> {
    let mut last_of: HashMap<&str, usize> = HashMap::with_capacity(distinct.len());
    for (t, s) in items {
        let e = last_of.entry(t).or_insert(0);
        *e = (*e).max(*s);
    }
    let mut positions: HashMap<&str, Vec<usize>> = HashMap::with_capacity(distinct.len());
    for &t in distinct {
        let last = last_of.get(t).copied().unwrap_or(0);
        let mut v = Vec::new();
        let mut pos = 0;
        while pos <= last {
            let Some(found) = doc.get(pos..).and_then(|s| s.find(t)) else { break };
            let at = pos + found;
            if at > last {
                break;
            }
            v.push(at);
            // the next search starts one character later (overlaps count)
            pos = at + doc[at..].chars().next().map_or(1, char::len_utf8);
        }
        positions.insert(t, v);
    }
    items
        .iter()
        .map(|(t, start)| positions.get(t).map_or(1, |v| v.partition_point(|&p| p < *start) as u32 + 1))
        .collect()
}

/// One rolling-hash pass per distinct text length: linear in the document
/// whatever the number of distinct texts.
fn by_rolling_hash(doc: &str, items: &[(&str, usize)]) -> Vec<u32> {
    let bytes = doc.as_bytes();
    // positions of every occurrence, per distinct text
    let mut positions: HashMap<&[u8], Vec<usize>> = HashMap::new();
    let mut by_len: HashMap<usize, HashMap<u64, Vec<&[u8]>>> = HashMap::new();
    for (text, _) in items {
        let t = text.as_bytes();
        if t.is_empty() || positions.contains_key(t) {
            continue;
        }
        positions.insert(t, Vec::new());
        by_len.entry(t.len()).or_default().entry(hash(t)).or_default().push(t);
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
    b.iter().fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(c as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_overlapping_matches_like_the_scorer() {
        let s = "13 и 13 и 13 1313";
        let items = [("13", 0), ("13", 5), ("13", 10), ("1313", 13), ("13", 15), ("и", 3)];
        assert_eq!(occurrences(s, &items), vec![1, 2, 3, 1, 5, 1]);
        assert_eq!(by_rolling_hash(s, &items), vec![1, 2, 3, 1, 5, 1]);
        let aaa = [("aa", 1), ("aa", 2)];
        assert_eq!(by_rolling_hash("aaaa", &aaa), vec![2, 3]);
        assert_eq!(occurrences("aaaa", &aaa), vec![2, 3]);
    }
}
