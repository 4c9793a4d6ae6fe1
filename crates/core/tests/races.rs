//! Concurrent requests never lose or mix up state: the quota holds at its edge, one name has
//! one winner, and a deleted app stays deleted.

mod common;

use std::sync::Arc;
use std::thread;

use cloudapi_core::{Config, Scheme, Service};
use common::{create_app, Caller};

const THREADS: usize = 8;

fn in_parallel<T: Send + 'static>(
    service: &Arc<Service>,
    work: impl Fn(&Service, usize) -> T + Send + Sync + 'static,
) -> Vec<T> {
    let work = Arc::new(work);
    let handles: Vec<_> = (0..THREADS)
        .map(|thread_index| {
            let service = service.clone();
            let work = work.clone();
            thread::spawn(move || work(&service, thread_index))
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("no thread panics"))
        .collect()
}

#[test]
fn the_quota_holds_at_its_edge() {
    let service = Arc::new(common::service(Config {
        app_quota: 50,
        ..Config::default()
    }));
    let outcomes: Vec<Vec<Option<String>>> = in_parallel(&service, |service, t| {
        let caller = Caller::default_account(if t % 2 == 0 { Scheme::V2 } else { Scheme::V3 });
        (0..20)
            .map(|i| {
                let reply = caller.call(service, "CreateApp", &[("AppName", &format!("quota_{t}_{i}"))]);
                reply.code().map(str::to_owned)
            })
            .collect()
    });
    let all: Vec<Option<String>> = outcomes.into_iter().flatten().collect();
    let created = all.iter().filter(|code| code.is_none()).count();
    let refused = all
        .iter()
        .filter(|code| code.as_deref() == Some("ExceedLimitApp"))
        .count();
    assert_eq!(created, 50);
    assert_eq!(refused, THREADS * 20 - 50);
    assert_eq!(service.store().with(|w| w.app_count("1234567890123456")), 50);
}

#[test]
fn one_name_has_one_winner() {
    let service = Arc::new(common::service(Config::default()));
    let codes: Vec<Option<String>> = in_parallel(&service, |service, _| {
        let reply = Caller::default_account(Scheme::V3).call(service, "CreateApp", &[("AppName", "contested")]);
        reply.code().map(str::to_owned)
    });
    assert_eq!(codes.iter().filter(|c| c.is_none()).count(), 1, "{codes:?}");
    assert!(
        codes.iter().flatten().all(|code| code == "RepeatedAppName"),
        "{codes:?}"
    );
}

#[test]
fn concurrent_tags_are_all_kept() {
    let service = Arc::new(common::service(Config::default()));
    let id = create_app(&service, &Caller::default_account(Scheme::V2), "tag_race");
    let id_for_threads = id.clone();
    in_parallel(&service, move |service, t| {
        let key = format!("key{t}");
        let reply = Caller::default_account(Scheme::V2).call(
            service,
            "TagResources",
            &[
                ("ResourceType", "app"),
                ("ResourceId.1", &id_for_threads),
                ("Tag.1.Key", &key),
                ("Tag.1.Value", "v"),
            ],
        );
        assert!(reply.ok(), "{}", reply.body);
    });
    let reply = Caller::default_account(Scheme::V2).call(
        &service,
        "ListTagResources",
        &[("ResourceType", "app"), ("ResourceId.1", &id)],
    );
    let rows = reply.body["TagResources"]["TagResource"]
        .as_array()
        .expect("rows")
        .len();
    assert_eq!(rows, THREADS, "no tag lost");
}

#[test]
fn a_deleted_app_is_never_resurrected() {
    for round in 0..20 {
        let service = Arc::new(common::service(Config::default()));
        let id = create_app(&service, &Caller::default_account(Scheme::V2), "contended");
        let id_for_threads = id.clone();
        let deletes: Vec<bool> = in_parallel(&service, move |service, t| {
            let caller = Caller::default_account(Scheme::V2);
            let description = format!("writer {t}");
            match t % 3 {
                0 => caller.call(service, "DeleteApp", &[("AppId", &id_for_threads)]).ok(),
                1 => {
                    caller.call(
                        service,
                        "ModifyApp",
                        &[("AppId", &id_for_threads), ("Description", &description)],
                    );
                    false
                }
                _ => {
                    caller.call(
                        service,
                        "TagResources",
                        &[
                            ("ResourceType", "app"),
                            ("ResourceId.1", &id_for_threads),
                            ("Tag.1.Key", "k"),
                        ],
                    );
                    false
                }
            }
        });
        assert_eq!(
            deletes.iter().filter(|d| **d).count(),
            1,
            "round {round}: exactly one delete wins"
        );
        let reply = Caller::default_account(Scheme::V2).call(&service, "DescribeApp", &[("AppId", &id)]);
        assert_eq!(reply.code(), Some("NotFoundApp"), "round {round}");
        assert_eq!(service.store().with(|w| w.app_count("1234567890123456")), 0);
        let reply = Caller::default_account(Scheme::V2).call(&service, "CreateApp", &[("AppName", "contended")]);
        assert!(reply.ok(), "the name is free again");
    }
}

#[test]
fn concurrent_renames_never_share_a_name() {
    let service = Arc::new(common::service(Config::default()));
    let caller = Caller::default_account(Scheme::V3);
    let ids: Vec<String> = (0..THREADS)
        .map(|i| create_app(&service, &caller, &format!("rename_{i}")))
        .collect();
    let ids = Arc::new(ids);
    let ids_for_threads = ids.clone();
    let outcomes: Vec<bool> = in_parallel(&service, move |service, t| {
        let reply = Caller::default_account(Scheme::V3).call(
            service,
            "ModifyApp",
            &[("AppId", &ids_for_threads[t]), ("AppName", "the_one_name")],
        );
        reply.ok()
    });
    assert_eq!(outcomes.iter().filter(|ok| **ok).count(), 1);
    let listing = caller.call(&service, "DescribeAppAttributes", &[("AppName", "the_one_name")]);
    assert_eq!(listing.body["TotalCount"], 1);
}
