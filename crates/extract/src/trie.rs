//! A byte trie of the lexicon entries' first tokens: walking the bytes of a
//! word visits every key that is a prefix of it, shortest first, in one
//! pass and without hashing.
//!
//! Keys are collected with [`KeyTrie::insert`] and laid out by
//! [`KeyTrie::finish`] breadth first, so that the children of a node are
//! neighbours in one array.

/// A node of the finished trie (16 bytes: siblings share cache lines, and
/// the search among them reads the child it finds).
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    /// Index of the first child; the children are `first_child..first_child + children`.
    first_child: u32,
    /// The entries whose key ends here: `ids[ids_start..ids_start + ids_len]`.
    ids_start: u32,
    /// Number of children.
    children: u16,
    /// See `ids_start`.
    ids_len: u16,
    /// Index of the node's table in `KeyTrie::tables` (nodes with many
    /// children: the root, the lead bytes of Cyrillic letters), else `u16::MAX`.
    table: u16,
    /// The byte leading to this node (`0` for the root).
    byte: u8,
}

/// Nodes with more children than this get a table indexed by byte.
const TABLE_FROM: u16 = 8;

/// Keys (byte strings) with the ids of the entries they start.
#[derive(Debug, Default)]
pub(crate) struct KeyTrie {
    /// Every key added, in order.
    pending: Vec<(String, u32)>,
    /// Nodes breadth first; node 0 is the root (the empty key).
    nodes: Vec<Node>,
    /// Entry ids, grouped by node.
    ids: Vec<u32>,
    /// Child by byte (0: none) of the nodes with a table.
    tables: Vec<[u32; 256]>,
}

/// A node while building: children by byte (sorted) and entry ids.
#[derive(Default)]
struct Building {
    children: Vec<(u8, usize)>,
    ids: Vec<u32>,
}

impl KeyTrie {
    /// Adds entry `id` under `key` (visible after [`KeyTrie::finish`]).
    pub fn insert(&mut self, key: &str, id: u32) {
        self.pending.push((key.to_string(), id));
    }

    /// Lays out every key added so far.
    pub fn finish(&mut self) {
        let mut tree = vec![Building::default()];
        for (key, id) in &self.pending {
            let mut node = 0;
            for b in key.bytes() {
                let next = tree.len();
                let children = &mut tree[node].children;
                node = match children.binary_search_by_key(&b, |&(c, _)| c) {
                    Ok(k) => children[k].1,
                    Err(k) => {
                        children.insert(k, (b, next));
                        tree.push(Building::default());
                        next
                    }
                };
            }
            tree[node].ids.push(*id);
        }
        // breadth first: the children of each node get consecutive indices
        let mut order = vec![(0usize, 0u8)];
        let (mut nodes, mut ids) = (Vec::new(), Vec::new());
        let mut tables = Vec::new();
        let mut k = 0;
        while k < order.len() {
            let (t, byte) = order[k];
            let first_child = order.len() as u32;
            order.extend(tree[t].children.iter().map(|&(b, c)| (c, b)));
            let ids_start = ids.len() as u32;
            ids.extend_from_slice(&tree[t].ids);
            // (at most 256 children; ids per key and tables are few)
            let children = tree[t].children.len() as u16;
            let table = if children > TABLE_FROM && tables.len() < usize::from(u16::MAX) {
                let mut by_byte = [0u32; 256];
                for (k, &(b, _)) in tree[t].children.iter().enumerate() {
                    by_byte[b as usize] = first_child + k as u32;
                }
                tables.push(by_byte);
                tables.len() as u16 - 1
            } else {
                u16::MAX
            };
            nodes.push(Node {
                first_child,
                ids_start,
                children,
                ids_len: (ids.len() as u32 - ids_start) as u16,
                table,
                byte,
            });
            k += 1;
        }
        self.nodes = nodes;
        self.ids = ids;
        self.tables = tables;
    }

    /// Appends to `out` the ids of every non-empty key that is a prefix of
    /// `word`, shorter keys first.
    pub fn prefixes_of(&self, word: &str, out: &mut Vec<u32>) {
        let mut node = 0;
        for b in word.bytes() {
            let Some(n) = self.nodes.get(node) else {
                return;
            };
            node = match self.tables.get(n.table as usize) {
                Some(by_byte) => by_byte[b as usize] as usize,
                None => {
                    let first = n.first_child as usize;
                    let siblings = &self.nodes[first..first + usize::from(n.children)];
                    // (few siblings: a linear search beats a binary one)
                    siblings
                        .iter()
                        .position(|c| c.byte == b)
                        .map_or(0, |k| first + k)
                }
            };
            if node == 0 {
                return; // no key goes on with this byte
            }
            let found = &self.nodes[node];
            if found.ids_len > 0 {
                let ids = found.ids_start as usize;
                out.extend_from_slice(&self.ids[ids..ids + usize::from(found.ids_len)]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_prefix_key_shortest_first() {
        let mut t = KeyTrie::default();
        t.insert("млрд", 1);
        t.insert("млн", 2);
        t.insert("м", 3);
        t.insert("млрд", 4);
        t.finish();
        t.insert("доллар", 5);
        t.finish();
        let mut out = Vec::new();
        t.prefixes_of("млрдқа", &mut out);
        assert_eq!(out, vec![3, 1, 4]);
        out.clear();
        t.prefixes_of("доллары", &mut out);
        assert_eq!(out, vec![5]);
        out.clear();
        t.prefixes_of("дол", &mut out);
        assert!(out.is_empty());
        t.prefixes_of("", &mut out);
        assert!(out.is_empty());
    }
}
