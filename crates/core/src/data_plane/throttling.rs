//! Throttling where calls arrive (data-plane.md part 6): the second-level domain's daily cap,
//! the group's own limit, and the policy bound to the API in the stage (its API limit, then
//! the caller's account's, then the caller's app's, special limits over defaults).
//!
//! Calls are counted in fixed windows aligned to the unit on the mock's clock (inferred: the
//! documents do not say fixed or sliding), so a test moves the clock to the next window
//! instead of waiting. Every limit a call meets is checked and counted under one lock, so a
//! limit of N lets exactly N calls through whatever the number of connections; a refused
//! call counts against nothing (inferred).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use foldhash::fast::RandomState;
use time::OffsetDateTime;

use super::error::{GatewayCode, GatewayError};
use crate::config::Config;
use crate::store::{ApiGroup, AppId, Scope, TrafficControl, TrafficUnit};

/// What one counter counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Counted {
    /// Calls through a group's second-level domain, per day.
    Domain { group_id: String },
    /// Calls to a group, per second.
    Group { group_id: String },
    /// Calls to an API in a stage under a policy, all callers.
    Api {
        policy: String,
        api_id: String,
        stage: &'static str,
    },
    /// The same, one account's apps.
    User {
        policy: String,
        api_id: String,
        stage: &'static str,
        account_uid: String,
    },
    /// The same, one app.
    App {
        policy: String,
        api_id: String,
        stage: &'static str,
        app_id: AppId,
    },
}

/// A counter's window and how many calls it let through in it.
#[derive(Debug, Clone, Copy)]
struct Window {
    unit: TrafficUnit,
    index: i64,
    calls: u64,
}

/// One limit a call meets.
#[derive(Debug)]
struct Limit {
    counted: Counted,
    unit: TrafficUnit,
    most: u64,
    refusal: GatewayCode,
}

/// The calling app and its account, as authentication found them.
#[derive(Debug, Clone, Copy)]
pub struct Caller<'a> {
    /// The app's account.
    pub account_uid: &'a str,
    /// The app.
    pub app_id: AppId,
}

/// The counters; the data plane holds one.
#[derive(Debug, Default)]
pub struct Throttling {
    counters: Mutex<HashMap<Counted, Window, RandomState>>,
}

/// Counters are pruned of past windows once there are this many, so that a long-lived
/// mock called by many apps does not keep a counter for every app it ever saw.
const PRUNE_ABOVE: usize = 65_536;

/// The second-level domain's daily cap for a region: 1,000 calls in the Chinese mainland,
/// 100 elsewhere, Hong Kong included (documented); 0 is no cap.
pub fn domain_daily_cap(config: &Config, region: &str) -> u32 {
    let mainland = region.starts_with("cn-") && region != "cn-hongkong";
    if mainland {
        config.domain_daily_cap_mainland
    } else {
        config.domain_daily_cap_elsewhere
    }
}

impl Throttling {
    /// Forgets every count, as a restart would.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Counted, Window, RandomState>> {
        // A counter map cannot be left half-changed: each change is one insert.
        self.counters.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Lets a call through every limit it meets, counting it against each, or refuses it
    /// with the first limit it would pass and counts it against none.
    #[allow(clippy::too_many_arguments)]
    pub fn admit(
        &self,
        config: &Config,
        scope: &Scope,
        group: &ApiGroup,
        through_second_level_domain: bool,
        policy: Option<&TrafficControl>,
        api_id: &str,
        stage: &'static str,
        caller: Option<Caller<'_>>,
        now: OffsetDateTime,
    ) -> Result<(), GatewayError> {
        let limits = limits(
            config,
            scope,
            group,
            through_second_level_domain,
            policy,
            api_id,
            stage,
            caller,
        );
        if limits.is_empty() {
            return Ok(());
        }
        let mut counters = self.lock();
        let calls_in_window = |counters: &HashMap<Counted, Window, RandomState>, limit: &Limit| {
            let index = limit.unit.window(now);
            counters
                .get(&limit.counted)
                .filter(|window| window.index == index && window.unit == limit.unit)
                .map_or(0, |window| window.calls)
        };
        if let Some(passed) = limits
            .iter()
            .find(|limit| calls_in_window(&counters, limit) >= limit.most)
        {
            return Err(GatewayError::new(passed.refusal, ""));
        }
        if counters.len() > PRUNE_ABOVE {
            counters.retain(|_, window| window.index >= window.unit.window(now));
        }
        for limit in limits {
            let index = limit.unit.window(now);
            let window = counters.entry(limit.counted).or_insert(Window {
                unit: limit.unit,
                index,
                calls: 0,
            });
            if window.index != index || window.unit != limit.unit {
                *window = Window {
                    unit: limit.unit,
                    index,
                    calls: 0,
                };
            }
            window.calls += 1;
        }
        Ok(())
    }
}

