//! The world on disk: an optional durable mode, in redb (an embedded, crash-safe B-tree
//! store: copy-on-write pages with checksums, a commit fsynced before it returns, one writer
//! at a time, an exclusive lock on its file).
//!
//! What is stored is what an export holds, record by record: each record of each family
//! under (family, key, account, region), as the JSON of its serde description, and the
//! world's own fields (the id generators) as an export's header. A write stores only the
//! records it touched ([`super::changes`]); a world put in place whole (an import, a reset)
//! replaces everything. Reading back builds the document an import takes, so the checks an
//! import makes hold for what is read from disk too.
//!
//! Durability: a write's changes are queued under the world lock, in the order they were
//! made, and the request that made them gets a [`CommitTicket`]. One committer thread takes
//! everything queued, commits it in one transaction (fsynced), then wakes every ticket it
//! covered: writes from many connections share a flush. The answer waits for its ticket;
//! a read whose answer shows changes not yet committed waits for them too, so nothing that
//! could be lost is ever shown.

use std::cell::RefCell;
use std::fmt;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use redb::{Database, DatabaseError, ReadableTable, ReadableTableMetadata, StorageError, TableDefinition};

use super::changes::{snapshot_from_rows, ChangeSet, RowChange};
use super::{Scope, World};
use filled_file::FilledFile;

mod filled_file;

/// The file in the data directory.
pub const DATA_FILE: &str = "state.redb";
/// The version of what this module writes into the file (its tables, keys and values);
/// redb's own file format has its own version, which redb checks. Layout 1 put the scope
/// before the family in each row's key; layout 2 puts it last (see [`row_key`]).
pub const LAYOUT_VERSION: u32 = 2;

/// [`row_key`] -> the record's JSON.
const ROWS: TableDefinition<&[u8], &[u8]> = TableDefinition::new("rows");
/// `layout` -> [`LAYOUT_VERSION`] as 4 big-endian bytes; `header` -> the export's header.
const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const LAYOUT_KEY: &str = "layout";
const HEADER_KEY: &str = "header";

/// Why a data directory cannot be used. Nothing in it was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Another running mock holds it.
    InUse(PathBuf),
    /// Written by another version of the mock (or of redb).
    OtherVersion {
        /// The data file.
        path: PathBuf,
        /// Which version it holds.
        detail: String,
    },
    /// Not a mock's data file, or damaged: truncated, corrupt, or holding what no import takes.
    Corrupt {
        /// The data file.
        path: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// The directory cannot be made, read or written.
    Io {
        /// The directory.
        path: PathBuf,
        /// What the system answered.
        detail: String,
    },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::InUse(path) => write!(
                f,
                "data directory {} is in use by another running mock (its {DATA_FILE} is locked); \
                 two mocks never share a directory",
                path.display()
            ),
            OpenError::OtherVersion { path, detail } => write!(
                f,
                "{} was written by another version of cloudapi-mock: {detail}; \
                 export its state with that version (GET /_mock/state) and seed a new directory",
                path.display()
            ),
            OpenError::Corrupt { path, detail } => write!(
                f,
                "{} is not a usable cloudapi-mock data file (truncated or corrupt?): {detail}; \
                 nothing was changed",
                path.display()
            ),
            OpenError::Io { path, detail } => write!(f, "data directory {}: {detail}", path.display()),
        }
    }
}

impl std::error::Error for OpenError {}

/// Why a write could not be made durable. Once a commit fails the store takes no more: what
/// memory holds may then be ahead of the disk, and is never acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurabilityError(pub String);

impl fmt::Display for DurabilityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the durable state could not be committed: {}", self.0)
    }
}

impl std::error::Error for DurabilityError {}

/// The durable side of a [`super::Store`]: the queue of changes and its committer thread.
pub struct Durable {
    pipeline: Arc<Pipeline>,
    committer: Option<JoinHandle<()>>,
    path: PathBuf,
    restored: bool,
}

impl fmt::Debug for Durable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Durable")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

struct Pipeline {
    queue: Mutex<Queue>,
    queued: Condvar,
    /// The sequence number of the last change set queued (set under the world lock).
    assigned: AtomicU64,
    /// Every change set up to this one is on disk.
    committed: AtomicU64,
    failure: OnceLock<String>,
    waiters: Mutex<Vec<(u64, Waker)>>,
    settled: Condvar,
}

