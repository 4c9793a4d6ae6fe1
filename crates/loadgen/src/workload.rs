//! What the generator sends: pools of requests signed before the timed run, each with its
//! own nonce (the mock refuses a nonce it has seen) and, for CreateApp, its own app name.
//!
//! Every request of a pool carries the time it was signed, so a pool must be sent within
//! the mock's 15-minute window: build it just before the run.

use std::str::FromStr;

use cloudapi_core::client::{fresh_nonce, Call, Placement, Signer};
use cloudapi_core::store::AppId;
use cloudapi_core::{Format, Scheme};
use serde::Serialize;
use time::OffsetDateTime;

use crate::wire;

/// The request mixes the benchmark knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Workload {
    /// CreateApp, a new name each time.
    Create,
    /// DescribeApp of an existing app.
    Describe,
    /// DescribeAppAttributes, one page of ten, at pages spread over the account's apps.
    List,
    /// Seven describes, two lists and one create in every ten requests.
    Mix,
}

impl Workload {
    /// Every workload, in the report's order.
    pub const ALL: [Workload; 4] = [Workload::Create, Workload::Describe, Workload::List, Workload::Mix];

    /// The workload's name on the command line and in the report.
    pub fn name(self) -> &'static str {
        match self {
            Workload::Create => "create",
            Workload::Describe => "describe",
            Workload::List => "list",
            Workload::Mix => "mix",
        }
    }

    /// Whether the pool needs apps that already exist.
    pub fn reads_apps(self) -> bool {
        self != Workload::Create
    }
}

impl FromStr for Workload {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Workload::ALL
            .into_iter()
            .find(|w| w.name() == s)
            .ok_or_else(|| format!("unknown workload {s:?}: expected create, describe, list or mix"))
    }
}

/// Which signature scheme the pool is signed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Schemes {
    /// `HMAC-SHA1` query signatures, GET.
    V2,
    /// `ACS3-HMAC-SHA256`, POST.
    V3,
    /// Alternating, one request each.
    Both,
}

impl Schemes {
    /// The scheme's name on the command line and in the report.
    pub fn name(self) -> &'static str {
        match self {
            Schemes::V2 => "v2",
            Schemes::V3 => "v3",
            Schemes::Both => "v2+v3",
        }
    }

    fn for_request(self, index: usize) -> Scheme {
        match self {
            Schemes::V2 => Scheme::V2,
            Schemes::V3 => Scheme::V3,
            Schemes::Both if index % 2 == 0 => Scheme::V2,
            Schemes::Both => Scheme::V3,
        }
    }
}

impl FromStr for Schemes {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "v2" => Ok(Schemes::V2),
            "v3" => Ok(Schemes::V3),
            "both" | "v2+v3" => Ok(Schemes::Both),
            other => Err(format!("unknown scheme {other:?}: expected v2, v3 or both")),
        }
    }
}

/// An app the read workloads may ask about, with the index of the account that owns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownApp {
    /// The index of the owning account among the readers.
    pub account: usize,
    /// The app's id.
    pub id: AppId,
}

/// Everything a pool is built from.
#[derive(Debug, Clone)]
pub struct PoolSpec<'a> {
    /// What the pool asks for.
    pub workload: Workload,
    /// How it is signed.
    pub schemes: Schemes,
    /// The `host` header, as the mock will see it.
    pub host: &'a str,
    /// Accounts that read (describe, list), in the order `KnownApp::account` counts them.
    pub readers: &'a [Signer],
    /// Accounts that create, round-robin.
    pub creators: &'a [Signer],
    /// Apps the read workloads ask about.
    pub apps: &'a [KnownApp],
    /// Makes this pool's app names differ from every other pool's.
    pub name_prefix: &'a str,
    /// How many requests the pool holds.
    pub size: usize,
}

/// The page size of the list workload.
pub const LIST_PAGE_SIZE: usize = 10;

/// One call before signing.
struct Planned<'a> {
    signer: &'a Signer,
    action: &'static str,
    params: Vec<(String, String)>,
}

