//! The journal: the latest requests the mock answered, newest first, in a ring buffer bounded
//! both in entries and in bytes.
//!
//! An entry says who called what and how it ended; it never shows a credential: signatures,
//! secrets, security tokens and AppCodes are left out or masked when the request is recorded,
//! so the journal never holds one. A request's parameters are kept up to
//! [`MAX_KEPT_PARAMETER_BYTES`], and the client's own texts (action, access key id) up to
//! [`MAX_KEPT_NAME_BYTES`]; an entry cut to fit says so ([`JournalEntry::truncated`]).

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use cloudapi_core::protocol::params::Params;
use cloudapi_core::{RequestRecord, Scheme, Surface};

use crate::faults::FaultId;

/// How many requests a journal keeps unless told otherwise.
///
/// ```
/// assert_eq!(cloudapi_mock::DEFAULT_JOURNAL_CAPACITY, 1_000);
/// ```
pub const DEFAULT_JOURNAL_CAPACITY: usize = 1_000;

/// How many bytes a journal's entries may hold together unless told otherwise: the default
/// number of entries at a few kilobytes each, well under what a test machine minds.
///
/// ```
/// assert_eq!(cloudapi_mock::DEFAULT_JOURNAL_MAX_BYTES, 32 * 1024 * 1024);
/// ```
pub const DEFAULT_JOURNAL_MAX_BYTES: usize = 32 * 1024 * 1024;

/// The most bytes of parameters (names and values) one entry keeps; the rest is cut. The
/// documented app parameters are a few hundred bytes; a 1 MiB body is kept as 16 KiB.
///
/// ```
/// assert_eq!(cloudapi_mock::MAX_KEPT_PARAMETER_BYTES, 16 * 1024);
/// ```
pub const MAX_KEPT_PARAMETER_BYTES: usize = 16 * 1024;

/// The most bytes an entry keeps of the action and access key id a client named.
///
/// ```
/// assert_eq!(cloudapi_mock::MAX_KEPT_NAME_BYTES, 256);
/// ```
pub const MAX_KEPT_NAME_BYTES: usize = 256;

/// What replaces a credential's value in [`JournalEntry::parameters`].
///
/// ```
/// assert_eq!(cloudapi_mock::SECRET_MASK, "[secret]");
/// ```
pub const SECRET_MASK: &str = "[secret]";

/// One request as the mock answered it.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let mock = cloudapi_mock::MockServer::start().await;
/// let client = reqwest::Client::builder().no_proxy().build().unwrap();
/// client.get(format!("{}/?Action=DeleteApp&AppSecret=hidden", mock.uri())).send().await.unwrap();
/// let entry = &mock.journal()[0];
/// assert_eq!((entry.action.as_deref(), entry.status), (Some("DeleteApp"), 400));
/// assert_eq!(entry.parameters["AppSecret"], cloudapi_mock::SECRET_MASK);
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournalEntry {
    /// The mock's clock when the request arrived.
    #[serde(with = "time::serde::rfc3339")]
    pub time: OffsetDateTime,
    /// The `RequestId` of the answer.
    pub request_id: String,
    /// The access key the request named (not necessarily a valid one).
    pub access_key_id: Option<String>,
    /// The account of that access key, when the mock has the key (also when the request was
    /// refused, so an account's journal shows its failed calls too).
    pub account_uid: Option<String>,
    /// The region the request was for (its `RegionId`, its endpoint's, or the default).
    pub region: String,
    /// The action the request named, supported or not.
    pub action: Option<String>,
    /// Which face of the gateway the request was addressed to: the management API or the
    /// data plane (by its Host).
    pub surface: Surface,
    /// How the request was signed (for the management API).
    pub scheme: Scheme,
    /// The HTTP status of the answer.
    pub status: u16,
    /// The error code of the answer; `None` on success.
    pub error_code: Option<&'static str>,
    /// For a call to a deployed API: the host, stage, API and app.
    #[serde(default, skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub call: Option<cloudapi_core::data_plane::CallRecord>,
    /// From the request's arrival to its answer, injected delays included.
    pub latency_ms: f64,
    /// The fault rule that decided the answer, if one did.
    pub fault: Option<FaultId>,
    /// The operation's own parameters (query and form body); the common and signing
    /// parameters are left out, credentials are masked.
    pub parameters: BTreeMap<String, String>,
    /// Whether the request was cut to fit the journal: a parameter shortened or left out
    /// past [`MAX_KEPT_PARAMETER_BYTES`], or the action or access key id past
    /// [`MAX_KEPT_NAME_BYTES`].
    pub truncated: bool,
}

