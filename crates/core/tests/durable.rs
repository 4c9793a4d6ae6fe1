//! The durable store: random writes of every family, then the world read back from disk is
//! the world memory held; and each refusal of a data directory.

use std::path::Path;

use proptest::prelude::*;
use time::OffsetDateTime;

use cloudapi_core::store::apis::RequestConfig;
use cloudapi_core::store::changes::persisted_families;
use cloudapi_core::store::durable::DATA_FILE;
use cloudapi_core::store::{
    take_commit_ticket, ApiDefinition, AppChanges, Grant, GroupChanges, NewApi, NewApp, NewGroup, NewTrafficControl,
    OpenError, Scope, SpecialLimit, SpecialType, Store, Tag, TrafficUnit, World,
};
use cloudapi_core::StateSnapshot;

const SCOPES: [(&str, &str); 3] = [("1", "cn-hangzhou"), ("1", "cn-beijing"), ("2", "cn-hangzhou")];

fn scope(index: u8) -> Scope {
    let (account, region) = SCOPES[usize::from(index) % SCOPES.len()];
    Scope {
        account_uid: account.into(),
        region: region.into(),
    }
}

/// One write, its targets picked among what exists by index.
#[derive(Debug, Clone)]
enum Op {
    CreateApp {
        scope: u8,
        name: u8,
        tagged: bool,
    },
    ModifyApp {
        scope: u8,
        pick: u8,
        name: u8,
    },
    DeleteApp {
        scope: u8,
        pick: u8,
    },
    TagApp {
        scope: u8,
        pick: u8,
        key: u8,
    },
    UntagApp {
        scope: u8,
        pick: u8,
    },
    AddKeyPair {
        scope: u8,
        pick: u8,
    },
    RemoveKeyPair {
        scope: u8,
        pick: u8,
    },
    AddAppCode {
        scope: u8,
        pick: u8,
    },
    ResetSecret {
        scope: u8,
        pick: u8,
    },
    CreateGroup {
        scope: u8,
        name: u8,
    },
    ModifyGroup {
        scope: u8,
        pick: u8,
        name: u8,
    },
    TagGroup {
        scope: u8,
        pick: u8,
        key: u8,
    },
    DeleteGroup {
        scope: u8,
        pick: u8,
    },
    CreateApi {
        scope: u8,
        pick: u8,
        name: u8,
    },
    ModifyApi {
        scope: u8,
        pick: u8,
        name: u8,
    },
    DeployApi {
        scope: u8,
        pick: u8,
        stage: u8,
    },
    AbolishApi {
        scope: u8,
        pick: u8,
        stage: u8,
    },
    DeleteApi {
        scope: u8,
        pick: u8,
    },
    /// An app of `app_scope` (another account's, maybe) on an API of `scope`.
    Authorize {
        scope: u8,
        pick: u8,
        app_scope: u8,
        app: u8,
        stage: u8,
    },
    Revoke {
        scope: u8,
        pick: u8,
        app_scope: u8,
        app: u8,
        stage: u8,
    },
    CreatePolicy {
        scope: u8,
        limit: u8,
    },
    /// A special limit for an app of the scope, or a changed API limit.
    ModifyPolicy {
        scope: u8,
        pick: u8,
        limit: u8,
    },
    /// Binds a policy to an API of its scope, in a stage; `bind` false unbinds it.
    BindPolicy {
        scope: u8,
        pick: u8,
        api: u8,
        stage: u8,
        bind: bool,
    },
    DeletePolicy {
        scope: u8,
        pick: u8,
    },
    ResetAccount {
        account: u8,
    },
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    let s = 0..3u8;
    let p = any::<u8>();
    prop_oneof![
        4 => (s.clone(), 0..20u8, any::<bool>()).prop_map(|(scope, name, tagged)| Op::CreateApp { scope, name, tagged }),
        2 => (s.clone(), p, 0..20u8).prop_map(|(scope, pick, name)| Op::ModifyApp { scope, pick, name }),
        1 => (s.clone(), p).prop_map(|(scope, pick)| Op::DeleteApp { scope, pick }),
        1 => (s.clone(), p, 0..4u8).prop_map(|(scope, pick, key)| Op::TagApp { scope, pick, key }),
        1 => (s.clone(), p).prop_map(|(scope, pick)| Op::UntagApp { scope, pick }),
        1 => (s.clone(), p).prop_map(|(scope, pick)| Op::AddKeyPair { scope, pick }),
        1 => (s.clone(), p).prop_map(|(scope, pick)| Op::RemoveKeyPair { scope, pick }),
        1 => (s.clone(), p).prop_map(|(scope, pick)| Op::AddAppCode { scope, pick }),
        1 => (s.clone(), p).prop_map(|(scope, pick)| Op::ResetSecret { scope, pick }),
        3 => (s.clone(), 0..10u8).prop_map(|(scope, name)| Op::CreateGroup { scope, name }),
        1 => (s.clone(), p, 0..10u8).prop_map(|(scope, pick, name)| Op::ModifyGroup { scope, pick, name }),
        1 => (s.clone(), p, 0..4u8).prop_map(|(scope, pick, key)| Op::TagGroup { scope, pick, key }),
        1 => (s.clone(), p).prop_map(|(scope, pick)| Op::DeleteGroup { scope, pick }),
        3 => (s.clone(), p, 0..10u8).prop_map(|(scope, pick, name)| Op::CreateApi { scope, pick, name }),
        1 => (s.clone(), p, 0..10u8).prop_map(|(scope, pick, name)| Op::ModifyApi { scope, pick, name }),
        2 => (s.clone(), p, 0..3u8).prop_map(|(scope, pick, stage)| Op::DeployApi { scope, pick, stage }),
        1 => (s.clone(), p, 0..3u8).prop_map(|(scope, pick, stage)| Op::AbolishApi { scope, pick, stage }),
        1 => (s.clone(), p).prop_map(|(scope, pick)| Op::DeleteApi { scope, pick }),
        3 => (s.clone(), p, s.clone(), p, 0..3u8)
            .prop_map(|(scope, pick, app_scope, app, stage)| Op::Authorize { scope, pick, app_scope, app, stage }),
        1 => (s.clone(), p, s.clone(), p, 0..3u8)
            .prop_map(|(scope, pick, app_scope, app, stage)| Op::Revoke { scope, pick, app_scope, app, stage }),
        2 => (s.clone(), 1..200u8).prop_map(|(scope, limit)| Op::CreatePolicy { scope, limit }),
        1 => (s.clone(), p, 1..200u8).prop_map(|(scope, pick, limit)| Op::ModifyPolicy { scope, pick, limit }),
        2 => (s.clone(), p, p, 0..3u8, any::<bool>())
            .prop_map(|(scope, pick, api, stage, bind)| Op::BindPolicy { scope, pick, api, stage, bind }),
        1 => (s.clone(), p).prop_map(|(scope, pick)| Op::DeletePolicy { scope, pick }),
        1 => (0..2u8).prop_map(|account| Op::ResetAccount { account }),
        1 => Just(Op::Reopen),
    ]
}

