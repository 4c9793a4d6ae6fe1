//! A sorted set that can start iterating at any rank: the listing index.
//!
//! A page deep in a listing starts at rank `offset`; a `BTreeSet` reaches that rank only by
//! stepping over every key before it, so the last page of 100,000 apps cost a hundred times
//! its first. Here the keys sit in sorted chunks of bounded size: reaching a rank walks the
//! chunk lengths, and an insert or a remove moves at most one chunk's keys, so every
//! operation costs O(CHUNK + n / CHUNK), a few hundred steps at most at any realistic size.

/// Most keys a chunk holds before it is split in two.
const CHUNK: usize = 512;

/// A sorted set that reaches any rank without walking every key before it.
#[derive(Debug, Clone)]
pub struct RankedSet<K> {
    /// Sorted, each non-empty, each chunk's keys all below the next chunk's.
    chunks: Vec<Vec<K>>,
    len: usize,
}

/// Equal when they hold the same keys, however they are chunked.
impl<K: Ord + Copy> PartialEq for RankedSet<K> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter_from(0, false).eq(other.iter_from(0, false))
    }
}

impl<K: Ord + Copy> Eq for RankedSet<K> {}

impl<K> Default for RankedSet<K> {
    fn default() -> Self {
        RankedSet {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<K: Ord + Copy> RankedSet<K> {
    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The chunk where `key` belongs: the first whose last key is not below it, or the last.
    fn chunk_for(&self, key: &K) -> usize {
        let index = self
            .chunks
            .partition_point(|chunk| chunk.last().is_some_and(|last| last < key));
        index.min(self.chunks.len().saturating_sub(1))
    }

    /// Adds `key`; false if it was there already.
    pub fn insert(&mut self, key: K) -> bool {
        // Above every key: the common insert (a creation's time and id only grow), made
        // without either binary search, under the world's write lock. A full last chunk is
        // followed by a new one rather than split, so that appended chunks stay full.
        let Some(last_chunk) = self.chunks.last_mut() else {
            self.chunks.push(vec![key]);
            self.len = 1;
            return true;
        };
        if last_chunk.last().is_some_and(|last| *last < key) {
            if last_chunk.len() < CHUNK {
                last_chunk.push(key);
            } else {
                self.chunks.push(vec![key]);
            }
            self.len += 1;
            return true;
        }
        let index = self.chunk_for(&key);
        let chunk = &mut self.chunks[index];
        let Err(position) = chunk.binary_search(&key) else {
            return false;
        };
        chunk.insert(position, key);
        if chunk.len() > CHUNK {
            let upper = chunk.split_off(CHUNK / 2);
            self.chunks.insert(index + 1, upper);
        }
        self.len += 1;
        true
    }

    /// Removes `key`; false if it was not there.
    pub fn remove(&mut self, key: &K) -> bool {
        if self.chunks.is_empty() {
            return false;
        }
        let index = self.chunk_for(key);
        let chunk = &mut self.chunks[index];
        let Ok(position) = chunk.binary_search(key) else {
            return false;
        };
        chunk.remove(position);
        if chunk.is_empty() {
            self.chunks.remove(index);
        }
        self.len -= 1;
        true
    }

    /// Keys in ascending order from rank `skip` (0 is the smallest), or in descending order
    /// from rank `skip` counted from the largest.
    pub fn iter_from(&self, skip: usize, descending: bool) -> Box<dyn Iterator<Item = K> + '_> {
        if skip >= self.len {
            return Box::new(std::iter::empty());
        }
        // The ascending rank of the first key to yield, then the chunk that holds it.
        let rank = if descending { self.len - 1 - skip } else { skip };
        let mut before = 0;
        let mut index = 0;
        while before + self.chunks[index].len() <= rank {
            before += self.chunks[index].len();
            index += 1;
        }
        let within = rank - before;
        if descending {
            let head = self.chunks[index][..=within].iter().rev();
            let rest = self.chunks[..index].iter().rev().flat_map(|chunk| chunk.iter().rev());
            Box::new(head.chain(rest).copied())
        } else {
            let head = self.chunks[index][within..].iter();
            let rest = self.chunks[index + 1..].iter().flatten();
            Box::new(head.chain(rest).copied())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    use rand::{Rng, SeedableRng};

    /// Random inserts and removes, checked against a `BTreeSet` at every rank both ways.
    #[test]
    fn behaves_as_a_sorted_set_at_every_rank() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        let mut set = RankedSet::default();
        let mut expected = BTreeSet::new();
        for round in 0..6_000 {
            let key: u32 = rng.random_range(0..3_000);
            if rng.random_bool(0.7) {
                assert_eq!(set.insert(key), expected.insert(key));
            } else {
                assert_eq!(set.remove(&key), expected.remove(&key));
            }
            assert_eq!(set.len(), expected.len());
            if round % 500 == 0 {
                let ascending: Vec<u32> = expected.iter().copied().collect();
                for skip in (0..=ascending.len() + 1).step_by(37) {
                    let up: Vec<u32> = set.iter_from(skip, false).take(10).collect();
                    assert_eq!(up, ascending.iter().skip(skip).take(10).copied().collect::<Vec<_>>());
                    let down: Vec<u32> = set.iter_from(skip, true).take(10).collect();
                    assert_eq!(
                        down,
                        ascending.iter().rev().skip(skip).take(10).copied().collect::<Vec<_>>()
                    );
                }
            }
        }
        assert!(set.chunks.iter().all(|chunk| !chunk.is_empty() && chunk.len() <= CHUNK));
    }

    /// Keys that only grow (creations) fill each chunk before the next one starts.
    #[test]
    fn appended_keys_fill_their_chunks() {
        let mut set = RankedSet::default();
        for key in 0..(3 * CHUNK as u32 + 7) {
            assert!(set.insert(key));
        }
        assert!(!set.insert(3 * CHUNK as u32 + 6));
        assert_eq!(set.chunks.len(), 4);
        assert!(set.chunks[..3].iter().all(|chunk| chunk.len() == CHUNK));
        assert!(set.insert(5_000_000));
        assert!(set.insert(CHUNK as u32 * 10));
        let all: Vec<u32> = set.iter_from(0, false).collect();
        assert!(all.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(all.len(), set.len());
    }

    #[test]
    fn empty_and_past_the_end() {
        let mut set = RankedSet::default();
        assert_eq!(set.iter_from(0, false).count(), 0);
        assert!(!set.remove(&1));
        assert!(set.insert(1));
        assert!(!set.insert(1));
        assert_eq!(set.iter_from(1, true).count(), 0);
        assert_eq!(set.iter_from(0, true).collect::<Vec<_>>(), vec![1]);
        assert!(set.remove(&1));
        assert!(set.is_empty());
    }
}