impl JournalEntry {
    /// Whether the entry is of this account, named by access key id or account UID.
    pub fn is_of_account(&self, account: &str) -> bool {
        names_account(self.access_key_id.as_deref(), self.account_uid.as_deref(), account)
    }
}

/// Whether a request by this access key, of this account, is `account`'s: the journal is
/// asked by either.
fn names_account(access_key_id: Option<&str>, account_uid: Option<&str>, account: &str) -> bool {
    access_key_id == Some(account) || account_uid == Some(account)
}

/// Which entries to read; the admin API takes the same as query parameters.
///
/// ```
/// use cloudapi_mock::JournalQuery;
/// let failed_creates = JournalQuery {
///     action: Some("CreateApp".into()),
///     account: Some("testid".into()),
///     limit: Some(20),
/// };
/// assert_eq!(JournalQuery::default().limit, None, "everything the journal keeps");
/// # let _ = failed_creates;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalQuery {
    /// At most this many, the newest; all that are kept when `None`.
    pub limit: Option<usize>,
    /// Only this account's, by access key id or account UID.
    pub account: Option<String>,
    /// Only requests naming this action.
    pub action: Option<String>,
}

impl JournalQuery {
    fn admits(&self, kept: &Kept) -> bool {
        let record = &kept.record;
        self.account.as_deref().is_none_or(|account| {
            names_account(record.access_key_id.as_deref(), record.account_uid.as_deref(), account)
        }) && self
            .action
            .as_deref()
            .is_none_or(|action| record.action.as_deref() == Some(action))
    }
}

/// A request as the journal keeps it: the service's record with the client's texts cut to
/// size, and a copy of the parameters a reader is shown (credentials masked, the gateway's
/// own left out). Every request is kept and few are ever read, so the [`JournalEntry`] a
/// reader sees (strings copied into a map) is built when read.
#[derive(Debug)]
pub struct Kept {
    time: OffsetDateTime,
    record: RequestRecord,
    parameters: KeptParameters,
    latency: Duration,
    fault: Option<FaultId>,
    truncated: bool,
}

impl Kept {
    /// What the journal keeps of a handled request.
    pub fn new(
        time: OffsetDateTime,
        mut record: RequestRecord,
        params: &Params,
        latency: Duration,
        fault: Option<FaultId>,
    ) -> Kept {
        let parameters = KeptParameters::capture(params);
        let mut truncated = parameters.truncated;
        for text in [record.action.as_mut(), record.access_key_id.as_mut()]
            .into_iter()
            .flatten()
        {
            truncated |= cut(text, MAX_KEPT_NAME_BYTES);
        }
        Kept {
            time,
            record,
            parameters,
            latency,
            fault,
            truncated,
        }
    }

    fn entry(&self) -> JournalEntry {
        let record = &self.record;
        JournalEntry {
            time: self.time,
            request_id: record.request_id.clone(),
            access_key_id: record.access_key_id.clone(),
            account_uid: record.account_uid.clone(),
            region: record.region.clone(),
            action: record.action.clone(),
            surface: record.surface,
            scheme: record.scheme,
            status: record.status,
            error_code: record.error_code,
            call: record.call.clone(),
            // Microseconds are all a test can use, and the JSON stays short.
            latency_ms: (self.latency.as_secs_f64() * 1_000_000.0).round() / 1000.0,
            fault: self.fault,
            parameters: self
                .parameters
                .iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
            truncated: self.truncated,
        }
    }