fn picked<T: Clone>(items: Vec<T>, pick: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[usize::from(pick) % items.len()].clone())
}

fn app_ids(world: &World, scope: &Scope) -> Vec<i64> {
    world
        .tenancy(scope)
        .map(|t| t.apps().map(|app| app.id).collect())
        .unwrap_or_default()
}

fn group_ids(world: &World, scope: &Scope) -> Vec<String> {
    world
        .tenancy(scope)
        .map(|t| t.group_table().iter().map(|g| g.id.clone()).collect())
        .unwrap_or_default()
}

fn api_ids(world: &World, scope: &Scope) -> Vec<String> {
    world
        .tenancy(scope)
        .map(|t| t.api_table().iter().map(|a| a.id.clone()).collect())
        .unwrap_or_default()
}

fn policy_ids(world: &World, scope: &Scope) -> Vec<String> {
    world
        .tenancy(scope)
        .map(|t| t.traffic_control_table().iter().map(|p| p.id.clone()).collect())
        .unwrap_or_default()
}

fn definition(name: u8) -> ApiDefinition {
    ApiDefinition {
        name: format!("api_{name}"),
        request_config: RequestConfig {
            request_path: format!("/path/{name}"),
            ..RequestConfig::default()
        },
        ..ApiDefinition::default()
    }
}

