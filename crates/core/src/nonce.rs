//! Remembered signature nonces: a nonce may not come back within its time to live.
//!
//! The gateway's on-duty engineers describe the rule as global ("全网31分钟内不重复"), so the
//! memory is keyed on the nonce alone, not on the access key. It is bounded: past its
//! capacity the oldest nonces are forgotten first. It keeps a 64-bit keyed digest of each
//! nonce rather than the nonce, so an entry costs the same whatever a client sends; the key
//! is random per process, so nobody can make two nonces collide on purpose.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasher;
use std::sync::{Mutex, PoisonError};

use time::OffsetDateTime;

#[derive(Debug, Default)]
struct Memory {
    /// Keyed by the digest, which SipHash already spread: a cheap hash over it is enough.
    expiry_by_nonce: HashMap<u64, OffsetDateTime, foldhash::fast::RandomState>,
    /// Nonce digests in the order recorded, with the expiry they were recorded with.
    order: VecDeque<(OffsetDateTime, u64)>,
}

#[derive(Debug)]
pub struct NonceMemory {
    memory: Mutex<Memory>,
    capacity: usize,
    digest_key: RandomState,
}

impl NonceMemory {
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

    pub fn len(&self) -> usize {
        self.memory
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .expiry_by_nonce
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

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
