//! The world as a document: what `GET /_mock/state` exports, `PUT /_mock/state` and
//! `--seed` import, and what a reset returns to.
//!
//! Only what cannot be derived is written down; the indexes (apps by name, AppKeys and
//! AppCodes everywhere, apps per account) are rebuilt on import, so export then import gives
//! back an equal world and the same document.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Api, ApiGroup, App, AppId, Authorization, Scope, Tenancy, TrafficControl, World, MAX_APP_ID};
use crate::gateway::is_region_shaped;

/// The format written in every exported document.
pub const SNAPSHOT_FORMAT: u32 = 1;

/// All state, by account and region.
///
/// ```
/// use cloudapi_core::StateSnapshot;
/// let seed: StateSnapshot = serde_json::from_str(r#"{"scopes": []}"#).unwrap();
/// assert_eq!(seed, StateSnapshot::default());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateSnapshot {
    /// The document's format, [`SNAPSHOT_FORMAT`].
    #[serde(default = "current_format")]
    pub format: u32,
    /// The last app id handed out; the next app gets a higher one. May be left out of a seed
    /// file: the highest id in it is taken.
    #[serde(default)]
    pub last_app_id: AppId,
    /// Ordered by account, then region.
    #[serde(default)]
    pub scopes: Vec<ScopeState>,
}

impl Default for StateSnapshot {
    fn default() -> Self {
        StateSnapshot {
            format: SNAPSHOT_FORMAT,
            last_app_id: 0,
            scopes: Vec::new(),
        }
    }
}

fn current_format() -> u32 {
    SNAPSHOT_FORMAT
}

/// The state of one account in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeState {
    /// The account's UID.
    pub account_uid: String,
    /// The region.
    pub region: String,
    /// Ordered by id.
    #[serde(default)]
    pub apps: Vec<App>,
    /// In creation order (which breaks ties in listings by modification time).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<ApiGroup>,
    /// In creation order, each after its group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apis: Vec<Api>,
    /// The authorizations on this scope's APIs, by API, stage and app.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authorizations: Vec<Authorization>,
    /// The throttling policies in creation order, each with the APIs it holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub traffic_controls: Vec<TrafficControl>,
}

/// Why a document cannot become the world; nothing is changed when it is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

fn refuse<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError(message.into()))
}

impl World {
    /// Everything the world holds, in a stable order.
    ///
    /// ```
    /// use cloudapi_core::store::{NewApp, Scope, World};
    /// let mut world = World::default();
    /// let scope = Scope { account_uid: "1".into(), region: "cn-hangzhou".into() };
    /// let app = NewApp { name: "exported".into(), ..NewApp::default() };
    /// world.create_app(&scope, app, 10, time::OffsetDateTime::UNIX_EPOCH).unwrap();
    /// let snapshot = world.export();
    /// assert_eq!(snapshot.scopes[0].apps[0].name, "exported");
    /// assert_eq!(World::import(snapshot).unwrap(), world);
    /// ```
    pub fn export(&self) -> StateSnapshot {
        let ordered: BTreeMap<&Scope, &Tenancy> = self
            .tenancies
            .iter()
            .map(|(scope, tenancy)| (scope.as_ref(), tenancy))
            .collect();
        let scopes = ordered
            .into_iter()
            .filter(|(_, tenancy)| !tenancy.is_empty())
            .map(|(scope, tenancy)| {
                let Tenancy {
                    apps,
                    groups,
                    apis,
                    authorizations,
                    traffic_controls,
                } = tenancy;
                ScopeState {
                    account_uid: scope.account_uid.clone(),
                    region: scope.region.clone(),
                    apps: apps.iter().cloned().collect(),
                    groups: groups.iter().cloned().collect(),
                    apis: apis.iter().cloned().collect(),
                    authorizations: authorizations.iter().cloned().collect(),
                    traffic_controls: traffic_controls.iter().cloned().collect(),
                }
            })
            .collect();
        StateSnapshot {
            scopes,
            ..self.export_header()
        }
    }

