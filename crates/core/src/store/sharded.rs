//! A hash map split into shards, so that no insert ever moves the whole table.
//!
//! A `HashMap` doubles its table when it fills, rehashing every entry while the world lock is
//! held: with a quarter of a million AppKeys that is several milliseconds during which every
//! request waits, and it showed as CreateApp's p99 at three times the ceiling's. Split in
//! [`SHARDS`] tables, a doubling moves a 256th of the entries. Keys spread evenly, so every
//! shard of a map (and the maps of one request's keys: AppKey, AppCode, AppId, name, nonce)
//! doubles near the same count: with 32 shards, around 229,000 apps, some 160 doublings of
//! 7,000 entries each (a few hundred microseconds apiece, under the lock) fell within a few
//! seconds of CreateApp; a 256th keeps each under a tenth of that.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{BuildHasher, Hash};

use foldhash::fast::RandomState;
use hashbrown::hash_table::{Entry, HashTable};

/// How many tables a map is split in: a power of two.
pub const SHARDS: usize = 256;

/// A map from `K` to `V` in [`SHARDS`] tables, chosen by the key's hash.
///
/// The key is hashed once: the shard is picked by some bits of the hash and the shard's
/// table places the entry by others. Each shard is a bare table of 32 bytes, aligned so
/// that it never straddles two cache lines: an insert writes its shard's counts, and on two
/// cores every line so written moves between them (a `HashMap` per shard, with its own
/// hasher, was 40 bytes and hashed the key a second time).
#[derive(Clone)]
pub struct ShardedMap<K, V> {
    hasher: RandomState,
    /// Empty until the first insert (a tenancy's table may never hold any), then [`SHARDS`].
    shards: Box<[Shard<K, V>]>,
    len: usize,
}

#[derive(Clone)]
#[repr(align(32))]
struct Shard<K, V>(HashTable<(K, V)>);

impl<K, V> Default for ShardedMap<K, V> {
    fn default() -> Self {
        ShardedMap {
            shards: Box::default(),
            hasher: RandomState::default(),
            len: 0,
        }
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for ShardedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.shards.iter().flat_map(|shard| shard.0.iter().map(|(k, v)| (k, v))))
            .finish()
    }
}

/// The shard of a hash: bits from its middle. The shard's table indexes by the low bits and
/// tags each entry with the top seven, so bits taken from either end would be the same in
/// every key of a shard (the top ones made most tags alike, and a lookup compared keys it
/// need not have).
fn shard_of(hash: u64) -> usize {
    (hash >> 32) as usize % SHARDS
}

impl<K: Hash + Eq, V> ShardedMap<K, V> {
    fn hash<Q: Hash + ?Sized>(&self, key: &Q) -> u64 {
        self.hasher.hash_one(key)
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
        let hash = self.hash(key);
        let shard = self.shards.get(shard_of(hash))?;
        shard.0.find(hash, |(k, _)| k.borrow() == key).map(|(_, v)| v)
    }

    /// The value of a key, to change.
    pub fn get_mut<Q>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let hash = self.hash(key);
        let shard = self.shards.get_mut(shard_of(hash))?;
        shard.0.find_mut(hash, |(k, _)| k.borrow() == key).map(|(_, v)| v)
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
        if self.shards.is_empty() {
            self.shards = (0..SHARDS).map(|_| Shard(HashTable::new())).collect();
        }
        let hash = self.hash(&key);
        let hasher = &self.hasher;
        let shard = &mut self.shards[shard_of(hash)];
        match shard.0.entry(hash, |(k, _)| *k == key, |(k, _)| hasher.hash_one(k)) {
            Entry::Occupied(mut entry) => Some(std::mem::replace(&mut entry.get_mut().1, value)),
            Entry::Vacant(entry) => {
                entry.insert((key, value));
                self.len += 1;
                None
            }
        }
    }

    /// Removes, answering the value removed.
    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let hash = self.hash(key);
        let shard = self.shards.get_mut(shard_of(hash))?;
        let entry = shard.0.find_entry(hash, |(k, _)| k.borrow() == key).ok()?;
        let ((_, old), _) = entry.remove();
        self.len -= 1;
        Some(old)
    }

    /// Every entry, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.shards.iter().flat_map(|shard| shard.0.iter().map(|(k, v)| (k, v)))
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
        let used = map.shards.iter().filter(|shard| !shard.0.is_empty()).count();
        assert_eq!(used, SHARDS, "keys spread over every shard");
    }

    #[test]
    fn an_empty_map_answers_before_its_first_insert() {
        let mut map: ShardedMap<String, u32> = ShardedMap::default();
        assert_eq!(map.get("a"), None);
        assert_eq!(map.get_mut("a"), None);
        assert_eq!(map.remove("a"), None);
        assert!(map.is_empty() && map.iter().next().is_none());
        assert_eq!(map, ShardedMap::default());
        map.insert("a".to_owned(), 1);
        map.remove("a");
        assert_eq!(map, ShardedMap::default(), "emptied is equal to never filled");
    }

    #[test]
    fn a_shard_never_straddles_two_cache_lines() {
        assert_eq!(std::mem::size_of::<Shard<String, u32>>(), 32);
        assert_eq!(std::mem::align_of::<Shard<String, u32>>(), 32);
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