#[derive(Default)]
struct Queue {
    sets: Vec<ChangeSet>,
    last: u64,
    stopping: bool,
    /// The queue length at which the committer wants to be woken (see [`Gathering`]): a
    /// writer that makes it so wakes it, the others queue without a system call.
    wanted: usize,
}

impl Durable {
    /// Opens (or makes) the data directory and reads the world back from it.
    pub fn open(dir: &Path) -> Result<(Durable, World), OpenError> {
        let io = |detail: String| OpenError::Io {
            path: dir.to_owned(),
            detail,
        };
        if dir.exists() && !dir.is_dir() {
            return Err(io("it is not a directory".to_owned()));
        }
        std::fs::create_dir_all(dir).map_err(|e| io(format!("cannot create it: {e}")))?;
        let path = dir.join(DATA_FILE);
        let existed = std::fs::metadata(&path).map(|m| m.len() > 0).unwrap_or(false);
        let corrupt = |detail: String| OpenError::Corrupt {
            path: path.clone(),
            detail,
        };
        // redb asserts, rather than answers an error, on a file shorter than its header says
        // (a truncated copy): that panic is caught here and is a refusal like the others.
        let opened = std::panic::catch_unwind(|| {
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)?;
            // A file that is not empty is opened as it is: redb initializes only an empty one.
            Database::builder().create_with_backend(FilledFile::new(file)?)
        })
        .map_err(|_| corrupt("it is shorter than its header says".to_owned()))?;
        let db = opened.map_err(|e| match e {
            DatabaseError::DatabaseAlreadyOpen => OpenError::InUse(dir.to_owned()),
            DatabaseError::UpgradeRequired(version) => OpenError::OtherVersion {
                path: path.clone(),
                detail: format!("redb file format {version}"),
            },
            DatabaseError::Storage(StorageError::Io(e))
                if !matches!(e.kind(), ErrorKind::UnexpectedEof | ErrorKind::InvalidData) =>
            {
                io(format!("cannot open {DATA_FILE}: {e}"))
            }
            other => corrupt(other.to_string()),
        })?;
        let mut world = if existed {
            read_world(&db, &path)?
        } else {
            World::default()
        };
        // Taking the world over renumbers nothing in memory, but the creation sequences an
        // import hands out may differ from the keys on disk (deleted records leave gaps):
        // the stored keys must be the tables' own, for later changes to land on them.
        // The id generators count as state: a directory whose apps were all deleted still
        // remembers which ids were handed out.
        let restored = existed && (world.tenancies().next().is_some() || world.ids() != Default::default());
        let full = world.capture_all().map_err(&corrupt)?;
        if !existed || stored_keys(&db).map_err(&corrupt)? != keys_of(&full) {
            commit(&db, std::slice::from_ref(&full)).map_err(|e| io(format!("cannot write {DATA_FILE}: {e}")))?;
        }
        let pipeline = Arc::new(Pipeline {
            queue: Mutex::new(Queue::default()),
            queued: Condvar::new(),
            assigned: AtomicU64::new(0),
            committed: AtomicU64::new(0),
            failure: OnceLock::new(),
            waiters: Mutex::new(Vec::new()),
            settled: Condvar::new(),
        });
        let committer = {
            let pipeline = pipeline.clone();
            std::thread::Builder::new()
                .name("cloudapi-commit".to_owned())
                .spawn(move || run_committer(&db, &pipeline))
                .map_err(|e| io(format!("cannot start the committer thread: {e}")))?
        };
        Ok((
            Durable {
                pipeline,
                committer: Some(committer),
                path,
                restored,
            },
            world,
        ))
    }

    /// The data file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the directory held state when it was opened.
    pub fn restored(&self) -> bool {
        self.restored
    }

    /// Queues what the write just made did, under the world lock (so in the order the
    /// changes were made), and remembers its ticket for the thread's request.
    pub(crate) fn after_write(&self, world: &mut World) {
        let changes = if world.is_captured() {
            world.take_changes()
        } else {
            // A world put in place whole (an import, a reset): it replaces what is stored.
            world.capture_all()
        };
        let seq = match changes {
            Ok(set) if set.is_empty() => return,
            Ok(set) => self.pipeline.enqueue(set),
            Err(e) => {
                self.pipeline.fail(e);
                u64::MAX
            }
        };
        remember(CommitTicket {
            pipeline: self.pipeline.clone(),
            seq,
        });
    }

    /// A read shows every change queued before it: if some are not yet on disk, the
    /// thread's request waits for them before its answer leaves.
    pub(crate) fn after_read(&self) {
        let assigned = self.pipeline.assigned.load(Ordering::Acquire);
        if assigned > self.pipeline.committed.load(Ordering::Acquire) {
            remember(CommitTicket {
                pipeline: self.pipeline.clone(),
                seq: assigned,
            });
        }
    }
}

