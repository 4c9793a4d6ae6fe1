//! What changed in the world since the durable store last looked: the records each write
//! touched, so that a commit writes those and not a whole scope.
//!
//! Nothing is captured while the world lives only in memory: every mark is a test of an
//! `Option` that is `None`. Once a durable store owns the world it turns capture on; from
//! then on each family's table notes the key of every record it inserts, removes or changes
//! (its own `insert`, `remove`, `update` and `get_mut` are the only ways in), and the world
//! notes the scopes whose tenancy was reached mutably and the scopes that emptied and went.
//!
//! A family is persisted through [`PersistedTable`], reached from [`Tenancy::tables_mut`],
//! which destructures a tenancy in full: a family added to [`Tenancy`] does not compile until
//! it is persisted too. Its records are written under the name of its field in
//! [`super::ScopeState`] and read back through the same serde description as an export, so
//! there is no second description of any family.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{Scope, StateSnapshot, Tenancy, World};

/// The keys of a table's records changed since they were last taken; `None` while the world
/// is not persisted.
#[derive(Debug, Clone)]
pub(crate) struct ChangedKeys<K>(Option<BTreeSet<K>>);

impl<K> Default for ChangedKeys<K> {
    fn default() -> Self {
        ChangedKeys(None)
    }
}

/// Capture is bookkeeping, not state: two tables holding the same records are equal.
impl<K> PartialEq for ChangedKeys<K> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<K> Eq for ChangedKeys<K> {}

impl<K: Ord> ChangedKeys<K> {
    /// Notes a key; `key` is only called while capturing, so memory-only mode copies nothing.
    #[inline]
    pub(crate) fn mark(&mut self, key: impl FnOnce() -> K) {
        if let Some(keys) = &mut self.0 {
            keys.insert(key());
        }
    }

    pub(crate) fn start(&mut self) {
        self.0.get_or_insert_with(BTreeSet::new);
    }

    pub(crate) fn take(&mut self) -> BTreeSet<K> {
        self.0.as_mut().map(std::mem::take).unwrap_or_default()
    }
}

/// One record as stored: its scope, its family (the [`super::ScopeState`] field), its key (bytes
/// that sort as the table orders its records), and its JSON, or `None` once it is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowChange {
    /// The account and region it belongs to.
    pub scope: Scope,
    /// Its family: the name of its field in a [`super::ScopeState`].
    pub family: &'static str,
    /// Its key in its table, as bytes that sort as the table does.
    pub key: Vec<u8>,
    /// Its JSON; `None` once it is gone.
    pub value: Option<Vec<u8>>,
}

/// What one write did to the stored world, in the order it must be applied.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChangeSet {
    /// Everything stored is replaced by `rows` (an import, a reset, a world put in place).
    pub replace_all: bool,
    /// The records written or removed.
    pub rows: Vec<RowChange>,
    /// The world's own fields (format, id generators) as a [`StateSnapshot`] without
    /// scopes, when they changed.
    pub header: Option<Vec<u8>>,
}

impl ChangeSet {
    /// Whether it changes nothing stored.
    pub fn is_empty(&self) -> bool {
        !self.replace_all && self.rows.is_empty() && self.header.is_none()
    }
}

/// Where a table hands its changed records: each one's key, and its JSON (or why it could
/// not be encoded), or `None` once it is gone.
pub(crate) type ChangeSink<'a> = &'a mut dyn FnMut(Vec<u8>, Option<Result<Vec<u8>, String>>);

