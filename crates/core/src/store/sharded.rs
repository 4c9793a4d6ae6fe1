//! A hash map split into shards, so that no insert ever moves the whole table.
//!
//! A `HashMap` doubles its table when it fills, rehashing every entry while the world lock is
//! held: with a quarter of a million AppKeys that is several milliseconds during which every
//! request waits, and it showed as CreateApp's p99 at three times the ceiling's. Split in
//! [`SHARDS`] tables, a doubling moves a thirty-second of the entries, and the tables double
//! at different moments.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};

use foldhash::fast::RandomState;

/// How many tables a map is split in: a power of two.
pub const SHARDS: usize = 32;

/// A map from `K` to `V` in [`SHARDS`] tables, chosen by the key's hash.
#[derive(Debug, Clone)]
pub struct ShardedMap<K, V> {
    hasher: RandomState,
    shards: Vec<HashMap<K, V, RandomState>>,
    len: usize,
}

impl<K, V> Default for ShardedMap<K, V> {
    fn default() -> Self {
        let hasher = RandomState::default();
        ShardedMap {
            shards: (0..SHARDS).map(|_| HashMap::with_hasher(hasher.clone())).collect(),
            hasher,
            len: 0,
        }
    }
}

impl<K: Hash + Eq, V> ShardedMap<K, V> {
    fn shard_of<Q: Hash + ?Sized>(&self, key: &Q) -> usize {
        // Bits from the middle of the hash the tables compute again with the same seed: they
        // index by its low bits and tag each entry with its top seven, so bits taken from
        // either end would be the same in every key of a shard (the top ones made most tags
        // alike, and a lookup compared keys it need not have).
        (self.hasher.hash_one(key) >> 32) as usize % SHARDS
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value of a key.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.shards[self.shard_of(key)].get(key)
    }

    /// The value of a key, to change.
    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let shard = self.shard_of(key);
        self.shards[shard].get_mut(key)
    }

    /// Whether the key is there.
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.get(key).is_some()
    }

    /// Inserts, answering the value it replaced.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        let shard = self.shard_of(&key);
        let old = self.shards[shard].insert(key, value);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    /// Removes, answering the value removed.
    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let shard = self.shard_of(key);
        let old = self.shards[shard].remove(key);
        if old.is_some() {
            self.len -= 1;
        }
        old
    }

    /// Every entry, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.shards.iter().flat_map(|shard| shard.iter())
    }
}

/// Equal when they hold the same entries, whatever their seeds put where.
impl<K: Hash + Eq, V: PartialEq> PartialEq for ShardedMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().all(|(key, value)| other.get(key) == Some(value))
    }
}

impl<K: Hash + Eq, V: Eq> Eq for ShardedMap<K, V> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_as_one_map() {
        let mut map = ShardedMap::default();
        for n in 0..10_000u32 {
            assert_eq!(map.insert(n.to_string(), n), None);
        }
        assert_eq!(map.len(), 10_000);
        assert_eq!(map.insert("7".to_owned(), 70), Some(7));
        assert_eq!(map.get("7"), Some(&70));
        assert_eq!(map.remove("7"), Some(70));
        assert_eq!(map.remove("7"), None);
        assert!(!map.contains_key("7"));
        assert_eq!(map.len(), 9_999);
        assert_eq!(map.iter().count(), 9_999);
        let used = map.shards.iter().filter(|shard| !shard.is_empty()).count();
        assert_eq!(used, SHARDS, "keys spread over every shard");
    }

    #[test]
    fn equality_ignores_seeds() {
        let mut a = ShardedMap::default();
        let mut b = ShardedMap::default();
        for n in 0..100u32 {
            a.insert(n, n);
            b.insert(99 - n, 99 - n);
        }
        assert_eq!(a, b);
        b.insert(5, 6);
        assert_ne!(a, b);
    }
}
