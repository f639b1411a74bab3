//! Occurrence numbers of figure texts, counted the way `score.py` finds a
//! gold span (every byte position where the text starts, overlaps
//! included), in time linear in the document: one rolling-hash pass per
//! distinct text length.

use std::collections::HashMap;

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
    let mut groups: HashMap<u16, Vec<&[u8]>> = HashMap::new();
    let mut single = [false; 256];
    for t in &distinct {
        if t.len() == 1 {
            single[t[0] as usize] = true;
        } else {
            groups
                .entry(u16::from_le_bytes([t[0], t[1]]))
                .or_default()
                .push(t);
        }
    }
    if groups.values().any(|g| g.len() > MAX_GROUP) {
        return by_rolling_hash(doc, items);
    }
    // one pass: every position whose first two bytes start some text
    let bytes = doc.as_bytes();
    // a 64 Kbit set of the prefixes in use filters positions cheaply
    let mut bits = [0u64; 1024];
    let mut first = [false; 256];
    for key in groups.keys() {
        bits[*key as usize >> 6] |= 1 << (key & 63);
        first[(key & 0xff) as usize] = true;
    }
    let mut positions: HashMap<&[u8], Vec<usize>> = HashMap::with_capacity(distinct.len());
    for i in 0..bytes.len() {
        if single[bytes[i] as usize] {
            positions.entry(&bytes[i..i + 1]).or_default().push(i);
        }
        if i + 1 >= bytes.len() {
            break;
        }
        if !first[bytes[i] as usize] {
            continue;
        }
        let key = u16::from_le_bytes([bytes[i], bytes[i + 1]]);
        if bits[key as usize >> 6] & (1 << (key & 63)) == 0 {
            continue;
        }
        for t in groups.get(&key).into_iter().flatten() {
            if bytes[i..].starts_with(t) {
                positions.entry(t).or_default().push(i);
            }
        }
    }
    items
        .iter()
        .map(|(t, start)| {
            positions
                .get(t.as_bytes())
                .map_or(1, |v| v.partition_point(|&p| p < *start) as u32 + 1)
        })
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
}
