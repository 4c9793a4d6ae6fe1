//! The backend every surface reads and changes: the state ([`Store`]: the world per account
//! and region, the cross-region indexes, the id generators) and the one clock, which moves
//! timestamps, nonces, expiries and windows alike on every surface.

use std::sync::Arc;

use crate::clock::Clock;
use crate::store::Store;

/// The state and the clock, one per mock.
#[derive(Debug, Default)]
pub struct Backend {
    store: Store,
    clock: Arc<Clock>,
}

impl Backend {
    /// An empty world on this clock.
    pub fn new(clock: Arc<Clock>) -> Backend {
        Backend {
            store: Store::default(),
            clock,
        }
    }

    /// This store (durable, say) on this clock.
    pub fn with_store(store: Store, clock: Arc<Clock>) -> Backend {
        Backend { store, clock }
    }

    /// The state of every account and region.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The one clock every surface reads.
    pub fn clock(&self) -> &Arc<Clock> {
        &self.clock
    }
}
