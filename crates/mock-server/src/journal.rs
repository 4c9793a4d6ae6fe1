//! The journal: the latest requests the mock answered, newest first, in a ring buffer of a
//! configured size.
//!
//! An entry says who called what and how it ended; it never shows a credential: signatures,
//! secrets, security tokens and AppCodes are left out or masked in every entry read. (What is
//! kept in memory is the request as the service decoded it, next to the store that holds the
//! secrets themselves; nothing of it leaves the journal but through an entry.)

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use cloudapi_core::protocol::params::Params;
use cloudapi_core::{RequestRecord, Scheme};

use crate::faults::FaultId;

/// How many requests a journal keeps unless told otherwise.
///
/// ```
/// assert_eq!(cloudapi_mock::DEFAULT_JOURNAL_CAPACITY, 1_000);
/// ```
pub const DEFAULT_JOURNAL_CAPACITY: usize = 1_000;

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
    pub region: String,
    /// The action the request named, supported or not.
    pub action: Option<String>,
    pub scheme: Scheme,
    /// The HTTP status of the answer.
    pub status: u16,
    /// The error code of the answer; `None` on success.
    pub error_code: Option<&'static str>,
    /// From the request's arrival to its answer, injected delays included.
    pub latency_ms: f64,
    /// The fault rule that decided the answer, if one did.
    pub fault: Option<FaultId>,
    /// The operation's own parameters (query and form body); the common and signing
    /// parameters are left out, credentials are masked.
    pub parameters: BTreeMap<String, String>,
}

impl JournalEntry {
    /// An entry for a handled request.
    pub fn new(
        time: OffsetDateTime,
        record: &RequestRecord,
        params: &Params,
        latency: Duration,
        fault: Option<FaultId>,
    ) -> JournalEntry {
        JournalEntry {
            time,
            request_id: record.request_id.clone(),
            access_key_id: record.access_key_id.clone(),
            account_uid: record.account_uid.clone(),
            region: record.region.clone(),
            action: record.action.clone(),
            scheme: record.scheme,
            status: record.status,
            error_code: record.error_code,
            // Microseconds are all a test can use, and the JSON stays short.
            latency_ms: (latency.as_secs_f64() * 1_000_000.0).round() / 1000.0,
            fault,
            parameters: operation_parameters(params),
        }
    }

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

/// A request as the journal keeps it: the service's record and decoded parameters, moved in
/// whole. Every request is kept and few are ever read, so the [`JournalEntry`] a reader sees
/// (strings copied, parameters filtered and masked) is built when read, not when kept.
#[derive(Debug)]
pub struct Kept {
    pub time: OffsetDateTime,
    pub record: RequestRecord,
    pub params: Params,
    pub latency: Duration,
    pub fault: Option<FaultId>,
}

impl Kept {
    fn entry(&self) -> JournalEntry {
        JournalEntry::new(self.time, &self.record, &self.params, self.latency, self.fault)
    }
}

/// A bounded journal; when full, the oldest entry makes room for the newest.
#[derive(Debug)]
pub struct Journal {
    entries: Mutex<VecDeque<Kept>>,
    capacity: usize,
}

impl Journal {
    /// A journal keeping the latest `capacity` requests; 0 keeps none.
    pub fn new(capacity: usize) -> Journal {
        Journal {
            entries: Mutex::new(VecDeque::with_capacity(capacity.min(DEFAULT_JOURNAL_CAPACITY))),
            capacity,
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Whether the journal keeps anything at all.
    pub fn is_enabled(&self) -> bool {
        self.capacity > 0
    }

    pub fn record(&self, kept: Kept) {
        if !self.is_enabled() {
            return;
        }
        let mut entries = self.lock();
        // Dropped after the lock is let go: freeing an old entry's strings is nobody's wait.
        let mut evicted = None;
        while entries.len() >= self.capacity {
            evicted = entries.pop_front();
        }
        entries.push_back(kept);
        drop(entries);
        drop(evicted);
    }

    /// The entries the query admits, newest first.
    pub fn query(&self, query: &JournalQuery) -> Vec<JournalEntry> {
        let entries = self.lock();
        entries
            .iter()
            .rev()
            .filter(|kept| query.admits(kept))
            .take(query.limit.unwrap_or(usize::MAX))
            .map(Kept::entry)
            .collect()
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Forgets the entries of one account.
    pub fn forget_account(&self, account_uid: &str) {
        self.lock()
            .retain(|kept| kept.record.account_uid.as_deref() != Some(account_uid));
    }

    fn lock(&self) -> MutexGuard<'_, VecDeque<Kept>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The parameters every request carries for the gateway; the journal shows them elsewhere
/// (action, scheme, access key, region) or not at all (signatures).
const GATEWAY_PARAMETERS: &[&str] = &[
    "Action",
    "Version",
    "Format",
    "RegionId",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "SignatureType",
    "Timestamp",
    "SecurityToken",
    "BearerToken",
];

/// The operation's parameters, with credentials masked.
pub fn operation_parameters(params: &Params) -> BTreeMap<String, String> {
    params
        .iter()
        .filter(|(name, _)| !GATEWAY_PARAMETERS.contains(name))
        .map(|(name, value)| {
            let value = if is_credential(name) { SECRET_MASK } else { value };
            (name.to_owned(), value.to_owned())
        })
        .collect()
}

/// Credentials by the volatile-field list, and by name for anything else that looks like one.
fn is_credential(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    cloudapi_core::volatile::is_secret(name)
        || ["secret", "token", "password", "signature", "appcode"]
            .iter()
            .any(|word| lower.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudapi_core::RawRequest;
    use time::macros::datetime;

    fn entry(n: usize, account: &str, action: &str) -> Kept {
        Kept {
            time: datetime!(2026-11-30 09:31:28 UTC),
            record: RequestRecord {
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
            },
            params: Params::from_query_and_form(b"Action=x&AppName=a&AppSecret=s", None),
            latency: Duration::from_micros(1500),
            fault: None,
        }
    }

    fn ids(entries: &[JournalEntry]) -> Vec<&str> {
        entries.iter().map(|e| e.request_id.as_str()).collect()
    }

    #[test]
    fn an_entry_is_built_from_what_was_kept_when_read() {
        let journal = Journal::new(3);
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
        let journal = Journal::new(3);
        for n in 1..=5 {
            journal.record(entry(n, "1", "CreateApp"));
        }
        assert_eq!(ids(&journal.query(&JournalQuery::default())), ["R-5", "R-4", "R-3"]);
    }

    #[test]
    fn filters_and_limits() {
        let journal = Journal::new(10);
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
        let journal = Journal::new(0);
        journal.record(entry(1, "1", "CreateApp"));
        assert_eq!(journal.len(), 0);
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
        let parameters = operation_parameters(&params);
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
}