    /// The export without its scopes: the world's own fields (the format, the id
    /// generators). A durable store keeps it beside the records.
    pub fn export_header(&self) -> StateSnapshot {
        // Destructured in full so that a field added to the world or a tenancy is a compile
        // error here until it is exported (or declared derivable).
        let World {
            tenancies: _,
            apps_per_account: _,
            app_keys: _,
            app_codes: _,
            group_ids: _,
            api_ids: _,
            app_ids: _,
            held_by_app: _,
            ids,
            capture: _,
        } = self;
        StateSnapshot {
            format: SNAPSHOT_FORMAT,
            last_app_id: ids.last_app_id,
            scopes: Vec::new(),
        }
    }

    /// Builds a world from a document, checking what the mock itself guarantees: one scope
    /// once, account UIDs of digits, region ids, app ids unique everywhere, names unique per
    /// scope, AppKeys and AppCodes unique everywhere, every app with its own key pair and code.
    ///
    /// ```
    /// use cloudapi_core::store::World;
    /// use cloudapi_core::StateSnapshot;
    /// let wrong_format = StateSnapshot { format: 2, ..StateSnapshot::default() };
    /// assert!(World::import(wrong_format).is_err());
    /// ```
    pub fn import(snapshot: StateSnapshot) -> Result<World, ImportError> {
        if snapshot.format != SNAPSHOT_FORMAT {
            return refuse(format!(
                "state format {} is not supported (expected {SNAPSHOT_FORMAT})",
                snapshot.format
            ));
        }
        let mut world = World::default();
        let mut seen_scopes = BTreeSet::new();
        let mut seen_ids = HashMap::new();
        // Checked once every scope is in: an authorized app may be another account's.
        let mut authorizations = Vec::new();
        for scope_state in snapshot.scopes {
            check_times(&scope_state)?;
            let scope = Scope {
                account_uid: scope_state.account_uid,
                region: scope_state.region,
            };
            check_scope(&scope)?;
            if !seen_scopes.insert(scope.clone()) {
                return refuse(format!(
                    "account {} in region {} appears twice",
                    scope.account_uid, scope.region
                ));
            }
            for app in scope_state.apps {
                check_app(&world, &scope, &app)?;
                if let Some(other) = seen_ids.insert(app.id, scope.clone()) {
                    return refuse(format!(
                        "app id {} is used twice (account {}, account {})",
                        app.id, other.account_uid, scope.account_uid
                    ));
                }
                world.insert_app(&scope, app);
            }
            for group in scope_state.groups {
                check_group(&world, &scope, &group)?;
                world.insert_group(&scope, group);
            }
            for api in scope_state.apis {
                check_api(&world, &scope, &api)?;
                world.insert_api(&scope, api);
            }
            authorizations.extend(scope_state.authorizations.into_iter().map(|a| (scope.clone(), a)));
            for policy in scope_state.traffic_controls {
                check_traffic_control(&world, &scope, &policy)?;
                let owner = world.owner(&scope);
                world.tenancy_entry(owner).traffic_controls.insert(policy);
            }
        }
        for (scope, authorization) in authorizations {
            check_authorization(&world, &scope, &authorization)?;
            let owner = world.owner(&scope);
            world.insert_authorization(owner, authorization);
        }
        if !(0..=MAX_APP_ID).contains(&snapshot.last_app_id) {
            return refuse(format!(
                "last_app_id {} is outside 0..={MAX_APP_ID} (the largest id a JSON client reads exactly)",
                snapshot.last_app_id
            ));
        }
        world.ids.saw_app_id(snapshot.last_app_id);
        Ok(world)
    }