    /// The bytes this entry holds, near enough to bound the journal by: its own size and
    /// every buffer it owns.
    fn size(&self) -> usize {
        let record = &self.record;
        let texts = [
            Some(&record.request_id),
            record.action.as_ref(),
            record.access_key_id.as_ref(),
            record.account_uid.as_ref(),
            Some(&record.region),
        ];
        std::mem::size_of::<Kept>()
            + texts.into_iter().flatten().map(String::capacity).sum::<usize>()
            + self.parameters.size()
    }
}

/// Shortens `text` to at most `limit` bytes, at a character boundary; true if it cut.
fn cut(text: &mut String, limit: usize) -> bool {
    if text.len() <= limit {
        return false;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text.shrink_to_fit();
    true
}

/// The request's parameters as the journal keeps them: a copy of the pairs a reader sees
/// (the gateway's own parameters left out, each credential's value already the
/// [`SECRET_MASK`]), cut to [`MAX_KEPT_PARAMETER_BYTES`], in buffers of their exact size.
///
/// A copy, not the request's own buffers moved in: those, freed when the request is
/// answered, are the next request's, still in the core's cache, where kept for the
/// journal's thousand requests they were a megabyte of memory every request wrote afresh;
/// and an entry holds only what it shows (a signed CreateApp's name and description, where
/// it held the whole query and an index for 24 pairs), so the byte bound keeps more entries.
#[derive(Debug, Default)]
struct KeptParameters {
    params: Params,
    truncated: bool,
}

impl KeptParameters {
    /// The shown pairs in order, each within what room is left (a masked value counts as the
    /// mask); a pair whose name does not fit is left out.
    fn capture(params: &Params) -> KeptParameters {
        let mut room = MAX_KEPT_PARAMETER_BYTES;
        let mut truncated = false;
        let mut kept = Vec::with_capacity(params.len());
        for (name, value) in params.iter().filter(|(name, _)| !is_gateway_parameter(name)) {
            let shown = if is_credential(name) { SECRET_MASK } else { value };
            if name.len() > room {
                // A name cut short would be another parameter's: leave the pair out.
                truncated = true;
                continue;
            }
            let mut value_end = shown.len().min(room - name.len());
            while !shown.is_char_boundary(value_end) {
                value_end -= 1;
            }
            truncated |= value_end < shown.len();
            room -= name.len() + value_end;
            kept.push((name, &shown[..value_end]));
        }
        KeptParameters {
            params: Params::from_pairs(kept.iter().copied()),
            truncated,
        }
    }

    /// The pairs a reader sees.
    fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params.iter()
    }

    fn size(&self) -> usize {
        self.params.heap_bytes()
    }
}

/// A bounded journal; when full (in entries or in bytes), the oldest entries make room for
/// the newest.
#[derive(Debug)]
pub struct Journal {
    entries: Mutex<Entries>,
    capacity: usize,
    max_bytes: usize,
}

#[derive(Debug, Default)]
struct Entries {
    kept: VecDeque<Kept>,
    /// What the kept entries hold, by [`Kept::size`].
    bytes: usize,
}

impl Entries {
    fn pop_oldest(&mut self) -> Option<Kept> {
        let oldest = self.kept.pop_front()?;
        self.bytes -= oldest.size();
        Some(oldest)
    }
}

impl Journal {
    /// A journal keeping the latest `capacity` requests, of at most `max_bytes` together; 0
    /// for either keeps none.
    pub fn new(capacity: usize, max_bytes: usize) -> Journal {
        Journal {
            entries: Mutex::new(Entries {
                kept: VecDeque::with_capacity(capacity.min(DEFAULT_JOURNAL_CAPACITY)),
                bytes: 0,
            }),
            capacity,
            max_bytes,
        }
    }

    /// How many entries it keeps at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many bytes its entries may hold together.
    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// Whether the journal keeps anything at all.
    pub fn is_enabled(&self) -> bool {
        self.capacity > 0 && self.max_bytes > 0
    }