impl Drop for Durable {
    /// Commits what is queued, then closes the file (and so releases its lock).
    fn drop(&mut self) {
        self.pipeline.lock_queue().stopping = true;
        self.pipeline.queued.notify_all();
        if let Some(committer) = self.committer.take() {
            let _ = committer.join();
        }
    }
}

impl Pipeline {
    fn lock_queue(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn lock_waiters(&self) -> std::sync::MutexGuard<'_, Vec<(u64, Waker)>> {
        self.waiters.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn enqueue(&self, set: ChangeSet) -> u64 {
        let mut queue = self.lock_queue();
        queue.last += 1;
        let seq = queue.last;
        queue.sets.push(set);
        self.assigned.store(seq, Ordering::Release);
        let wake = queue.sets.len() == queue.wanted;
        drop(queue);
        if wake {
            self.queued.notify_one();
        }
        seq
    }

    fn fail(&self, reason: String) {
        let _ = self.failure.set(reason);
        self.settle();
    }

    /// Wakes every ticket that is now settled, committed or failed.
    fn settle(&self) {
        let committed = self.committed.load(Ordering::Acquire);
        let failed = self.failure.get().is_some();
        let mut waiters = self.lock_waiters();
        let mut index = 0;
        while index < waiters.len() {
            if failed || waiters[index].0 <= committed {
                waiters.swap_remove(index).1.wake();
            } else {
                index += 1;
            }
        }
        drop(waiters);
        self.settled.notify_all();
    }
}

/// The committer: whatever is queued, in one transaction, until told to stop and drained.
fn run_committer(db: &Database, pipeline: &Pipeline) {
    let mut gathering = Gathering::default();
    loop {
        let (sets, last) = {
            let mut queue = pipeline.lock_queue();
            queue.wanted = 1;
            while queue.sets.is_empty() && !queue.stopping {
                queue = pipeline.queued.wait(queue).unwrap_or_else(PoisonError::into_inner);
            }
            if queue.sets.len() < gathering.last_sets && !queue.stopping {
                let deadline = Instant::now() + gathering.last_took.min(MAX_GATHERING);
                queue.wanted = gathering.last_sets;
                while queue.sets.len() < gathering.last_sets && !queue.stopping {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    queue = pipeline
                        .queued
                        .wait_timeout(queue, left)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                }
            }
            // While it commits, the committer reads the queue again anyway when it is done.
            queue.wanted = usize::MAX;
            if queue.sets.is_empty() {
                return;
            }
            (std::mem::take(&mut queue.sets), queue.last)
        };
        if pipeline.failure.get().is_some() {
            pipeline.settle();
            continue;
        }
        let started = Instant::now();
        let committed = commit(db, &sets);
        gathering = Gathering {
            last_sets: sets.len(),
            last_took: started.elapsed(),
        };
        match committed {
            Ok(()) => {
                pipeline.committed.store(last, Ordering::Release);
                pipeline.settle();
            }
            Err(e) => pipeline.fail(e),
        }
        // The sets are freed here, after their writers were woken, not before.
        drop(sets);
    }
}

/// The longest a commit waits for more writes to share it.
const MAX_GATHERING: Duration = Duration::from_millis(2);

/// What the last commit carried and took, to size the next one.
///
/// A commit takes what is queued when it starts. Under a steady load the writers answered
/// by one commit send their next writes while the next commit is already flushing, so each
/// commit carried about half of them and each writer waited for two flushes: with 64
/// connections, 23 to 30 writes a commit. Before it starts, the committer so waits for as
/// many writes as the last commit carried, for no longer than the last commit took (an
/// answer then waits at most as long as it would have for the next commit): the writers on
/// their way back share this flush. A load that shrinks makes the next wait shorter; one
/// writer alone never waits.
#[derive(Debug, Default)]
struct Gathering {
    last_sets: usize,
    last_took: Duration,
}

/// Applies change sets in order, in one transaction, fsynced on commit. A set that replaces
/// everything makes the sets before it moot; of the headers, the last one is what holds.
fn commit(db: &Database, sets: &[ChangeSet]) -> Result<(), String> {
    let failed = |what: &str, e: &dyn fmt::Display| format!("{what}: {e}");
    let from = sets.iter().rposition(|set| set.replace_all).unwrap_or(0);
    let sets = &sets[from..];
    let txn = db.begin_write().map_err(|e| failed("begin", &e))?;
    if sets.first().is_some_and(|set| set.replace_all) {
        txn.delete_table(ROWS).map_err(|e| failed("clear", &e))?;
    }
    {
        let mut rows = txn.open_table(ROWS).map_err(|e| failed("open rows", &e))?;
        for set in sets {
            for row in &set.rows {
                let key = row_key(&row.scope, row.family, &row.key)?;
                match &row.value {
                    Some(value) => rows.insert(key.as_slice(), value.as_slice()).map(drop),
                    None => rows.remove(key.as_slice()).map(drop),
                }
                .map_err(|e| failed("write a record", &e))?;
            }
        }
        if let Some(header) = sets.iter().rev().find_map(|set| set.header.as_ref()) {
            let mut meta = txn.open_table(META).map_err(|e| failed("open meta", &e))?;
            meta.insert(HEADER_KEY, header.as_slice())
                .map_err(|e| failed("write the header", &e))?;
            if sets.first().is_some_and(|set| set.replace_all) {
                meta.insert(LAYOUT_KEY, LAYOUT_VERSION.to_be_bytes().as_slice())
                    .map_err(|e| failed("write the layout", &e))?;
            }
        }
    }
    txn.commit().map_err(|e| failed("commit", &e))
}

/// The world as the file holds it, through an import's checks.
fn read_world(db: &Database, path: &Path) -> Result<World, OpenError> {
    let corrupt = |detail: String| OpenError::Corrupt {
        path: path.to_owned(),
        detail,
    };
    let txn = db.begin_read().map_err(|e| corrupt(e.to_string()))?;
    let meta = txn
        .open_table(META)
        .map_err(|e| corrupt(format!("no mock tables in it ({e})")))?;
    let layout = meta
        .get(LAYOUT_KEY)
        .map_err(|e| corrupt(e.to_string()))?
        .ok_or_else(|| corrupt("it has no layout version".to_owned()))?;
    let layout = <[u8; 4]>::try_from(layout.value())
        .map(u32::from_be_bytes)
        .map_err(|_| corrupt("its layout version is not a number".to_owned()))?;
    if layout != LAYOUT_VERSION {
        return Err(OpenError::OtherVersion {
            path: path.to_owned(),
            detail: format!("layout {layout}, this build reads layout {LAYOUT_VERSION}"),
        });
    }
    let header = meta
        .get(HEADER_KEY)
        .map_err(|e| corrupt(e.to_string()))?
        .ok_or_else(|| corrupt("it has no header".to_owned()))?;
    let rows = txn.open_table(ROWS).map_err(|e| corrupt(e.to_string()))?;
    let iter = rows.iter().map_err(|e| corrupt(e.to_string()))?;
    let decoded = iter.map(|entry| {
        let (key, value) = entry.map_err(|e| e.to_string())?;
        let (scope, family, _) = parse_row_key(key.value())?;
        Ok((scope, family, value.value().to_vec()))
    });
    let snapshot = snapshot_from_rows(header.value(), decoded).map_err(&corrupt)?;
    World::import(snapshot).map_err(|e| corrupt(format!("its state is inconsistent: {e}")))
}

fn stored_keys(db: &Database) -> Result<Vec<Vec<u8>>, String> {
    let txn = db.begin_read().map_err(|e| e.to_string())?;
    let rows = match txn.open_table(ROWS) {
        Ok(rows) => rows,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
        Err(e) => return Err(e.to_string()),
    };
    let mut keys = Vec::with_capacity(usize::try_from(rows.len().unwrap_or(0)).unwrap_or(0));
    for entry in rows.iter().map_err(|e| e.to_string())? {
        let (key, _) = entry.map_err(|e| e.to_string())?;
        keys.push(key.value().to_vec());
    }
    Ok(keys)
}

fn keys_of(set: &ChangeSet) -> Vec<Vec<u8>> {
    let mut keys: Vec<Vec<u8>> = set
        .rows
        .iter()
        .filter_map(|row: &RowChange| row_key(&row.scope, row.family, &row.key).ok())
        .collect();
    keys.sort_unstable();
    keys
}

/// `family \0 key account \0 region n`, where `n` is the length of `account \0 region` as two
/// big-endian bytes, so that the scope reads back from the end whatever bytes the key holds.
///
/// The family and the record's own key come first so that what a load writes lands in few
/// places of the table: AppIds are handed out across the world in one sequence, so the apps
/// many accounts create in one commit all go to the table's last leaves, where with the
/// scope first (layout 1) each account's apps went to a leaf of their own and a commit
/// copied one leaf and its branches an account. A family's keys are prefix-free (numbers of
/// eight bytes; `api \0 stage \0 app` with ids that hold no NUL), so within one scope the
/// rows of a family still sort as its table does.
fn row_key(scope: &Scope, family: &str, key: &[u8]) -> Result<Vec<u8>, String> {
    if scope.account_uid.contains('\0') || scope.region.contains('\0') {
        return Err("an account or region holds a NUL byte".to_owned());
    }
    let scope_len = u16::try_from(scope.account_uid.len() + 1 + scope.region.len())
        .map_err(|_| "an account or region is too long to store".to_owned())?;
    let mut bytes = Vec::with_capacity(family.len() + 1 + key.len() + usize::from(scope_len) + 2);
    bytes.extend_from_slice(family.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(key);
    bytes.extend_from_slice(scope.account_uid.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(scope.region.as_bytes());
    bytes.extend_from_slice(&scope_len.to_be_bytes());
    Ok(bytes)
}

/// The scope, family and key of a stored row, as [`row_key`] wrote them.
fn parse_row_key(bytes: &[u8]) -> Result<(Scope, String, Vec<u8>), String> {
    let bad = || "a stored key is not one this build writes".to_owned();
    let text = |part: &[u8]| {
        std::str::from_utf8(part)
            .ok()
            .filter(|text| !text.is_empty() && !text.contains('\0'))
            .map(str::to_owned)
            .ok_or_else(bad)
    };
    let (rest, scope_len) = bytes.split_last_chunk::<2>().ok_or_else(bad)?;
    let scope_at = rest
        .len()
        .checked_sub(usize::from(u16::from_be_bytes(*scope_len)))
        .ok_or_else(bad)?;
    let (head, scope) = rest.split_at(scope_at);
    let nul = head.iter().position(|b| *b == 0).ok_or_else(bad)?;
    let (family, key) = (text(&head[..nul])?, &head[nul + 1..]);
    let (account_uid, region) = scope.split_at(scope.iter().position(|b| *b == 0).ok_or_else(bad)?);
    let scope = Scope {
        account_uid: text(account_uid)?,
        region: text(&region[1..])?,
    };
    if key.is_empty() {
        return Err(bad());
    }
    Ok((scope, family, key.to_vec()))
}

/// A promise that a write (or what a read showed) is on disk.
#[derive(Clone)]
pub struct CommitTicket {
    pipeline: Arc<Pipeline>,
    seq: u64,
}

impl fmt::Debug for CommitTicket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CommitTicket").field("seq", &self.seq).finish()
    }
}

impl PartialEq for CommitTicket {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.pipeline, &other.pipeline) && self.seq == other.seq
    }
}