/// A family's table as the durable store sees it: records by a key whose bytes sort as the
/// export lists them (an AppId, a creation sequence, an (API, stage, app) triple).
pub(crate) trait PersistedTable {
    /// The field of [`super::ScopeState`] that lists this family's records.
    fn family(&self) -> &'static str;
    fn start_capture(&mut self);
    /// Each record changed since the last call: its key, and its JSON, or `None` if it is gone.
    fn take_changes(&mut self, out: ChangeSink<'_>);
    /// Every record in the table's order, as stored.
    fn each_stored(&self, out: &mut dyn FnMut(Vec<u8>, Result<Vec<u8>, String>));
}

/// The stored key of a record a table orders by a number.
pub(crate) fn number_key(key: u64) -> Vec<u8> {
    key.to_be_bytes().to_vec()
}

/// The changes of a table whose records a number orders.
pub(crate) fn numbered_changes<R: Serialize>(
    changed: &mut ChangedKeys<u64>,
    record: impl Fn(u64) -> Option<R>,
    out: ChangeSink<'_>,
) {
    for key in changed.take() {
        out(number_key(key), record(key).map(|record| to_stored(&record)));
    }
}

/// A record as stored: the JSON of its serde description, the one an export writes.
pub(crate) fn to_stored<R: Serialize>(record: &R) -> Result<Vec<u8>, String> {
    serde_json::to_vec(record).map_err(|e| format!("cannot encode a record: {e}"))
}

/// The world's capture state: `None` in memory-only mode.
#[derive(Debug, Default)]
pub(crate) struct Capture(Option<Box<Captured>>);

/// A copy of a world is nobody's to persist: it captures nothing.
impl Clone for Capture {
    fn clone(&self) -> Self {
        Capture(None)
    }
}

#[derive(Debug, Default)]
struct Captured {
    touched: Vec<Scope>,
    /// The rows of scopes that emptied and went during the write: their tenancy is gone
    /// by the time the changes are taken, so its last removals are taken when it goes.
    gone: Vec<RowChange>,
    /// The header last handed out, to tell whether it changed.
    header: Vec<u8>,
}

impl PartialEq for Capture {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Capture {}

impl Capture {
    #[inline]
    pub(crate) fn is_on(&self) -> bool {
        self.0.is_some()
    }

    #[inline]
    pub(crate) fn touched(&mut self, scope: &Scope) {
        if let Some(captured) = &mut self.0 {
            if captured.touched.last() != Some(scope) {
                captured.touched.push(scope.clone());
            }
        }
    }

    /// A scope's tenancy goes, empty: what its tables still hold as changed (the removals
    /// of its last records, and of any record made and removed in the same write) is
    /// taken now, before the tenancy is dropped.
    pub(crate) fn emptied(&mut self, scope: &Scope, tenancy: &mut Tenancy) {
        let Some(captured) = &mut self.0 else {
            return;
        };
        for table in tenancy.tables_mut() {
            let family = table.family();
            // The tenancy holds no record: every key it noted is a removal.
            table.take_changes(&mut |key, _| {
                captured.gone.push(RowChange {
                    scope: scope.clone(),
                    family,
                    key,
                    value: None,
                });
            });
        }
    }
}

impl Tenancy {
    /// Every family's table. Destructured in full, so that a family added to a tenancy is a
    /// compile error here until it is persisted.
    pub(crate) fn tables_mut(&mut self) -> [&mut dyn PersistedTable; 5] {
        let Tenancy {
            apps,
            groups,
            apis,
            authorizations,
            traffic_controls,
        } = self;
        [apps, groups, apis, authorizations, traffic_controls]
    }

    fn tables(&self) -> [&dyn PersistedTable; 5] {
        let Tenancy {
            apps,
            groups,
            apis,
            authorizations,
            traffic_controls,
        } = self;
        [apps, groups, apis, authorizations, traffic_controls]
    }

    pub(crate) fn start_capture(&mut self) {
        for table in self.tables_mut() {
            table.start_capture();
        }
    }
}

/// The families a durable store persists, by their [`super::ScopeState`] field.
pub fn persisted_families() -> Vec<&'static str> {
    Tenancy::default().tables().iter().map(|table| table.family()).collect()
}

impl World {
    /// Whether a durable store captures this world's changes.
    pub fn is_captured(&self) -> bool {
        self.capture.is_on()
    }