fn tag(key: u8) -> Tag {
    Tag {
        key: format!("k{key}"),
        value: "v".into(),
    }
}

const STAGES: [&str; 3] = ["RELEASE", "PRE", "TEST"];

/// Runs one write; refusals (a taken name, a missing target) are part of the game.
fn apply(world: &mut World, op: &Op, now: OffsetDateTime) {
    let quota = 1_000;
    let _ = match op {
        Op::CreateApp { scope: s, name, tagged } => {
            let new = NewApp {
                name: format!("app_{name}"),
                tags: if *tagged { vec![tag(0)] } else { Vec::new() },
                ..NewApp::default()
            };
            world.create_app(&scope(*s), new, quota, now).map(drop)
        }
        Op::ModifyApp { scope: s, pick, name } => match picked(app_ids(world, &scope(*s)), *pick) {
            Some(id) => {
                let changes = AppChanges {
                    name: Some(format!("app_{name}")),
                    description: Some(format!("changed at {now}")),
                    ..AppChanges::default()
                };
                world.modify_app(&scope(*s), id, changes, now)
            }
            None => Ok(()),
        },
        Op::DeleteApp { scope: s, pick } => match picked(app_ids(world, &scope(*s)), *pick) {
            Some(id) => world.delete_app(&scope(*s), id).map(drop),
            None => Ok(()),
        },
        Op::TagApp { scope: s, pick, key } => match picked(app_ids(world, &scope(*s)), *pick) {
            Some(id) => world.tag_apps(&scope(*s), &[id], &[tag(*key)]),
            None => Ok(()),
        },
        Op::UntagApp { scope: s, pick } => match picked(app_ids(world, &scope(*s)), *pick) {
            Some(id) => world.untag_apps(&scope(*s), &[id], None),
            None => Ok(()),
        },
        Op::AddKeyPair { scope: s, pick } => match picked(app_ids(world, &scope(*s)), *pick) {
            Some(id) => world.add_key_pair(&scope(*s), id, None, None, now),
            None => Ok(()),
        },
        Op::RemoveKeyPair { scope: s, pick } => match picked(app_ids(world, &scope(*s)), *pick) {
            Some(id) => {
                let keys = world
                    .app(&scope(*s), id)
                    .map(|app| app.key_pairs.clone())
                    .unwrap_or_default();
                match keys.last() {
                    Some(pair) if keys.len() > 1 => world.remove_key_pair(&scope(*s), id, &pair.app_key),
                    _ => Ok(()),
                }
            }
            None => Ok(()),
        },
        Op::AddAppCode { scope: s, pick } => match picked(app_ids(world, &scope(*s)), *pick) {
            Some(id) => world.add_app_code(&scope(*s), id, None, now),
            None => Ok(()),
        },
        Op::ResetSecret { scope: s, pick } => match picked(app_ids(world, &scope(*s)), *pick) {
            Some(id) => {
                let key = world.app(&scope(*s), id).map(|app| app.key_pairs[0].app_key.clone());
                match key {
                    Ok(key) => world.reset_app_secret(&scope(*s), &key, None, None, now),
                    Err(e) => Err(e),
                }
            }
            None => Ok(()),
        },
        Op::CreateGroup { scope: s, name } => {
            let new = NewGroup {
                name: format!("group_{name}"),
                tags: vec![tag(1)],
                ..NewGroup::default()
            };
            world.create_group(&scope(*s), new, quota, now).map(drop)
        }
        Op::ModifyGroup { scope: s, pick, name } => match picked(group_ids(world, &scope(*s)), *pick) {
            Some(id) => {
                let changes = GroupChanges {
                    name: Some(format!("group_{name}")),
                    description: Some("changed".into()),
                    ..GroupChanges::default()
                };
                world.modify_group(&scope(*s), &id, changes, now)
            }
            None => Ok(()),
        },
        Op::TagGroup { scope: s, pick, key } => match picked(group_ids(world, &scope(*s)), *pick) {
            Some(id) => world.tag_groups(&scope(*s), &[id], &[tag(*key)]),
            None => Ok(()),
        },
        Op::DeleteGroup { scope: s, pick } => match picked(group_ids(world, &scope(*s)), *pick) {
            Some(id) => world.delete_group(&scope(*s), &id).map(drop),
            None => Ok(()),
        },
        Op::CreateApi { scope: s, pick, name } => match picked(group_ids(world, &scope(*s)), *pick) {
            Some(group_id) => {
                let new = NewApi {
                    group_id,
                    definition: definition(*name),
                    tags: Vec::new(),
                };
                world.create_api(&scope(*s), new, quota, now).map(drop)
            }
            None => Ok(()),
        },
        Op::ModifyApi { scope: s, pick, name } => match picked(api_ids(world, &scope(*s)), *pick) {
            Some(id) => world.modify_api(&scope(*s), None, &id, definition(*name), now),
            None => Ok(()),
        },
        Op::DeployApi { scope: s, pick, stage } => match picked(api_ids(world, &scope(*s)), *pick) {
            Some(id) => world
                .deploy_api(&scope(*s), None, &id, STAGES[usize::from(*stage)], "remark", now)
                .map(drop),
            None => Ok(()),
        },
        Op::AbolishApi { scope: s, pick, stage } => match picked(api_ids(world, &scope(*s)), *pick) {
            Some(id) => world.abolish_api(&scope(*s), None, &id, STAGES[usize::from(*stage)]),
            None => Ok(()),
        },
        Op::DeleteApi { scope: s, pick } => match picked(api_ids(world, &scope(*s)), *pick) {
            Some(id) => world.delete_api(&scope(*s), None, &id).map(drop),
            None => Ok(()),
        },
        Op::Authorize {
            scope: s,
            pick,
            app_scope,
            app,
            stage,
        } => match (
            picked(api_ids(world, &scope(*s)), *pick),
            picked(app_ids(world, &scope(*app_scope)), *app),
        ) {
            (Some(api), Some(app)) => {
                let grant = Grant {
                    stage: STAGES[usize::from(*stage)],
                    description: format!("granted at {now}"),
                    valid_until: (*stage == 1).then(|| now + time::Duration::hours(1)),
                };
                world.authorize(&scope(*s), &[api], &[app], &grant, now)
            }
            _ => Ok(()),
        },
        Op::Revoke {
            scope: s,
            pick,
            app_scope,
            app,
            stage,
        } => match (
            picked(api_ids(world, &scope(*s)), *pick),
            picked(app_ids(world, &scope(*app_scope)), *app),
        ) {
            (Some(api), Some(app)) => world.revoke(&scope(*s), &[api], &[app], STAGES[usize::from(*stage)]),
            _ => Ok(()),
        },
        Op::CreatePolicy { scope: s, limit } => {
            let new = NewTrafficControl {
                name: format!("policy_{limit}"),
                unit: TrafficUnit::Minute,
                api_default: u32::from(*limit) + 10,
                user_default: Some(u32::from(*limit)),
                app_default: None,
                description: String::new(),
            };
            world.create_traffic_control(&scope(*s), new, now);
            Ok(())
        }
        Op::ModifyPolicy { scope: s, pick, limit } => match picked(policy_ids(world, &scope(*s)), *pick) {
            Some(id) => {
                let app = picked(app_ids(world, &scope(*s)), *limit);
                world.modify_traffic_control(&scope(*s), &id, now, |policy| {
                    match app {
                        Some(app) => policy.specials.push(SpecialLimit {
                            kind: SpecialType::App,
                            key: app.to_string(),
                            limit: u32::from(*limit).min(policy.api_default),
                        }),
                        None => policy.api_default = u32::from(*limit) + 200,
                    }
                    Ok::<(), cloudapi_core::store::StoreError>(())
                })
            }
            None => Ok(()),
        },
        Op::BindPolicy {
            scope: s,
            pick,
            api,
            stage,
            bind,
        } => match (
            picked(policy_ids(world, &scope(*s)), *pick),
            picked(api_ids(world, &scope(*s)), *api),
        ) {
            (Some(id), Some(api)) => {
                let group = world
                    .api(&scope(*s), None, &api)
                    .map(|a| a.group_id.clone())
                    .expect("listed");
                let stage = STAGES[usize::from(*stage)];
                if *bind {
                    world.bind_traffic_control(&scope(*s), &id, &group, &[api], stage, now)
                } else {
                    world.unbind_traffic_control(&scope(*s), &id, &group, Some(&[api]), stage)
                }
            }
            _ => Ok(()),
        },
        Op::DeletePolicy { scope: s, pick } => match picked(policy_ids(world, &scope(*s)), *pick) {
            Some(id) => world.delete_traffic_control(&scope(*s), &id).map(drop),
            None => Ok(()),
        },
        Op::ResetAccount { account } => {
            let uid = ["1", "2"][usize::from(*account)];
            world
                .reset_account(uid, &StateSnapshot::default())
                .map_err(|_| cloudapi_core::store::StoreError::NotFound(cloudapi_core::store::Entity::App))
        }
        Op::Reopen => Ok(()),
    };
}