impl Eq for CommitTicket {}

impl CommitTicket {
    fn settled(&self) -> Option<Result<(), DurabilityError>> {
        if self.pipeline.committed.load(Ordering::Acquire) >= self.seq {
            return Some(Ok(()));
        }
        self.pipeline
            .failure
            .get()
            .map(|reason| Err(DurabilityError(reason.clone())))
    }

    /// Resolves once the write is committed, or the store failed.
    pub async fn durable(self) -> Result<(), DurabilityError> {
        std::future::poll_fn(|cx| self.poll_durable(cx)).await
    }

    fn poll_durable(&self, cx: &mut Context<'_>) -> Poll<Result<(), DurabilityError>> {
        if let Some(settled) = self.settled() {
            return Poll::Ready(settled);
        }
        let mut waiters = self.pipeline.lock_waiters();
        // Checked again under the lock the committer takes to wake: no wake-up is lost.
        if let Some(settled) = self.settled() {
            return Poll::Ready(settled);
        }
        waiters.push((self.seq, cx.waker().clone()));
        Poll::Pending
    }

    /// Blocks the thread until the write is committed, or the store failed: for callers
    /// outside an async runtime (start-up, tests).
    pub fn wait(&self) -> Result<(), DurabilityError> {
        let mut waiters = self.pipeline.lock_waiters();
        loop {
            if let Some(settled) = self.settled() {
                return settled;
            }
            waiters = self
                .pipeline
                .settled
                .wait(waiters)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

thread_local! {
    /// The ticket of what this thread's current request wrote or read: the request path is
    /// synchronous, so the thread that ran it is the one that hands its answer out.
    static PENDING: RefCell<Option<CommitTicket>> = const { RefCell::new(None) };
}

fn remember(ticket: CommitTicket) {
    PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        let covered = pending
            .as_ref()
            .is_some_and(|held| Arc::ptr_eq(&held.pipeline, &ticket.pipeline) && held.seq >= ticket.seq);
        if !covered {
            *pending = Some(ticket);
        }
    });
}

/// The ticket of everything this thread wrote or read through a durable store since the
/// last call: what its answer must wait for. `None` in memory-only mode.
pub fn take_commit_ticket() -> Option<CommitTicket> {
    PENDING.with(|pending| pending.borrow_mut().take())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope() -> Scope {
        Scope {
            account_uid: "1234".into(),
            region: "cn-hangzhou".into(),
        }
    }

    #[test]
    fn once_a_commit_fails_no_write_is_acknowledged_any_more() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = super::super::Store::open_durable(dir.path()).expect("opens");
        let create = |name: &str| {
            store.with(|world| {
                let new = super::super::NewApp {
                    name: name.into(),
                    ..super::super::NewApp::default()
                };
                world.create_app(&scope(), new, 10, time::OffsetDateTime::UNIX_EPOCH)
            })
        };
        create("committed").expect("created");
        take_commit_ticket().expect("a ticket").wait().expect("committed");
        let durable = store.durable.as_ref().expect("durable");
        durable.pipeline.fail("the disk is full".to_owned());
        create("not_acknowledged").expect("created in memory");
        let ticket = take_commit_ticket().expect("a ticket");
        let refused = ticket.wait().expect_err("never committed");
        assert!(refused.to_string().contains("the disk is full"), "{refused}");
        store.read(|world| world.app_count("1234"));
        let read = take_commit_ticket().expect("a read of what is not on disk waits too");
        assert!(read.wait().is_err());
    }