/// The limits a call meets, in the order the gateway checks them (data-plane reference 4.4
/// puts throttling after authorization: API, then user, then app; the domain and group
/// limits before the policy's are our reading).
#[allow(clippy::too_many_arguments)]
fn limits(
    config: &Config,
    scope: &Scope,
    group: &ApiGroup,
    through_second_level_domain: bool,
    policy: Option<&TrafficControl>,
    api_id: &str,
    stage: &'static str,
    caller: Option<Caller<'_>>,
) -> Vec<Limit> {
    let mut limits = Vec::new();
    let cap = domain_daily_cap(config, &scope.region);
    if through_second_level_domain && cap > 0 {
        limits.push(Limit {
            counted: Counted::Domain {
                group_id: group.id.clone(),
            },
            unit: TrafficUnit::Day,
            most: u64::from(cap),
            refusal: GatewayCode::T429ID,
        });
    }
    if config.group_traffic_limit && group.traffic_limit > 0 {
        limits.push(Limit {
            counted: Counted::Group {
                group_id: group.id.clone(),
            },
            unit: TrafficUnit::Second,
            most: u64::from(group.traffic_limit),
            refusal: GatewayCode::T429GR,
        });
    }
    let Some(policy) = policy else {
        return limits;
    };
    limits.push(Limit {
        counted: Counted::Api {
            policy: policy.id.clone(),
            api_id: api_id.to_owned(),
            stage,
        },
        unit: policy.unit,
        most: u64::from(policy.api_default),
        refusal: GatewayCode::T429PA,
    });
    // An anonymous call has no app and no account: only the API limit acts on it.
    let Some(caller) = caller else {
        return limits;
    };
    if let Some(most) = policy.user_limit(caller.account_uid) {
        limits.push(Limit {
            counted: Counted::User {
                policy: policy.id.clone(),
                api_id: api_id.to_owned(),
                stage,
                account_uid: caller.account_uid.to_owned(),
            },
            unit: policy.unit,
            most: u64::from(most),
            refusal: GatewayCode::T429PR,
        });
    }
    if let Some(most) = policy.app_limit(caller.app_id) {
        limits.push(Limit {
            counted: Counted::App {
                policy: policy.id.clone(),
                api_id: api_id.to_owned(),
                stage,
                app_id: caller.app_id,
            },
            unit: policy.unit,
            most: u64::from(most),
            refusal: GatewayCode::T429SR,
        });
    }
    limits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{SpecialLimit, SpecialType};

    fn scope(region: &str) -> Scope {
        Scope {
            account_uid: "1".into(),
            region: region.into(),
        }
    }

    fn group() -> ApiGroup {
        let new = crate::store::NewGroup {
            name: "throttled".into(),
            ..crate::store::NewGroup::default()
        };
        crate::store::World::default()
            .create_group(&scope("cn-hangzhou"), new, 1, OffsetDateTime::UNIX_EPOCH)
            .expect("a group")
    }

    fn policy(unit: TrafficUnit, api: u32, user: Option<u32>, app: Option<u32>) -> TrafficControl {
        TrafficControl {
            id: "p".into(),
            name: "policy".into(),
            unit,
            api_default: api,
            user_default: user,
            app_default: app,
            description: String::new(),
            specials: Vec::new(),
            bindings: Vec::new(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            modified_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    const APP: Caller<'static> = Caller {
        account_uid: "1",
        app_id: 10_000_000_001,
    };

    fn at(seconds: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000 + seconds).expect("in range")
    }

    fn calls_let_through(
        throttling: &Throttling,
        config: &Config,
        policy: Option<&TrafficControl>,
        caller: Option<Caller<'_>>,
        n: usize,
        now: OffsetDateTime,
    ) -> (usize, Option<GatewayCode>) {
        let mut passed = 0;
        let mut refused = None;
        for _ in 0..n {
            match throttling.admit(
                config,
                &scope("cn-hangzhou"),
                &group(),
                false,
                policy,
                "api",
                "RELEASE",
                caller,
                now,
            ) {
                Ok(()) => passed += 1,
                Err(err) => refused = Some(err.code),
            }
        }
        (passed, refused)
    }

    #[test]
    fn each_limit_lets_its_number_through_then_refuses_with_its_own_code() {
        let config = Config::default();
        let cases = [
            (policy(TrafficUnit::Minute, 3, None, None), GatewayCode::T429PA, 3),
            (policy(TrafficUnit::Minute, 9, Some(4), None), GatewayCode::T429PR, 4),
            (policy(TrafficUnit::Minute, 9, Some(4), Some(2)), GatewayCode::T429SR, 2),
        ];
        for (policy, code, most) in cases {
            let throttling = Throttling::default();
            let (passed, refused) = calls_let_through(&throttling, &config, Some(&policy), Some(APP), 10, at(0));
            assert_eq!((passed, refused), (most, Some(code)), "{policy:?}");
            // The next window starts afresh.
            let (passed, _) = calls_let_through(&throttling, &config, Some(&policy), Some(APP), 10, at(60));
            assert_eq!(passed, most);
        }
    }

    #[test]
    fn specials_replace_the_defaults_and_anonymous_calls_meet_the_api_limit_only() {
        let config = Config::default();
        let mut special = policy(TrafficUnit::Hour, 8, Some(2), Some(1));
        special.specials.push(SpecialLimit {
            kind: SpecialType::App,
            key: APP.app_id.to_string(),
            limit: 5,
        });
        special.specials.push(SpecialLimit {
            kind: SpecialType::User,
            key: "1".into(),
            limit: 6,
        });
        let (passed, refused) = calls_let_through(&Throttling::default(), &config, Some(&special), Some(APP), 9, at(0));
        assert_eq!((passed, refused), (5, Some(GatewayCode::T429SR)));
        let (passed, refused) = calls_let_through(&Throttling::default(), &config, Some(&special), None, 9, at(0));
        assert_eq!((passed, refused), (8, Some(GatewayCode::T429PA)));
    }

    #[test]
    fn a_refused_call_counts_against_nothing() {
        let config = Config::default();
        let throttling = Throttling::default();
        let strict = policy(TrafficUnit::Day, 3, None, Some(1));
        let (passed, _) = calls_let_through(&throttling, &config, Some(&strict), Some(APP), 5, at(0));
        assert_eq!(passed, 1);
        let other = Caller {
            account_uid: "2",
            app_id: 10_000_000_002,
        };
        // The first app's refused calls did not use up the API's three.
        let (passed, refused) = calls_let_through(&throttling, &config, Some(&strict), Some(other), 5, at(1));
        assert_eq!((passed, refused), (1, Some(GatewayCode::T429SR)));
    }

    #[test]
    fn the_group_limit_and_the_domain_cap_act_without_a_policy() {
        let throttling = Throttling::default();
        let config = Config::default();
        let mut small = group();
        small.traffic_limit = 2;
        let admit = |region: &str, domain: bool, now| {
            throttling.admit(
                &config,
                &scope(region),
                &small,
                domain,
                None,
                "api",
                "RELEASE",
                None,
                now,
            )
        };
        assert!(admit("cn-hangzhou", false, at(0)).is_ok());
        assert!(admit("cn-hangzhou", false, at(0)).is_ok());
        assert_eq!(
            admit("cn-hangzhou", false, at(0)).map_err(|e| e.code),
            Err(GatewayCode::T429GR)
        );
        let off = Config {
            group_traffic_limit: false,
            ..Config::default()
        };
        assert!(throttling
            .admit(
                &off,
                &scope("cn-hangzhou"),
                &small,
                false,
                None,
                "api",
                "RELEASE",
                None,
                at(0)
            )
            .is_ok());
        assert_eq!(domain_daily_cap(&config, "cn-hangzhou"), 1_000);
        assert_eq!(domain_daily_cap(&config, "cn-hongkong"), 100);
        assert_eq!(domain_daily_cap(&config, "ap-southeast-1"), 100);
        let capped = Config {
            domain_daily_cap_elsewhere: 3,
            group_traffic_limit: false,
            ..Config::default()
        };
        let through_domain = |now| {
            throttling.admit(
                &capped,
                &scope("ap-southeast-1"),
                &small,
                true,
                None,
                "api",
                "RELEASE",
                None,
                now,
            )
        };
        for second in 0..3 {
            assert!(through_domain(at(second)).is_ok());
        }
        assert_eq!(through_domain(at(3)).map_err(|e| e.code), Err(GatewayCode::T429ID));
        assert!(through_domain(at(86_400)).is_ok(), "the next day");
    }
}