/// Closes the store (its queue committed) and opens the directory again, checking that what
/// comes back is exactly the world memory held.
fn reopen(store: Store, dir: &Path) -> Store {
    let held = store.read(World::clone);
    drop(store);
    let reopened = Store::open_durable(dir).expect("reopens");
    let read_back = reopened.read(World::clone);
    assert_eq!(read_back.export(), held.export(), "the export read back");
    assert!(
        read_back == held,
        "the world read back, indexes and id generators included"
    );
    reopened
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn what_memory_holds_is_what_the_disk_gives_back(ops in proptest::collection::vec(op(), 1..80)) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open_durable(dir.path()).expect("opens");
        let start = time::macros::datetime!(2026-12-01 10:00:00 UTC);
        for (n, op) in ops.iter().enumerate() {
            let now = start + time::Duration::seconds(i64::try_from(n).unwrap_or(0));
            if matches!(op, Op::Reopen) {
                store = reopen(store, dir.path());
                continue;
            }
            store.with(|world| apply(world, op, now));
            if let Some(ticket) = take_commit_ticket() {
                // Half the writes wait, so that the others share commits with them.
                if n % 2 == 0 {
                    ticket.wait().expect("committed");
                }
            }
        }
        reopen(store, dir.path());
    }
}

/// Every family the store persists must be reached by the writes above: a family added to
/// the backend without operations here fails this test until it gets some.
#[test]
fn the_random_writes_reach_every_persisted_family() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_durable(dir.path()).expect("opens");
    let ops = [
        Op::CreateApp {
            scope: 0,
            name: 1,
            tagged: true,
        },
        Op::CreateGroup { scope: 0, name: 1 },
        Op::CreateApi {
            scope: 0,
            pick: 0,
            name: 1,
        },
        Op::DeployApi {
            scope: 0,
            pick: 0,
            stage: 0,
        },
        Op::Authorize {
            scope: 0,
            pick: 0,
            app_scope: 0,
            app: 0,
            stage: 0,
        },
        Op::CreatePolicy { scope: 0, limit: 5 },
        Op::BindPolicy {
            scope: 0,
            pick: 0,
            api: 0,
            stage: 0,
            bind: true,
        },
    ];
    let now = time::macros::datetime!(2026-12-01 10:00:00 UTC);
    for op in &ops {
        store.with(|world| apply(world, op, now));
    }
    let exported = serde_json::to_value(store.read(World::export)).expect("json");
    let scope = &exported["scopes"][0];
    for family in persisted_families() {
        let records = scope[family].as_array().map_or(0, Vec::len);
        assert!(
            records > 0,
            "family {family} is persisted but no write in this test makes any"
        );
    }
    let store = reopen(store, dir.path());
    drop(store);
}