    #[test]
    fn row_keys_read_back_whatever_bytes_the_key_holds() {
        for key in [
            10_000_000_001u64.to_be_bytes().to_vec(),
            b"api\0RELEASE\0\0\0\0\0\0\0\0\x01".to_vec(),
        ] {
            let stored = row_key(&scope(), "apps", &key).expect("encodes");
            assert_eq!(
                parse_row_key(&stored).expect("parses"),
                (scope(), "apps".to_owned(), key)
            );
        }
        assert!(parse_row_key(b"short").is_err());
        assert!(parse_row_key(b"").is_err());
        assert!(parse_row_key(b"apps\x001\0r\0\x03").is_err(), "no key");
        assert!(
            parse_row_key(b"apps\0k1\0r\0\xff").is_err(),
            "a scope longer than the row"
        );
        assert!(
            parse_row_key(b"apps\0k1r\0\x03").is_err(),
            "no NUL between account and region"
        );
    }

    #[test]
    fn a_family_of_one_scope_sorts_as_its_table_and_new_apps_of_any_account_sort_last() {
        let other = Scope {
            account_uid: "98765432".into(),
            region: "ap-southeast-1".into(),
        };
        let app = |scope: &Scope, id: u64| row_key(scope, "apps", &id.to_be_bytes()).expect("encodes");
        let mut keys = vec![app(&other, 3), app(&scope(), 4), app(&scope(), 1), app(&other, 2)];
        keys.sort();
        assert_eq!(
            keys,
            vec![app(&scope(), 1), app(&other, 2), app(&other, 3), app(&scope(), 4)]
        );
        let grant = |api: &str, stage: &str| {
            let mut key = format!("{api}\0{stage}\0").into_bytes();
            key.extend_from_slice(&7u64.to_be_bytes());
            row_key(&scope(), "authorizations", &key).expect("encodes")
        };
        assert!(grant("a", "RELEASE") < grant("a", "TEST"));
        assert!(grant("a", "TEST") < grant("ab", "PRE"));
    }
}