    /// Replaces one account's apps, in every region, by those `baseline` holds for it; other
    /// accounts keep theirs, and ids already handed out are not handed out again.
    ///
    /// ```
    /// use cloudapi_core::store::{NewApp, Scope, World};
    /// use cloudapi_core::StateSnapshot;
    /// let mut world = World::default();
    /// let scope = Scope { account_uid: "1".into(), region: "cn-hangzhou".into() };
    /// let app = NewApp { name: "temporary".into(), ..NewApp::default() };
    /// world.create_app(&scope, app, 10, time::OffsetDateTime::UNIX_EPOCH).unwrap();
    /// world.reset_account("1", &StateSnapshot::default()).unwrap();
    /// assert_eq!(world.app_count("1"), 0);
    /// ```
    pub fn reset_account(&mut self, account_uid: &str, baseline: &StateSnapshot) -> Result<(), ImportError> {
        let mut snapshot = self.export();
        snapshot.scopes.retain(|scope| scope.account_uid != account_uid);
        snapshot.scopes.extend(
            baseline
                .scopes
                .iter()
                .filter(|scope| scope.account_uid == account_uid)
                .cloned(),
        );
        snapshot.last_app_id = snapshot.last_app_id.max(baseline.last_app_id);
        // Another account's authorizations of this account's apps go with the apps that
        // the reset removed, as a DeleteApp would take them.
        let apps: BTreeSet<(String, AppId)> = snapshot
            .scopes
            .iter()
            .flat_map(|scope| scope.apps.iter().map(|app| (scope.region.clone(), app.id)))
            .collect();
        for scope in &mut snapshot.scopes {
            let region = scope.region.clone();
            scope
                .authorizations
                .retain(|a| apps.contains(&(region.clone(), a.app_id)));
        }
        *self = World::import(snapshot)?;
        Ok(())
    }
}

/// A stored time lies in the mock's calendar: the clock's own range, in UTC (a time with an
/// offset can fall past the year 9999 once in UTC).
fn check_time(at: time::OffsetDateTime, what: impl Fn() -> String) -> Result<(), ImportError> {
    if (crate::Clock::EARLIEST..=crate::Clock::LATEST).contains(&at) {
        Ok(())
    } else {
        refuse(format!(
            "{}: {} is outside {}..={}",
            what(),
            at,
            crate::protocol::timestamp::format(crate::Clock::EARLIEST),
            crate::protocol::timestamp::format(crate::Clock::LATEST)
        ))
    }
}

/// Every time a scope's state holds, each in the calendar.
fn check_times(state: &ScopeState) -> Result<(), ImportError> {
    for app in &state.apps {
        let at = || format!("app {}", app.id);
        check_time(app.created_at, at)?;
        check_time(app.modified_at, at)?;
        if let Some(reset) = app.app_code_reset_at {
            check_time(reset, at)?;
        }
        for pair in &app.key_pairs {
            check_time(pair.created_at, at)?;
            check_time(pair.modified_at, at)?;
        }
        for code in &app.app_codes {
            check_time(code.created_at, at)?;
            check_time(code.modified_at, at)?;
        }
    }
    for group in &state.groups {
        let at = || format!("group {}", group.id);
        check_time(group.created_at, at)?;
        check_time(group.modified_at, at)?;
    }
    for api in &state.apis {
        let at = || format!("API {}", api.id);
        check_time(api.created_at, at)?;
        check_time(api.modified_at, at)?;
        for publication in &api.history {
            check_time(publication.deployed_at, at)?;
        }
    }
    for policy in &state.traffic_controls {
        let at = || format!("traffic control {}", policy.id);
        check_time(policy.created_at, at)?;
        check_time(policy.modified_at, at)?;
        for binding in &policy.bindings {
            check_time(binding.bound_at, at)?;
        }
    }
    for authorization in &state.authorizations {
        let at = || {
            format!(
                "authorization of app {} on API {}",
                authorization.app_id, authorization.api_id
            )
        };
        check_time(authorization.authorized_at, at)?;
        if let Some(until) = authorization.valid_until {
            check_time(until, at)?;
        }
    }
    Ok(())
}

fn check_scope(scope: &Scope) -> Result<(), ImportError> {
    if scope.account_uid.is_empty() || !scope.account_uid.bytes().all(|b| b.is_ascii_digit()) {
        return refuse(format!("account UID {:?} must be digits", scope.account_uid));
    }
    if !is_region_shaped(&scope.region) {
        return refuse(format!("{:?} is not a region id such as cn-hangzhou", scope.region));
    }
    Ok(())
}