    /// Keeps a request, forgetting the oldest ones it needs room from; a request larger than
    /// the whole journal is not kept.
    pub fn record(&self, kept: Kept) {
        let size = kept.size();
        if !self.is_enabled() || size > self.max_bytes {
            return;
        }
        let mut entries = self.lock();
        // Dropped after the lock is let go: freeing old entries' buffers is nobody's wait. A
        // full journal makes room for one entry with one eviction, nearly always: that one
        // is held without allocating a list on every request.
        let mut evicted = None;
        let mut more_evicted = Vec::new();
        while entries.kept.len() >= self.capacity || entries.bytes + size > self.max_bytes {
            match entries.pop_oldest() {
                Some(oldest) if evicted.is_none() => evicted = Some(oldest),
                Some(oldest) => more_evicted.push(oldest),
                None => break,
            }
        }
        entries.bytes += size;
        entries.kept.push_back(kept);
        drop(entries);
        drop(evicted);
        drop(more_evicted);
    }

    /// The entries the query admits, newest first.
    pub fn query(&self, query: &JournalQuery) -> Vec<JournalEntry> {
        let entries = self.lock();
        entries
            .kept
            .iter()
            .rev()
            .filter(|kept| query.admits(kept))
            .take(query.limit.unwrap_or(usize::MAX))
            .map(Kept::entry)
            .collect()
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.lock().kept.len()
    }

    /// What its entries hold, in bytes.
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }

    /// Forgets every entry.
    pub fn clear(&self) {
        *self.lock() = Entries::default();
    }

    /// Forgets the entries of one account.
    pub fn forget_account(&self, account_uid: &str) {
        let mut entries = self.lock();
        let Entries { kept, bytes } = &mut *entries;
        kept.retain(|kept| {
            let keep = kept.record.account_uid.as_deref() != Some(account_uid);
            if !keep {
                *bytes -= kept.size();
            }
            keep
        });
    }

    fn lock(&self) -> MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The parameters every request carries for the gateway; the journal shows them elsewhere
/// (action, scheme, access key, region) or not at all (signatures).
fn is_gateway_parameter(name: &str) -> bool {
    // Asked of every parameter of every request: a match compares by length first.
    matches!(
        name,
        "Action"
            | "Version"
            | "Format"
            | "RegionId"
            | "AccessKeyId"
            | "Signature"
            | "SignatureMethod"
            | "SignatureVersion"
            | "SignatureNonce"
            | "SignatureType"
            | "Timestamp"
            | "SecurityToken"
            | "BearerToken"
    )
}

