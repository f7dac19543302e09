//! A trie over sequences of term numbers, for finding labels in analysed text one term at a
//! time.
//!
//! The first term of a label is looked up in an array indexed by term number (most terms of
//! a text start no label: one array read rejects them); deeper terms in a hash map of edges.
//! Scanning from each position in turn and taking the longest label there gives the
//! leftmost-longest, non-overlapping matches of an Aho-Corasick automaton over the same
//! sequences, without encoding terms as bytes.

use rustc_hash::FxHashMap;

/// No node, no pattern.
const NONE: u32 = u32::MAX;

/// Patterns (term sequences) by number.
#[derive(Debug, Default)]
pub struct TermTrie {
    /// Node reached by each first term (indexed by term number), [`NONE`] when none.
    roots: Vec<u32>,
    /// Node reached from a node by a term.
    edges: FxHashMap<(u32, u32), u32>,
    /// The pattern ending at each node, [`NONE`] when none.
    ends: Vec<u32>,
    /// Terms in the longest pattern.
    depth: usize,
}

impl TermTrie {
    /// Adds pattern `pattern` made of `terms` (not empty). A sequence added twice keeps its
    /// first pattern.
    pub fn insert(&mut self, terms: &[u32], pattern: u32) {
        let Some((&first, rest)) = terms.split_first() else {
            return;
        };
        let first = first as usize;
        if self.roots.len() <= first {
            self.roots.resize(first + 1, NONE);
        }
        let mut node = match self.roots[first] {
            NONE => {
                let node = self.new_node();
                self.roots[first] = node;
                node
            }
            node => node,
        };
        for &term in rest {
            node = match self.edges.get(&(node, term)) {
                Some(&next) => next,
                None => {
                    let next = self.new_node();
                    self.edges.insert((node, term), next);
                    next
                }
            };
        }
        if self.ends[node as usize] == NONE {
            self.ends[node as usize] = pattern;
        }
        self.depth = self.depth.max(terms.len());
    }

    fn new_node(&mut self) -> u32 {
        self.ends.push(NONE);
        (self.ends.len() - 1) as u32
    }

    /// The patterns that start `terms` (each with its length in terms), shortest first.
    pub fn prefixes<'a>(&'a self, terms: &'a [u32]) -> impl Iterator<Item = (u32, usize)> + 'a {
        let mut node = terms
            .first()
            .and_then(|t| self.roots.get(*t as usize))
            .copied()
            .unwrap_or(NONE);
        let mut len = 1;
        std::iter::from_fn(move || {
            while node != NONE {
                let here = (self.ends[node as usize], len);
                node = match terms.get(len) {
                    Some(term) if len < self.depth => {
                        self.edges.get(&(node, *term)).copied().unwrap_or(NONE)
                    }
                    _ => NONE,
                };
                len += 1;
                if here.0 != NONE {
                    return Some(here);
                }
            }
            None
        })
    }

    /// The longest pattern starting `terms`, with its length in terms.
    pub fn longest(&self, terms: &[u32]) -> Option<(u32, usize)> {
        self.prefixes(terms).last()
    }

    /// The leftmost-longest, non-overlapping patterns of `terms`: (pattern, start, length).
    pub fn find_iter<'a>(
        &'a self,
        terms: &'a [u32],
    ) -> impl Iterator<Item = (u32, usize, usize)> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < terms.len() {
                if let Some((pattern, len)) = self.longest(&terms[at..]) {
                    let start = at;
                    at += len;
                    return Some((pattern, start, len));
                }
                at += 1;
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_leftmost_matches_do_not_overlap() {
        let mut trie = TermTrie::default();
        trie.insert(&[5, 6], 0);
        trie.insert(&[5, 6, 7], 1);
        trie.insert(&[6, 7, 8], 2);
        trie.insert(&[9], 3);
        trie.insert(&[5, 6], 4); // a duplicate keeps the first pattern
        let text = [2, 5, 6, 7, 8, 9, 5, 6, 1, 7, 9];
        let found: Vec<_> = trie.find_iter(&text).collect();
        assert_eq!(found, vec![(1, 1, 3), (3, 5, 1), (0, 6, 2), (3, 10, 1)]);
        assert_eq!(
            trie.prefixes(&[5, 6, 7, 8]).collect::<Vec<_>>(),
            vec![(0, 2), (1, 3)]
        );
        assert_eq!(trie.longest(&[6, 7]), None);
        assert_eq!(trie.longest(&[1000]), None);
        assert_eq!(trie.find_iter(&[]).count(), 0);
    }
}