fn check_app(world: &World, scope: &Scope, app: &App) -> Result<(), ImportError> {
    let at = || format!("app {} ({:?}) of account {}", app.id, app.name, scope.account_uid);
    if !(1..=MAX_APP_ID).contains(&app.id) {
        return refuse(format!("{}: an app id is a number from 1 to {MAX_APP_ID}", at()));
    }
    if app.name.is_empty() {
        return refuse(format!("{}: the name is empty", at()));
    }
    if world
        .tenancies
        .get(scope)
        .and_then(|t| t.app_id_by_name(&app.name))
        .is_some()
    {
        return refuse(format!("{}: the name is used twice in region {}", at(), scope.region));
    }
    if app.key_pairs.is_empty() || app.app_codes.is_empty() {
        return refuse(format!("{}: every app has at least one key pair and one AppCode", at()));
    }
    let mut keys = BTreeSet::new();
    for pair in &app.key_pairs {
        if pair.app_key.is_empty() || world.app_key_taken(&pair.app_key) || !keys.insert(&pair.app_key) {
            return refuse(format!("{}: AppKey {:?} is empty or used twice", at(), pair.app_key));
        }
    }
    let mut codes = BTreeSet::new();
    for code in &app.app_codes {
        if code.app_code.is_empty() || world.app_code_taken(&code.app_code) || !codes.insert(&code.app_code) {
            return refuse(format!("{}: AppCode {:?} is empty or used twice", at(), code.app_code));
        }
    }
    Ok(())
}

fn check_group(world: &World, scope: &Scope, group: &ApiGroup) -> Result<(), ImportError> {
    let at = || format!("group {} ({:?}) of account {}", group.id, group.name, scope.account_uid);
    if group.id.is_empty() || !group.id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return refuse(format!("{}: a GroupId is letters and digits", at()));
    }
    if world.group_id_taken(&group.id) {
        return refuse(format!("{}: the GroupId is used twice", at()));
    }
    if group.name.is_empty() {
        return refuse(format!("{}: the name is empty", at()));
    }
    if world
        .tenancies
        .get(scope)
        .and_then(|t| t.groups.id_by_name(&group.name))
        .is_some()
    {
        return refuse(format!("{}: the name is used twice in region {}", at(), scope.region));
    }
    if !group.base_path.starts_with('/') {
        return refuse(format!("{}: the base path must start with /", at()));
    }
    Ok(())
}

fn check_authorization(world: &World, scope: &Scope, authorization: &Authorization) -> Result<(), ImportError> {
    let at = || {
        format!(
            "authorization of app {} on API {} in {} (account {})",
            authorization.app_id, authorization.api_id, authorization.stage, scope.account_uid
        )
    };
    if world.api(scope, None, &authorization.api_id).is_err() {
        return refuse(format!("{}: the API is not in that account and region", at()));
    }
    if world
        .app_scope(authorization.app_id)
        .is_none_or(|s| s.region != scope.region)
    {
        return refuse(format!("{}: no such app in region {}", at(), scope.region));
    }
    if super::apis::stage_name(&authorization.stage) != Some(authorization.stage.as_str()) {
        return refuse(format!("{}: not a stage", at()));
    }
    if world
        .authorization(authorization.app_id, &authorization.api_id, &authorization.stage)
        .is_some()
    {
        return refuse(format!("{}: given twice", at()));
    }
    Ok(())
}

fn check_traffic_control(world: &World, scope: &Scope, policy: &TrafficControl) -> Result<(), ImportError> {
    let at = || format!("traffic control {} of account {}", policy.id, scope.account_uid);
    if policy.id.is_empty() || !policy.id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return refuse(format!("{}: the id must be letters and digits", at()));
    }
    if world.traffic_control(scope, &policy.id).is_ok() {
        return refuse(format!("{}: the id is used twice", at()));
    }
    let limits = [Some(policy.api_default), policy.user_default, policy.app_default];
    if limits.iter().flatten().any(|limit| *limit == 0) || policy.specials.iter().any(|special| special.limit == 0) {
        return refuse(format!("{}: every limit is at least 1", at()));
    }
    for binding in &policy.bindings {
        if world.api(scope, Some(&binding.group_id), &binding.api_id).is_err() {
            return refuse(format!(
                "{}: API {} is not in group {} of that account and region",
                at(),
                binding.api_id,
                binding.group_id
            ));
        }
        if super::apis::stage_name(&binding.stage) != Some(binding.stage.as_str()) {
            return refuse(format!("{}: {:?} is not a stage", at(), binding.stage));
        }
        if world
            .traffic_control_of(scope, &binding.api_id, &binding.stage)
            .is_some()
            || policy
                .bindings
                .iter()
                .filter(|b| b.api_id == binding.api_id && b.stage == binding.stage)
                .count()
                > 1
        {
            return refuse(format!(
                "{}: API {} is held twice in {}",
                at(),
                binding.api_id,
                binding.stage
            ));
        }
    }
    Ok(())
}

