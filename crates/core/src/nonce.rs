//! Remembered signature nonces: a nonce may not come back within its time to live.
//!
//! The gateway's on-duty engineers describe the rule as global ("全网31分钟内不重复"), so the
//! memory is keyed on the nonce alone, not on the access key. It is bounded: past its
//! capacity the oldest nonces are forgotten first. It keeps a 64-bit keyed digest of each
//! nonce rather than the nonce, so an entry costs the same whatever a client sends; the key
//! is random per process, so nobody can make two nonces collide on purpose.

use std::collections::hash_map::RandomState;
use std::collections::VecDeque;
use std::hash::BuildHasher;
use std::sync::{Mutex, PoisonError};

use time::OffsetDateTime;

use crate::store::sharded::ShardedMap;

/// Every request that carries a signature takes this memory's lock, so none of its tables
/// may stall while it grows: the map is sharded and the queue is kept in chunks of fixed
/// size (a `VecDeque` doubling copied a third of a million entries under the lock).
#[derive(Debug, Default)]
struct Memory {
    /// Keyed by the digest, which SipHash already spread: a cheap hash over it is enough.
    expiry_by_nonce: ShardedMap<u64, OffsetDateTime>,
    /// Nonce digests in the order recorded, with the expiry they were recorded with.
    order: ChunkedQueue<(OffsetDateTime, u64)>,
}

/// A first-in first-out queue in chunks of [`CHUNK`] items: growing allocates one chunk and
/// never moves the items already queued.
#[derive(Debug)]
struct ChunkedQueue<T> {
    chunks: VecDeque<VecDeque<T>>,
}

const CHUNK: usize = 4096;

impl<T> Default for ChunkedQueue<T> {
    fn default() -> Self {
        ChunkedQueue {
            chunks: VecDeque::new(),
        }
    }
}

impl<T> ChunkedQueue<T> {
    fn push_back(&mut self, item: T) {
        match self.chunks.back_mut() {
            Some(chunk) if chunk.len() < CHUNK => chunk.push_back(item),
            _ => {
                let mut chunk = VecDeque::with_capacity(CHUNK);
                chunk.push_back(item);
                self.chunks.push_back(chunk);
            }
        }
    }

    fn front(&self) -> Option<&T> {
        self.chunks.front().and_then(VecDeque::front)
    }

    fn pop_front(&mut self) -> Option<T> {
        let chunk = self.chunks.front_mut()?;
        let item = chunk.pop_front();
        if chunk.is_empty() {
            self.chunks.pop_front();
        }
        item
    }
}

/// The nonces already used, each until its time to live ends; bounded.
#[derive(Debug)]
pub struct NonceMemory {
    memory: Mutex<Memory>,
    capacity: usize,
    digest_key: RandomState,
}

impl NonceMemory {
    /// A memory of at most `capacity` nonces (at least one).
    pub fn new(capacity: usize) -> Self {
        NonceMemory {
            memory: Mutex::new(Memory::default()),
            capacity: capacity.max(1),
            digest_key: RandomState::new(),
        }
    }

    /// Records `nonce` until `now + ttl`; false if it is still remembered from before.
    pub fn record(&self, nonce: &str, now: OffsetDateTime, ttl: time::Duration) -> bool {
        let digest = self.digest_key.hash_one(nonce);
        let mut memory = self.memory.lock().unwrap_or_else(PoisonError::into_inner);
        memory.forget_expired(now);
        if memory.expiry_by_nonce.get(&digest).is_some_and(|expiry| *expiry > now) {
            return false;
        }
        // A TTL past the calendar's end (the configuration is checked, a caller of this type
        // may not be) means "remembered until forgotten for room".
        let expiry = now
            .checked_add(ttl)
            .unwrap_or_else(|| time::PrimitiveDateTime::MAX.assume_utc());
        memory.expiry_by_nonce.insert(digest, expiry);
        memory.order.push_back((expiry, digest));
        while memory.expiry_by_nonce.len() > self.capacity {
            memory.forget_oldest();
        }
        true
    }

    /// How many nonces are remembered now.
    pub fn len(&self) -> usize {
        self.memory
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .expiry_by_nonce
            .len()
    }

    /// Whether none is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets every nonce.
    pub fn clear(&self) {
        *self.memory.lock().unwrap_or_else(PoisonError::into_inner) = Memory::default();
    }
}

impl Memory {
    fn forget_expired(&mut self, now: OffsetDateTime) {
        while self.order.front().is_some_and(|(expiry, _)| *expiry <= now) {
            self.forget_oldest();
        }
    }

    fn forget_oldest(&mut self) {
        if let Some((expiry, nonce)) = self.order.pop_front() {
            // A nonce recorded again after expiring has a newer entry further back; keep that one.
            if self.expiry_by_nonce.get(&nonce) == Some(&expiry) {
                self.expiry_by_nonce.remove(&nonce);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;
    use time::Duration;

    const T0: OffsetDateTime = datetime!(2026-11-30 09:00:00 UTC);

    #[test]
    fn a_nonce_is_refused_until_it_expires() {
        let memory = NonceMemory::new(10);
        let ttl = Duration::minutes(31);
        assert!(memory.record("n1", T0, ttl));
        assert!(!memory.record("n1", T0 + Duration::minutes(30), ttl));
        assert!(memory.record("n1", T0 + Duration::minutes(31), ttl));
    }

    #[test]
    fn the_chunked_queue_keeps_its_order_across_chunks() {
        let mut queue = ChunkedQueue::default();
        for n in 0..(3 * CHUNK + 7) {
            queue.push_back(n);
        }
        for n in 0..(3 * CHUNK + 7) {
            assert_eq!(queue.front(), Some(&n));
            assert_eq!(queue.pop_front(), Some(n));
        }
        assert_eq!(queue.pop_front(), None);
        assert!(queue.chunks.is_empty());
    }

    #[test]
    fn memory_is_bounded() {
        let memory = NonceMemory::new(3);
        let ttl = Duration::minutes(31);
        for i in 0..10 {
            assert!(memory.record(&format!("n{i}"), T0, ttl));
        }
        assert_eq!(memory.len(), 3);
        assert!(!memory.record("n9", T0, ttl));
        assert!(memory.record("n0", T0, ttl), "the oldest was forgotten");
    }
}