#[test]
fn a_directory_in_use_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = Store::open_durable(dir.path()).expect("opens");
    let err = Store::open_durable(dir.path()).expect_err("locked");
    assert!(matches!(err, OpenError::InUse(_)), "{err}");
    assert!(err.to_string().contains("in use by another running mock"), "{err}");
    drop(first);
    Store::open_durable(dir.path()).expect("free again once closed");
}

fn populated(dir: &Path) {
    let store = Store::open_durable(dir).expect("opens");
    let now = time::macros::datetime!(2026-12-01 10:00:00 UTC);
    for name in 0..20 {
        store.with(|world| {
            apply(
                world,
                &Op::CreateApp {
                    scope: 0,
                    name,
                    tagged: true,
                },
                now,
            )
        });
    }
}

fn refused_and_unchanged(dir: &Path, expected: &str) -> OpenError {
    let file = dir.join(DATA_FILE);
    let before = std::fs::read(&file).expect("read");
    let err = Store::open_durable(dir).expect_err("refused");
    assert!(err.to_string().contains(expected), "{err}");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "a refused file is left as it was"
    );
    err
}

#[test]
fn a_truncated_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    populated(dir.path());
    let file = dir.path().join(DATA_FILE);
    let length = std::fs::metadata(&file).expect("metadata").len();
    let handle = std::fs::OpenOptions::new().write(true).open(&file).expect("open");
    handle.set_len(length / 3).expect("truncate");
    drop(handle);
    let err = refused_and_unchanged(dir.path(), "truncated or corrupt");
    assert!(matches!(err, OpenError::Corrupt { .. }), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(DATA_FILE), b"{\"not\": \"a database\"}").expect("write");
    let err = refused_and_unchanged(dir.path(), "truncated or corrupt");
    assert!(matches!(err, OpenError::Corrupt { .. }), "{err}");
}