    /// Turns capture on and answers the whole world as a [`ChangeSet`] that replaces
    /// whatever was stored: what a durable store writes when it takes a world over.
    pub(crate) fn capture_all(&mut self) -> Result<ChangeSet, String> {
        let header = self.stored_header()?;
        self.capture.0 = Some(Box::new(Captured {
            header: header.clone(),
            ..Captured::default()
        }));
        let mut rows = Vec::new();
        let mut failure = None;
        for (scope, tenancy) in self.tenancies.iter_mut() {
            tenancy.start_capture();
            tenancy.take_all_changed();
            for table in tenancy.tables() {
                let family = table.family();
                table.each_stored(&mut |key, value| match value {
                    Ok(value) => rows.push(RowChange {
                        scope: scope.as_ref().clone(),
                        family,
                        key,
                        value: Some(value),
                    }),
                    Err(e) => failure = Some(e),
                });
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
        Ok(ChangeSet {
            replace_all: true,
            rows,
            header: Some(header),
        })
    }

    /// What changed since the last call (or since [`World::capture_all`]); empty when capture
    /// is off.
    pub(crate) fn take_changes(&mut self) -> Result<ChangeSet, String> {
        let Some(captured) = self.capture.0.as_mut() else {
            return Ok(ChangeSet::default());
        };
        // The rows of scopes that went come first: a scope made again in the same write
        // writes its new rows after them.
        let mut rows = std::mem::take(&mut captured.gone);
        let mut touched = std::mem::take(&mut captured.touched);
        touched.sort_unstable();
        touched.dedup();
        let mut failure = None;
        for scope in touched {
            let Some(tenancy) = self.tenancies.get_mut(&scope) else {
                continue; // it emptied and went: its rows are in `gone`
            };
            for table in tenancy.tables_mut() {
                let family = table.family();
                table.take_changes(&mut |key, value| {
                    let value = match value.transpose() {
                        Ok(value) => value,
                        Err(e) => {
                            failure = Some(e);
                            None
                        }
                    };
                    rows.push(RowChange {
                        scope: scope.clone(),
                        family,
                        key,
                        value,
                    });
                });
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
        let header = self.stored_header()?;
        let header = match self.capture.0.as_mut() {
            Some(captured) if captured.header != header => {
                captured.header.clone_from(&header);
                Some(header)
            }
            _ => None,
        };
        Ok(ChangeSet {
            replace_all: false,
            rows,
            header,
        })
    }

    /// The world's own fields as stored: an export's header, without its scopes.
    fn stored_header(&self) -> Result<Vec<u8>, String> {
        to_stored(&self.export_header())
    }
}

impl Tenancy {
    fn take_all_changed(&mut self) {
        for table in self.tables_mut() {
            table.take_changes(&mut |_, _| {});
        }
    }
}

/// The header and the rows read back, in key order, as the document an import takes: each
/// row's JSON under its family's field of its scope. A family unknown to this build, or a
/// record that does not parse, is refused by [`super::ScopeState`]'s own description.
pub(crate) fn snapshot_from_rows(
    header: &[u8],
    rows: impl IntoIterator<Item = Result<(Scope, String, Vec<u8>), String>>,
) -> Result<StateSnapshot, String> {
    use serde_json::{Map, Value};
    let mut snapshot: StateSnapshot =
        serde_json::from_slice(header).map_err(|e| format!("the stored header does not parse: {e}"))?;
    if !snapshot.scopes.is_empty() {
        return Err("the stored header holds scopes".to_owned());
    }
    // Rows are stored family by family, a scope's records among the others' (see
    // `super::durable`): they are gathered by scope here, each family's in key order.
    let mut scopes: BTreeMap<Scope, Map<String, Value>> = BTreeMap::new();
    for row in rows {
        let (scope, family, value) = row?;
        let record: Value = serde_json::from_slice(&value).map_err(|e| {
            format!(
                "a stored {family} record of account {} in {} does not parse: {e}",
                scope.account_uid, scope.region
            )
        })?;
        let fields = scopes.entry(scope).or_insert_with_key(|scope| {
            let mut fields = Map::new();
            fields.insert("account_uid".to_owned(), Value::String(scope.account_uid.clone()));
            fields.insert("region".to_owned(), Value::String(scope.region.clone()));
            fields
        });
        match fields.entry(family).or_insert_with(|| Value::Array(Vec::new())) {
            Value::Array(records) => records.push(record),
            _ => return Err("a family is named like a scope's own field".to_owned()),
        }
    }
    for (scope, fields) in scopes {
        let state = serde_json::from_value(Value::Object(fields)).map_err(|e| {
            format!(
                "the stored records of account {} in {} do not make a scope: {e}",
                scope.account_uid, scope.region
            )
        })?;
        snapshot.scopes.push(state);
    }
    Ok(snapshot)
}
