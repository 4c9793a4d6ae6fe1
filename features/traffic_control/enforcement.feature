@traffic_control @data_plane
Feature: Throttling where calls arrive: a policy's limits, the group's, the domain's
  Per unit of time, ApiDefault caps all calls to one bound API, UserDefault one Alibaba Cloud
  account's calls (all its apps together) to it, AppDefault one app's; a special limit replaces
  the app or account default for that caller; an anonymous API has no app and no account, so
  only the API limit acts. A binding is per stage and takes effect at once. Calls through a
  group's second-level domain are capped per day (1,000 in the Chinese mainland, 100
  elsewhere), and a group takes 500 calls a second (its TrafficLimit).

  Documented ("Throttling policies", doc 29482; the limits page; reference/data-plane.md
  parts 1.1 and 6): the meaning of the limits, the specials, the per-stage binding, the
  second-level domain's daily cap and the group's TrafficLimit; the classic instances'
  messages `Throttled by API Flow Control`, `... USER ...`, `... APP ...`, `... GROUP ...`,
  `... DOMAIN ...`.
  Inferred: the status 429 and which T429 code is which (API T429PA, user T429PR, app T429SR,
  group T429GR, domain T429ID); windows are fixed and aligned to the unit on UTC; a refused
  call counts against no limit; the domain and group limits are checked before the policy's.
  Every scenario here moves or stops the mock's clock, or bursts calls: mock-only.

  Background:
    Given the mock's clock stands still
    And an app named "tc_caller"
    And an API group named "tc_gateway"
    And the group "tc_gateway" publishes the API "tc_limited" in RELEASE and TEST:
      | field      | value    |
      | Path       | /limited |
      | MockResult | let in   |
    And the group "tc_gateway" publishes the API "tc_open" in RELEASE:
      | field      | value     |
      | Path       | /open     |
      | AuthType   | ANONYMOUS |
      | MockResult | open      |
    And the app "tc_caller" is authorized to call "tc_limited" in RELEASE

  @inferred @mock-only
  Scenario Outline: The API limit holds for its unit, and the next window lets calls in again
    Given a throttling policy named "tc_per_unit" allowing 3 calls per <unit>
    And the policy "tc_per_unit" holds the API "tc_limited" in RELEASE
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 5 times
    Then 3 of the calls are answered 200 and 2 refused with 429 "T429PA"
    And the gateway refuses with 429 "T429PA"
    And the gateway's error message is "Throttled by API Flow Control"
    When the mock's clock moves <seconds> seconds forward
    And the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 4 times
    Then 3 of the calls are answered 200 and 1 refused with 429 "T429PA"

    Examples:
      | unit   | seconds |
      | SECOND | 1       |
      | MINUTE | 60      |
      | HOUR   | 3600    |
      | DAY    | 86400   |

  @inferred @mock-only
  Scenario: Within its window a limit stays spent
    Given a throttling policy named "tc_hourly" allowing 2 calls per HOUR
    And the policy "tc_hourly" holds the API "tc_limited" in RELEASE
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 2 times
    Then all 2 calls are answered 200
    When the mock's clock moves 1 seconds forward
    And the app "tc_caller" calls "GET /limited" on the group "tc_gateway"
    Then the gateway refuses with 429 "T429PA"

  @inferred @mock-only
  Scenario: The app limit, then a special limit for the app over it
    Given a throttling policy named "tc_per_app" with:
      | parameter          | value  |
      | TrafficControlUnit | MINUTE |
      | ApiDefault         | 100    |
      | UserDefault        | 50     |
      | AppDefault         | 2      |
    And the policy "tc_per_app" holds the API "tc_limited" in RELEASE
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 4 times
    Then 2 of the calls are answered 200 and 2 refused with 429 "T429SR"
    And the gateway's error message is "Throttled by APP Flow Control"
    Given the policy "tc_per_app" gives the app "tc_caller" a special limit of 5
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 4 times
    Then 3 of the calls are answered 200 and 1 refused with 429 "T429SR"

  @inferred @mock-only
  Scenario: The user limit counts all of an account's apps together
    Given an app named "tc_sibling"
    And the app "tc_sibling" is authorized to call "tc_limited" in RELEASE
    And a throttling policy named "tc_per_user" with:
      | parameter          | value  |
      | TrafficControlUnit | MINUTE |
      | ApiDefault         | 100    |
      | UserDefault        | 3      |
    And the policy "tc_per_user" holds the API "tc_limited" in RELEASE
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 2 times
    And the app "tc_sibling" calls "GET /limited" on the group "tc_gateway" 2 times
    Then 1 of the calls are answered 200 and 1 refused with 429 "T429PR"
    And the gateway's error message is "Throttled by USER Flow Control"

  @inferred @mock-only
  Scenario: A special limit for the account replaces the user default
    Given a throttling policy named "tc_vip" with:
      | parameter          | value  |
      | TrafficControlUnit | MINUTE |
      | ApiDefault         | 100    |
      | UserDefault        | 1      |
    And the policy "tc_vip" holds the API "tc_limited" in RELEASE
    When I call AddTrafficSpecialControl with:
      | parameter        | value            |
      | TrafficControlId | {policy:tc_vip}  |
      | SpecialType      | USER             |
      | SpecialKey       | 1234567890123456 |
      | TrafficValue     | 4                |
    Then the request succeeds
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 6 times
    Then 4 of the calls are answered 200 and 2 refused with 429 "T429PR"

  @inferred @mock-only
  Scenario: An anonymous API meets the API limit only
    Given a throttling policy named "tc_anonymous" with:
      | parameter          | value  |
      | TrafficControlUnit | MINUTE |
      | ApiDefault         | 3      |
      | UserDefault        | 1      |
      | AppDefault         | 1      |
    And the policy "tc_anonymous" holds the API "tc_open" in RELEASE
    When someone calls "GET /open" on the group "tc_gateway" without credentials
    And someone calls "GET /open" on the group "tc_gateway" without credentials
    And someone calls "GET /open" on the group "tc_gateway" without credentials
    Then the gateway answers 200
    When someone calls "GET /open" on the group "tc_gateway" without credentials
    Then the gateway refuses with 429 "T429PA"

  @inferred @mock-only
  Scenario: A binding is per stage, and unbinding lifts the limit at once
    Given the app "tc_caller" is authorized to call "tc_limited" in TEST
    And a throttling policy named "tc_test_only" allowing 1 calls per DAY
    And the policy "tc_test_only" holds the API "tc_limited" in TEST
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 3 times
    Then all 3 calls are answered 200
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" with:
      | option | value |
      | stage  | TEST  |
    Then the gateway answers 200
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" with:
      | option | value |
      | stage  | TEST  |
    Then the gateway refuses with 429 "T429PA"
    When I call RemoveTrafficControlApis with:
      | parameter        | value                 |
      | TrafficControlId | {policy:tc_test_only} |
      | GroupId          | {group:tc_gateway}    |
      | StageName        | TEST                  |
    Then the request succeeds
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" with:
      | option | value |
      | stage  | TEST  |
    Then the gateway answers 200

  @inferred @mock-only
  Scenario: At the limit, many connections at once: exactly the limit gets through
    Given a throttling policy named "tc_race" allowing 20 calls per MINUTE
    And the policy "tc_race" holds the API "tc_limited" in RELEASE
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 60 times at once
    Then 20 of the calls are answered 200 and 40 refused with 429 "T429PA"

  @inferred @mock-only
  Scenario: A raised limit counts what the window already let through
    Given a throttling policy named "tc_raised" allowing 2 calls per MINUTE
    And the policy "tc_raised" holds the API "tc_limited" in RELEASE
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 3 times
    Then 2 of the calls are answered 200 and 1 refused with 429 "T429PA"
    When I call ModifyTrafficControl with:
      | parameter        | value              |
      | TrafficControlId | {policy:tc_raised} |
      | ApiDefault       | 4                  |
    And the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 3 times
    Then 2 of the calls are answered 200 and 1 refused with 429 "T429PA"

  @inferred @mock-only
  Scenario: The group takes 500 calls a second, whatever the policies
    When the app "tc_caller" calls "GET /limited" on the group "tc_gateway" 501 times at once
    Then 500 of the calls are answered 200 and 1 refused with 429 "T429GR"
    And the gateway's error message is "Throttled by GROUP Flow Control"
    When the mock's clock moves 1 seconds forward
    And the app "tc_caller" calls "GET /limited" on the group "tc_gateway"
    Then the gateway answers 200