#[test]
fn a_damaged_header_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    populated(dir.path());
    let file = dir.path().join(DATA_FILE);
    let mut bytes = std::fs::read(&file).expect("read");
    for byte in bytes.iter_mut().take(64) {
        *byte = !*byte;
    }
    std::fs::write(&file, &bytes).expect("write");
    let err = refused_and_unchanged(dir.path(), "truncated or corrupt");
    assert!(matches!(err, OpenError::Corrupt { .. }), "{err}");
}

#[test]
fn another_layout_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    populated(dir.path());
    {
        let db = redb::Database::open(dir.path().join(DATA_FILE)).expect("opens");
        let txn = db.begin_write().expect("write");
        {
            let meta: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new("meta");
            let mut meta = txn.open_table(meta).expect("meta");
            meta.insert("layout", 99u32.to_be_bytes().as_slice()).expect("insert");
        }
        txn.commit().expect("commit");
    }
    let err = refused_and_unchanged(dir.path(), "another version of cloudapi-mock");
    assert!(matches!(err, OpenError::OtherVersion { .. }), "{err}");
    assert!(err.to_string().contains("layout 99"), "{err}");
}

#[test]
fn a_record_no_import_takes_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    populated(dir.path());
    {
        let db = redb::Database::open(dir.path().join(DATA_FILE)).expect("opens");
        let txn = db.begin_write().expect("write");
        {
            let rows: redb::TableDefinition<&[u8], &[u8]> = redb::TableDefinition::new("rows");
            let mut rows = txn.open_table(rows).expect("rows");
            // Layout 2: family, key, then the scope and its length.
            let mut key = b"apps\0".to_vec();
            key.extend_from_slice(&7u64.to_be_bytes());
            key.extend_from_slice(b"1\0cn-hangzhou");
            key.extend_from_slice(&13u16.to_be_bytes());
            rows.insert(key.as_slice(), b"{\"id\": 7".as_slice()).expect("insert");
        }
        txn.commit().expect("commit");
    }
    let err = refused_and_unchanged(dir.path(), "does not parse");
    assert!(matches!(err, OpenError::Corrupt { .. }), "{err}");
}

#[test]
fn a_path_that_is_a_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plain-file");
    std::fs::write(&path, b"x").expect("write");
    let err = Store::open_durable(&path).expect_err("not a directory");
    assert!(err.to_string().contains("not a directory"), "{err}");
}