impl PoolSpec<'_> {
    /// The pool, signed and serialised.
    pub fn build(&self) -> Vec<Vec<u8>> {
        let timestamp = OffsetDateTime::now_utc();
        let mut owned = vec![0usize; self.readers.len()];
        for app in self.apps {
            if let Some(count) = owned.get_mut(app.account) {
                *count += 1;
            }
        }
        (0..self.size)
            .filter_map(|index| {
                let planned = self.plan(index, &owned)?;
                let scheme = self.schemes.for_request(index);
                // V2 as the classic SDKs send it (GET, query); V3 as the Tea SDKs send an RPC
                // call (POST, parameters in the query).
                let method = match scheme {
                    Scheme::V2 => "GET",
                    Scheme::V3 => "POST",
                };
                let request = planned.signer.sign(&Call {
                    action: planned.action,
                    params: &planned.params,
                    scheme,
                    method,
                    placement: Placement::Query,
                    format: Format::Json,
                    host: self.host,
                    timestamp,
                    nonce: &fresh_nonce(),
                });
                Some(wire::encode(&request))
            })
            .collect()
    }

    /// `owned`: how many apps each reader account holds.
    fn plan(&self, index: usize, owned: &[usize]) -> Option<Planned<'_>> {
        match self.workload {
            Workload::Create => self.create(index),
            Workload::Describe => self.describe(index),
            Workload::List => self.list(index, owned),
            Workload::Mix => match index % 10 {
                0..=6 => self.describe(index),
                7 | 8 => self.list(index, owned),
                _ => self.create(index),
            },
        }
    }

    fn create(&self, index: usize) -> Option<Planned<'_>> {
        let signer = self.creators.get(index % self.creators.len().max(1))?;
        Some(Planned {
            signer,
            action: "CreateApp",
            params: vec![
                ("AppName".into(), format!("{}{index}", self.name_prefix)),
                ("Description".into(), "created by cloudapi-loadgen".into()),
            ],
        })
    }

    fn describe(&self, index: usize) -> Option<Planned<'_>> {
        // A stride coprime with most pool sizes spreads the reads over every app.
        let app = self.apps.get(index.wrapping_mul(7919) % self.apps.len().max(1))?;
        Some(Planned {
            signer: self.readers.get(app.account)?,
            action: "DescribeApp",
            params: vec![("AppId".into(), app.id.to_string())],
        })
    }

    fn list(&self, index: usize, owned: &[usize]) -> Option<Planned<'_>> {
        let account = index % self.readers.len().max(1);
        let pages = owned.get(account)?.div_ceil(LIST_PAGE_SIZE).max(1);
        let page = index.wrapping_mul(31) % pages + 1;
        Some(Planned {
            signer: self.readers.get(account)?,
            action: "DescribeAppAttributes",
            params: vec![
                ("PageSize".into(), LIST_PAGE_SIZE.to_string()),
                ("PageNumber".into(), page.to_string()),
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_have_unique_nonces_and_names() {
        let signers = [Signer::new("a", "s")];
        let apps = [KnownApp { account: 0, id: 7 }];
        let spec = PoolSpec {
            workload: Workload::Mix,
            schemes: Schemes::Both,
            host: "127.0.0.1:1",
            readers: &signers,
            creators: &signers,
            apps: &apps,
            name_prefix: "bench_",
            size: 40,
        };
        let pool = spec.build();
        assert_eq!(pool.len(), 40);
        let texts: Vec<String> = pool.iter().map(|r| String::from_utf8_lossy(r).into_owned()).collect();
        let creates: Vec<&String> = texts.iter().filter(|t| t.contains("CreateApp")).collect();
        assert_eq!(creates.len(), 4);
        let unique: std::collections::HashSet<_> = pool.iter().collect();
        assert_eq!(unique.len(), 40);
        assert!(texts.iter().any(|t| t.starts_with("GET /?")));
        assert!(texts.iter().any(|t| t.contains("authorization: ACS3-HMAC-SHA256")));
    }

    #[test]
    fn workloads_parse_by_name() {
        for workload in Workload::ALL {
            assert_eq!(workload.name().parse::<Workload>(), Ok(workload));
        }
        assert!("other".parse::<Workload>().is_err());
    }
}
