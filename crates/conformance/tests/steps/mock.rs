//! Steps that configure or inspect the mock itself; scenarios using them are `@mock-only`.

use cucumber::{given, then, when};

use cloudapi_core::Credential;

use super::world::SuiteWorld;

fn before_start(world: &SuiteWorld) {
    assert!(
        world.target.is_none(),
        "configure the mock before the scenario's first request"
    );
}

#[given(expr = "the mock allows {int} apps per account")]
fn app_quota(world: &mut SuiteWorld, quota: usize) {
    before_start(world);
    world.mock_config.app_quota = quota;
}

#[given(expr = "the mock throttles at {int} calls per second")]
fn throttle(world: &mut SuiteWorld, rate: u32) {
    before_start(world);
    world.mock_config.throttle_per_second = rate;
}

#[given(expr = "the mock does not throttle")]
fn no_throttle(world: &mut SuiteWorld) {
    before_start(world);
    world.mock_config.throttle_per_second = 0;
}

#[given(expr = "the mock caps calls through a second-level domain at {int} a day")]
fn domain_cap(world: &mut SuiteWorld, calls: u32) {
    before_start(world);
    world.mock_config.domain_daily_cap_mainland = calls;
    world.mock_config.domain_daily_cap_elsewhere = calls;
}

#[given(expr = "the mock's clock stands still")]
fn freeze(world: &mut SuiteWorld) {
    let now = world.clock.now();
    world.clock.set(now);
}

#[when(expr = "the mock's clock moves {int} seconds forward")]
fn advance(world: &mut SuiteWorld, seconds: i64) {
    world.clock.advance(time::Duration::seconds(seconds));
}

#[given(expr = "the mock's clock has moved {int} seconds forward")]
fn has_advanced(world: &mut SuiteWorld, seconds: i64) {
    world.clock.advance(time::Duration::seconds(seconds));
}

#[given(expr = "the mock's clock is set to {string}")]
fn set_clock(world: &mut SuiteWorld, at: String) {
    let at = cloudapi_core::protocol::timestamp::parse(&at)
        .unwrap_or_else(|| panic!("{at:?} is not a time such as 2026-11-30T09:31:28Z"));
    world.clock.set(at);
}

#[given(expr = "the mock has another account with the access key {string}")]
fn another_account(world: &mut SuiteWorld, id: String) {
    before_start(world);
    let secret = format!("{id}-secret");
    world.mock_config.credentials.push(Credential::new(id, secret, None));
}

#[when(expr = "I act as the account with the access key {string}")]
fn act_as(world: &mut SuiteWorld, id: String) {
    let secret = format!("{id}-secret");
    world.acting_as = Some((id, secret));
}

#[when(expr = "I act as myself again")]
fn act_as_self(world: &mut SuiteWorld) {
    world.acting_as = None;
}

#[then(expr = "the mock holds {int} apps for the default account")]
async fn holds(world: &mut SuiteWorld, count: usize) {
    let service = world.target().await.service().expect("a mock-only step").clone();
    let held = service
        .store()
        .with(|w| w.app_count(cloudapi_core::config::DEFAULT_ACCOUNT_UID));
    assert_eq!(held, count);
}

#[given(expr = "the mock allows {int} API groups per account")]
fn group_quota(world: &mut SuiteWorld, quota: usize) {
    before_start(world);
    world.mock_config.group_quota = quota;
}