/// Credentials by name: a name with `secret`, `token`, `password`, `signature` or `appcode`
/// in it, in any case. Every secret of the volatile-field list is one (a test checks), so
/// the list need not be searched as well.
fn is_credential(name: &str) -> bool {
    // Asked of the operation's parameters on every request: one pass over the name, a word
    // compared only where a byte could start one, nothing lower-cased.
    let bytes = name.as_bytes();
    (0..bytes.len()).any(|at| {
        let words: &[&[u8]] = match bytes[at] | 0x20 {
            b's' => &[b"secret", b"signature"],
            b't' => &[b"token"],
            b'p' => &[b"password"],
            b'a' => &[b"appcode"],
            _ => return false,
        };
        let rest = &bytes[at..];
        words.iter().any(|word| {
            rest.get(..word.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(word))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudapi_core::RawRequest;
    use time::macros::datetime;

    fn record(n: usize, account: &str, action: &str) -> RequestRecord {
        RequestRecord {
            request_id: format!("R-{n}"),
            surface: cloudapi_core::Surface::Management,
            scheme: Scheme::V3,
            action: Some(action.to_owned()),
            access_key_id: Some(format!("key-{account}")),
            account_uid: Some(account.to_owned()),
            region: "cn-hangzhou".into(),
            status: 200,
            error_code: None,
            call: None,
        }
    }

    fn kept(record: RequestRecord, params: Params) -> Kept {
        Kept::new(
            datetime!(2026-11-30 09:31:28 UTC),
            record,
            &params,
            Duration::from_micros(1500),
            None,
        )
    }

    fn entry(n: usize, account: &str, action: &str) -> Kept {
        let params = Params::from_query_and_form(b"Action=x&AppName=a&AppSecret=s", None);
        kept(record(n, account, action), params)
    }

    fn ids(entries: &[JournalEntry]) -> Vec<&str> {
        entries.iter().map(|e| e.request_id.as_str()).collect()
    }

    #[test]
    fn an_entry_is_built_from_what_was_kept_when_read() {
        let journal = Journal::new(3, DEFAULT_JOURNAL_MAX_BYTES);
        journal.record(entry(1, "1", "CreateApp"));
        let read = journal.query(&JournalQuery::default());
        assert_eq!(read[0].request_id, "R-1");
        assert_eq!(read[0].latency_ms, 1.5);
        assert_eq!(
            read[0].parameters.iter().collect::<Vec<_>>(),
            [
                (&"AppName".to_owned(), &"a".to_owned()),
                (&"AppSecret".to_owned(), &SECRET_MASK.to_owned())
            ]
        );
    }

    #[test]
    fn keeps_the_latest_newest_first() {
        let journal = Journal::new(3, DEFAULT_JOURNAL_MAX_BYTES);
        for n in 1..=5 {
            journal.record(entry(n, "1", "CreateApp"));
        }
        assert_eq!(ids(&journal.query(&JournalQuery::default())), ["R-5", "R-4", "R-3"]);
    }

    #[test]
    fn filters_and_limits() {
        let journal = Journal::new(10, DEFAULT_JOURNAL_MAX_BYTES);
        journal.record(entry(1, "1", "CreateApp"));
        journal.record(entry(2, "2", "CreateApp"));
        journal.record(entry(3, "1", "DeleteApp"));
        journal.record(entry(4, "1", "CreateApp"));
        let query = |account: Option<&str>, action: Option<&str>, limit| JournalQuery {
            limit,
            account: account.map(str::to_owned),
            action: action.map(str::to_owned),
        };
        assert_eq!(
            ids(&journal.query(&query(Some("1"), None, None))),
            ["R-4", "R-3", "R-1"]
        );
        assert_eq!(ids(&journal.query(&query(Some("key-2"), None, None))), ["R-2"]);
        assert_eq!(
            ids(&journal.query(&query(None, Some("CreateApp"), Some(2)))),
            ["R-4", "R-2"]
        );
        journal.forget_account("1");
        assert_eq!(ids(&journal.query(&JournalQuery::default())), ["R-2"]);
    }

    #[test]
    fn zero_capacity_keeps_nothing() {
        let journal = Journal::new(0, DEFAULT_JOURNAL_MAX_BYTES);
        journal.record(entry(1, "1", "CreateApp"));
        assert_eq!(journal.len(), 0);
    }

    #[test]
    fn credential_names_are_found_in_any_case() {
        for name in [
            "AppSecret",
            "NewAppCode",
            "x-ca-SIGNATURE",
            "SecurityToken",
            "db_password",
            "APPCODE",
        ] {
            assert!(is_credential(name), "{name}");
        }
        for name in [
            "AppName",
            "AppKey",
            "Description",
            "Tag.1.Key",
            "",
            "sec",
            "s",
            "Toke",
            "appcod",
            "Signatur",
        ] {
            assert!(!is_credential(name), "{name}");
        }
        // Every name of the volatile fields and of the gateway's parameters, and mixtures,
        // as the plain rule (lower-cased, then searched) answers.
        let plain = |name: &str| {
            let lower = name.to_ascii_lowercase();
            cloudapi_core::volatile::is_secret(name)
                || ["secret", "token", "password", "signature", "appcode"]
                    .iter()
                    .any(|word| lower.contains(word))
        };
        let mut names: Vec<String> = cloudapi_core::volatile::FIELDS
            .iter()
            .map(|f| f.field.to_owned())
            .collect();
        names.extend(
            [
                "Action",
                "SignatureNonce",
                "sSecret",
                "xAPPcodE",
                "ppassword",
                "ttoken",
                "é-secret",
                "Tag.1.Token",
            ]
            .map(str::to_owned),
        );
        for name in &names {
            assert_eq!(is_credential(name), plain(name), "{name}");
        }
        for field in cloudapi_core::volatile::FIELDS.iter().filter(|f| f.secret) {
            assert!(
                is_credential(field.field),
                "{} is a secret the names do not find",
                field.field
            );
        }
    }

    #[test]
    fn credentials_and_signing_parameters_stay_out() {
        let request = RawRequest {
            query: "Action=CreateApp&AppName=a&AppSecret=s3cr3t&AppCode=c0de&Signature=sig&AccessKeyId=testid&SecurityToken=tok".into(),
            headers: vec![("content-type".into(), "application/x-www-form-urlencoded".into())],
            body: b"Description=d&NewAppSecret=n3w".to_vec(),
            ..RawRequest::default()
        };
        let params = Params::from_query_and_form(request.query.as_bytes(), Some(&request.body));
        let kept = kept(record(1, "1", "CreateApp"), params);
        let held = format!("{kept:?}");
        for secret in ["s3cr3t", "c0de", "sig", "tok", "n3w"] {
            assert!(!held.contains(secret), "{secret} is kept: {held}");
        }
        let parameters = kept.entry().parameters;
        assert_eq!(
            parameters.into_iter().collect::<Vec<_>>(),
            [
                ("AppCode".to_owned(), SECRET_MASK.to_owned()),
                ("AppName".to_owned(), "a".to_owned()),
                ("AppSecret".to_owned(), SECRET_MASK.to_owned()),
                ("Description".to_owned(), "d".to_owned()),
                ("NewAppSecret".to_owned(), SECRET_MASK.to_owned()),
            ]
        );
    }

    #[test]
    fn a_large_request_is_cut_to_size_and_says_so() {
        let huge = "é".repeat(MAX_KEPT_PARAMETER_BYTES);
        let query = format!("AppName=a&Description={huge}&Later=x&AppSecret=s");
        let params = Params::from_query_and_form(query.as_bytes(), None);
        let mut long_action = record(1, "1", "CreateApp");
        long_action.action = Some("A".repeat(10_000));
        let kept = kept(long_action, params);
        let entry = kept.entry();
        assert!(entry.truncated);
        assert_eq!(entry.action.as_deref().map(str::len), Some(MAX_KEPT_NAME_BYTES));
        let held: usize = entry.parameters.iter().map(|(n, v)| n.len() + v.len()).sum();
        assert!(held <= MAX_KEPT_PARAMETER_BYTES, "{held}");
        assert_eq!(entry.parameters["AppName"], "a");
        assert!(entry.parameters["Description"].chars().all(|c| c == 'é'));
        assert!(!entry.parameters.contains_key("Later"), "no room left for it");
        assert!(kept.size() < 2 * MAX_KEPT_PARAMETER_BYTES, "{}", kept.size());

        let small = entry_of_params(b"AppName=a");
        assert!(!small.truncated);
    }

    fn entry_of_params(query: &[u8]) -> JournalEntry {
        kept(record(1, "1", "CreateApp"), Params::from_query_and_form(query, None)).entry()
    }

    #[test]
    fn bytes_bound_the_journal_as_entries_do() {
        let one = entry(0, "1", "CreateApp").size();
        let journal = Journal::new(100, 3 * one);
        for n in 1..=10 {
            journal.record(entry(n, "1", "CreateApp"));
        }
        assert_eq!(ids(&journal.query(&JournalQuery::default())), ["R-10", "R-9", "R-8"]);
        assert_eq!(journal.bytes(), 3 * one);
        journal.forget_account("1");
        assert_eq!((journal.len(), journal.bytes()), (0, 0));

        let too_small = Journal::new(100, one - 1);
        too_small.record(entry(1, "1", "CreateApp"));
        assert_eq!(too_small.len(), 0, "an entry larger than the whole journal is not kept");
    }
}