fn check_api(world: &World, scope: &Scope, api: &Api) -> Result<(), ImportError> {
    let at = || {
        format!(
            "API {} ({:?}) of account {}",
            api.id, api.definition.name, scope.account_uid
        )
    };
    if api.id.is_empty() || !api.id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return refuse(format!("{}: an ApiId is letters and digits", at()));
    }
    if world.api_id_taken(&api.id) {
        return refuse(format!("{}: the ApiId is used twice", at()));
    }
    let Some(tenancy) = world
        .tenancies
        .get(scope)
        .filter(|t| t.groups.get(&api.group_id).is_some())
    else {
        return refuse(format!(
            "{}: its group {} is not in the same account and region",
            at(),
            api.group_id
        ));
    };
    let clash = tenancy.apis.of_group(&api.group_id).any(|other| {
        other.definition.name == api.definition.name
            || other.definition.request_config.request_path == api.definition.request_config.request_path
    });
    if clash {
        return refuse(format!("{}: its name or request path is used twice in its group", at()));
    }
    for (stage, version) in &api.running {
        if !api.history.iter().any(|p| &p.stage == stage && &p.version == version) {
            return refuse(format!(
                "{}: stage {stage} runs version {version}, which its history lacks",
                at()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewApp, Tag};
    use time::macros::datetime;
    use time::OffsetDateTime;

    const NOW: OffsetDateTime = datetime!(2026-11-30 09:31:28.123456789 UTC);

    fn scope(account: &str, region: &str) -> Scope {
        Scope {
            account_uid: account.into(),
            region: region.into(),
        }
    }

    fn populated() -> World {
        let mut world = World::default();
        for (account, region, name) in [
            ("1", "cn-hangzhou", "first"),
            ("1", "cn-hangzhou", "second"),
            ("1", "cn-beijing", "first"),
            ("2", "cn-hangzhou", "theirs"),
        ] {
            world
                .create_app(
                    &scope(account, region),
                    NewApp {
                        name: name.into(),
                        description: "d".into(),
                        tags: vec![Tag {
                            key: "env".into(),
                            value: "test".into(),
                        }],
                        ..NewApp::default()
                    },
                    10,
                    NOW,
                )
                .expect("created");
        }
        let gone = world
            .create_app(
                &scope("2", "cn-hangzhou"),
                NewApp {
                    name: "deleted".into(),
                    ..NewApp::default()
                },
                10,
                NOW,
            )
            .expect("created");
        world.delete_app(&scope("2", "cn-hangzhou"), gone).expect("deleted");
        world
    }

    #[test]
    fn export_then_import_gives_back_the_same_world_and_document() {
        let world = populated();
        let exported = world.export();
        let json = serde_json::to_string_pretty(&exported).expect("json");
        let parsed: StateSnapshot = serde_json::from_str(&json).expect("parses");
        let imported = World::import(parsed).expect("valid");
        assert_eq!(imported, world);
        assert_eq!(serde_json::to_string_pretty(&imported.export()).expect("json"), json);
    }

    #[test]
    fn import_rebuilds_the_indexes() {
        let mut world = World::import(populated().export()).expect("valid");
        let err = world
            .create_app(
                &scope("1", "cn-hangzhou"),
                NewApp {
                    name: "first".into(),
                    ..NewApp::default()
                },
                10,
                NOW,
            )
            .expect_err("name taken");
        assert_eq!(err, crate::store::StoreError::Taken(crate::store::Entity::AppName));
        assert_eq!(world.app_count("1"), 3);
        let id = world
            .create_app(
                &scope("3", "cn-hangzhou"),
                NewApp {
                    name: "new".into(),
                    ..NewApp::default()
                },
                10,
                NOW,
            )
            .expect("created");
        assert_eq!(id, FIRST_ID + 5, "the deleted app's id is not handed out again");
    }

    const FIRST_ID: AppId = crate::store::FIRST_APP_ID;

    #[test]
    fn inconsistent_documents_are_refused() {
        let good = populated().export();
        let mut twice = good.clone();
        twice.scopes.push(twice.scopes[0].clone());
        assert!(World::import(twice).is_err());

        let mut shared_key = good.clone();
        let key = shared_key.scopes[0].apps[0].key_pairs[0].app_key.clone();
        shared_key.scopes[1].apps[0].key_pairs[0].app_key = key;
        assert!(World::import(shared_key).is_err());

        let mut same_name = good.clone();
        let name = same_name.scopes[1].apps[0].name.clone();
        same_name.scopes[1].apps[1].name = name;
        assert!(World::import(same_name).is_err());

        let mut no_codes = good.clone();
        no_codes.scopes[0].apps[0].app_codes.clear();
        assert!(World::import(no_codes).is_err());

        let mut bad_region = good;
        bad_region.scopes[0].region = "Hangzhou!".into();
        assert!(World::import(bad_region).is_err());
    }

    #[test]
    fn ids_never_wrap_and_documents_beyond_them_are_refused() {
        let near_the_end = StateSnapshot {
            last_app_id: MAX_APP_ID - 1,
            ..StateSnapshot::default()
        };
        let mut world = World::import(near_the_end).expect("valid");
        let app = |name: &str| NewApp {
            name: name.into(),
            ..NewApp::default()
        };
        let last = world
            .create_app(&scope("1", "cn-hangzhou"), app("last"), 10, NOW)
            .expect("the last id");
        assert_eq!(last, MAX_APP_ID);
        let err = world
            .create_app(&scope("1", "cn-hangzhou"), app("one_more"), 10, NOW)
            .expect_err("no id left");
        assert_eq!(err, crate::store::StoreError::LimitReached(crate::store::Entity::App));
        for last_app_id in [MAX_APP_ID + 1, i64::MAX, -1] {
            let beyond = StateSnapshot {
                last_app_id,
                ..StateSnapshot::default()
            };
            assert!(World::import(beyond).is_err(), "{last_app_id}");
        }
        let mut huge_id = populated().export();
        huge_id.scopes[0].apps[0].id = i64::MAX;
        assert!(World::import(huge_id).is_err());
    }

    #[test]
    fn times_outside_the_calendar_are_refused() {
        let mut document = populated().export();
        document.scopes[0].apps[0].created_at = time::macros::datetime!(9999-12-31 23:59:59 -01:00);
        let err = World::import(document).expect_err("past the calendar in UTC");
        assert!(err.0.contains("outside"), "{err}");
        let mut early = populated().export();
        early.scopes[0].apps[0].key_pairs[0].modified_at = time::macros::datetime!(0000-01-01 00:00:00 +01:00);
        assert!(World::import(early).is_err());
    }

    #[test]
    fn groups_are_exported_and_imported_with_their_indexes() {
        let mut world = populated();
        let group = world
            .create_group(
                &scope("1", "cn-hangzhou"),
                crate::store::NewGroup {
                    name: "weather".into(),
                    ..crate::store::NewGroup::default()
                },
                10,
                NOW,
            )
            .expect("created");
        let exported = world.export();
        let imported = World::import(exported.clone()).expect("valid");
        assert_eq!(imported, world);
        assert_eq!(imported.group_scope(&group.id), Some(&scope("1", "cn-hangzhou")));
        let mut twice = exported;
        let holder = twice
            .scopes
            .iter()
            .position(|s| !s.groups.is_empty())
            .expect("a scope with the group");
        let copy = twice.scopes[holder].groups[0].clone();
        let other = (holder + 1) % twice.scopes.len();
        twice.scopes[other].groups.push(copy);
        assert!(World::import(twice).is_err(), "a GroupId is unique across scopes");
    }

    #[test]
    fn resetting_an_account_keeps_the_others() {
        let baseline = populated().export();
        let mut world = World::import(baseline.clone()).expect("valid");
        for account in ["1", "2"] {
            let extra = NewApp {
                name: "extra".into(),
                ..NewApp::default()
            };
            world
                .create_app(&scope(account, "cn-shanghai"), extra, 10, NOW)
                .expect("created");
        }
        world.reset_account("1", &baseline).expect("reset");
        assert_eq!(world.app_count("1"), 3);
        assert_eq!(world.app_count("2"), 2);
        world.reset_account("2", &StateSnapshot::default()).expect("reset");
        assert_eq!(world.app_count("2"), 0);
        assert_eq!(world.app_count("1"), 3);
    }
}
