@traffic_control
Feature: Throttling policies: create, change, bind to APIs per stage, special limits, delete
  A throttling policy caps, per unit of time, the calls to each API it is bound to: all
  callers together (ApiDefault), one Alibaba Cloud account's apps (UserDefault), one app
  (AppDefault). Special limits replace the app or account default for one AppId or one
  account. A policy is bound per API and per stage.

  Documented (SDK models CreateTrafficControlRequest, SetTrafficControlApisRequest,
  AddTrafficSpecialControlRequest; "Throttling policies", doc 29482; reference/cloudapi-apis.md
  part 7.1 and reference/data-plane.md part 6):
  - TrafficControlName is 4 to 50 letters, digits or underscores and does not start with an
    underscore; TrafficControlUnit is SECOND, MINUTE, HOUR or DAY; ApiDefault is required.
  - SetTrafficControlApis takes effect at once; a newer binding replaces the older one.
  - RemoveTrafficControlApis without ApiIds unbinds the policy from every API of that group and
    stage.
  - A policy still bound to an API cannot be deleted; deleting it drops its special limits.
  - AddTrafficSpecialControl overwrites a SpecialKey already there; SpecialType is APP (an
    AppId) or USER (an account UID); a special limit may not exceed the API limit.
  - DescribeTrafficControls' GroupId, ApiId and StageName are given together.
  Inferred: the codes (NotFoundTrafficControl, DependencyViolationTrafficControl,
  InvalidTrafficControlName, InvalidUserDefault, InvalidTrafficValue, MissingApiId ...) follow
  the service's templates; the console's rule "app limit at most the user limit, user limit at
  most the API limit" holds; an API is held by one policy per stage; the listing is newest
  first; a limit never set is left out of the listing; deleting a special that is not there
  succeeds; deleting an API drops its bindings.

  Background:
    Given an API group named "tc_group"
    And the Mock-backend API "tc_weather" in the API group "tc_group"
    And the Mock-backend API "tc_news" in the API group "tc_group"

  @documented
  Scenario: A policy is created with its unit and limits
    When I create a throttling policy with:
      | parameter          | value          |
      | TrafficControlName | tc_standard    |
      | TrafficControlUnit | MINUTE         |
      | ApiDefault         | 1000           |
      | UserDefault        | 500            |
      | AppDefault         | 100            |
      | Description        | for the suite  |
    Then the request succeeds
    And the response field "TrafficControlId" is 32 lowercase hexadecimal characters
    And the response matches the snapshot "created"
    When I call DescribeTrafficControls with:
      | parameter        | value                |
      | TrafficControlId | {policy:tc_standard} |
    Then the request succeeds
    And the policies listed are "tc_standard"
    And the response matches the snapshot "described"

  @inferred @exact-names
  Scenario Outline: A name outside the rule is refused
    When I create a throttling policy with:
      | parameter          | value  |
      | TrafficControlName | <name> |
      | TrafficControlUnit | SECOND |
      | ApiDefault         | 10     |
    Then the request fails with "InvalidTrafficControlName"

    Examples:
      | name                                                |
      | abc                                                 |
      | _starts_with_underscore                             |
      | has-dash                                            |
      | a23456789012345678901234567890123456789012345678901 |

  @inferred
  Scenario: A unit outside SECOND, MINUTE, HOUR and DAY is refused
    When I create a throttling policy with:
      | parameter          | value     |
      | TrafficControlName | tc_weekly |
      | TrafficControlUnit | WEEK      |
      | ApiDefault         | 10        |
    Then the request fails with "InvalidTrafficControlUnit"

  @inferred
  Scenario: The API limit is required
    When I create a throttling policy with:
      | parameter          | value      |
      | TrafficControlName | tc_nolimit |
      | TrafficControlUnit | SECOND     |
    Then the request fails with "MissingApiDefault"

  @inferred
  Scenario Outline: A user limit above the API limit, or an app limit above the user limit, is refused
    When I create a throttling policy with:
      | parameter          | value     |
      | TrafficControlName | tc_upside |
      | TrafficControlUnit | SECOND    |
      | ApiDefault         | 100       |
      | UserDefault        | <user>    |
      | AppDefault         | <app>     |
    Then the request fails with "<code>"

    Examples:
      | user | app | code               |
      | 101  | 10  | InvalidUserDefault |
      | 50   | 51  | InvalidAppDefault  |

  @inferred
  Scenario: Lowering the API limit under the user limit is refused, naming the API limit
    Given a throttling policy named "tc_lowered" with:
      | parameter          | value  |
      | TrafficControlUnit | MINUTE |
      | ApiDefault         | 100    |
      | UserDefault        | 50     |
    When I call ModifyTrafficControl with:
      | parameter        | value               |
      | TrafficControlId | {policy:tc_lowered} |
      | ApiDefault       | 10                  |
    Then the request fails with "InvalidApiDefault"

  @inferred
  Scenario: A limit that is not a whole number from 1 up is refused
    When I create a throttling policy with:
      | parameter          | value    |
      | TrafficControlName | tc_zero  |
      | TrafficControlUnit | SECOND   |
      | ApiDefault         | 0        |
    Then the request fails with "InvalidApiDefault"

  @documented
  Scenario: A policy is changed, then read back
    Given a throttling policy named "tc_changing" allowing 100 calls per MINUTE
    When I call ModifyTrafficControl with:
      | parameter          | value                |
      | TrafficControlId   | {policy:tc_changing} |
      | TrafficControlName | tc_changed           |
      | TrafficControlUnit | HOUR                 |
      | ApiDefault         | 200                  |
      | UserDefault        | 20                   |
    Then the request succeeds
    When I call DescribeTrafficControls with:
      | parameter        | value                |
      | TrafficControlId | {policy:tc_changing} |
    Then the policies listed are "tc_changed"
    And the response at "TrafficControls.TrafficControl[0].TrafficControlUnit" is "HOUR"
    And the response at "TrafficControls.TrafficControl[0].ApiDefault" is the JSON number 200
    And the response at "TrafficControls.TrafficControl[0].UserDefault" is the JSON number 20

  @inferred
  Scenario: A policy that does not exist
    When I call ModifyTrafficControl with:
      | parameter        | value                            |
      | TrafficControlId | 0123456789abcdef0123456789abcdef |
      | ApiDefault       | 10                               |
    Then the request fails with "NotFoundTrafficControl"
    When I call DeleteTrafficControl with:
      | parameter        | value                            |
      | TrafficControlId | 0123456789abcdef0123456789abcdef |
    Then the request fails with "NotFoundTrafficControl"

  @documented
  Scenario: A policy is bound to APIs in a stage, read back by API, then unbound
    Given a throttling policy named "tc_bound" allowing 50 calls per SECOND
    When I bind the policy "tc_bound" to the APIs "tc_weather, tc_news" in RELEASE
    Then the request succeeds
    When I list the policies holding the API "tc_weather" in RELEASE
    Then the policies listed are "tc_bound"
    And the response matches the snapshot "by-api"
    When I list the policies holding the API "tc_weather" in TEST
    Then the policies listed are "none"
    When I call DescribeTrafficControls with:
      | parameter | value            |
      | GroupId   | {group:tc_group} |
      | ApiId     | {api:tc_news}    |
      | StageName | RELEASE          |
    Then the policies listed are "tc_bound"
    When I call RemoveTrafficControlApis with:
      | parameter        | value             |
      | TrafficControlId | {policy:tc_bound} |
      | GroupId          | {group:tc_group}  |
      | ApiIds           | {api:tc_weather}  |
      | StageName        | RELEASE           |
    Then the request succeeds
    When I list the policies holding the API "tc_weather" in RELEASE
    Then the policies listed are "none"
    When I list the policies holding the API "tc_news" in RELEASE
    Then the policies listed are "tc_bound"

  @documented
  Scenario: What a policy holds, and what holds a group's APIs in a stage
    Given a throttling policy named "tc_reader" allowing 50 calls per SECOND
    And the policy "tc_reader" holds the APIs "tc_weather, tc_news" in RELEASE
    When I call DescribeApisByTrafficControl with:
      | parameter        | value              |
      | TrafficControlId | {policy:tc_reader} |
    Then the request succeeds
    And the response field "TotalCount" is the JSON number 2
    And the response matches the snapshot "apis-by-policy"
    When I call DescribeApiTrafficControls with:
      | parameter | value            |
      | GroupId   | {group:tc_group} |
      | StageName | RELEASE          |
    Then the request succeeds
    And the response at "ApiTrafficControls.ApiTrafficControlItem" holds 2 items
    And the response matches the snapshot "policies-of-group"
    When I call DescribeApiTrafficControls with:
      | parameter | value            |
      | GroupId   | {group:tc_group} |
      | StageName | TEST             |
    Then the response at "ApiTrafficControls.ApiTrafficControlItem" holds 0 items

  @documented
  Scenario: Without ApiIds, RemoveTrafficControlApis unbinds every API of the group in that stage
    Given a throttling policy named "tc_all" allowing 50 calls per SECOND
    And the policy "tc_all" holds the APIs "tc_weather, tc_news" in TEST
    When I call RemoveTrafficControlApis with:
      | parameter        | value            |
      | TrafficControlId | {policy:tc_all}  |
      | GroupId          | {group:tc_group} |
      | StageName        | TEST             |
    Then the request succeeds
    When I list the policies holding the API "tc_weather" in TEST
    Then the policies listed are "none"
    When I list the policies holding the API "tc_news" in TEST
    Then the policies listed are "none"

  @documented
  Scenario: A newer binding replaces the older one
    Given a throttling policy named "tc_first" allowing 50 calls per SECOND
    And a throttling policy named "tc_second" allowing 20 calls per SECOND
    And the policy "tc_first" holds the API "tc_weather" in RELEASE
    When I bind the policy "tc_second" to the API "tc_weather" in RELEASE
    Then the request succeeds
    When I list the policies holding the API "tc_weather" in RELEASE
    Then the policies listed are "tc_second"
    When I call DeleteTrafficControl with:
      | parameter        | value             |
      | TrafficControlId | {policy:tc_first} |
    Then the request succeeds

  @inferred
  Scenario: A policy still bound cannot be deleted
    Given a throttling policy named "tc_held" allowing 50 calls per SECOND
    And the policy "tc_held" holds the API "tc_weather" in RELEASE
    When I call DeleteTrafficControl with:
      | parameter        | value            |
      | TrafficControlId | {policy:tc_held} |
    Then the request fails with "DependencyViolationTrafficControl"
    And the response matches the snapshot "still-bound"

  @inferred
  Scenario: Binding names APIs of the group, and the group must exist
    Given a throttling policy named "tc_picky" allowing 50 calls per SECOND
    When I call SetTrafficControlApis with:
      | parameter        | value                            |
      | TrafficControlId | {policy:tc_picky}                |
      | GroupId          | {group:tc_group}                 |
      | ApiIds           | 0123456789abcdef0123456789abcdef |
      | StageName        | RELEASE                          |
    Then the request fails with "NotFoundApi"
    When I call SetTrafficControlApis with:
      | parameter        | value             |
      | TrafficControlId | {policy:tc_picky} |
      | GroupId          | {group:tc_group}  |
      | ApiIds           | {api:tc_weather}  |
      | StageName        | STAGING           |
    Then the request fails with "NotFoundStage"

  @documented
  Scenario: Special limits for an app and an account, overwritten by key, then deleted
    Given an app named "tc_special_app"
    And a throttling policy named "tc_specials" allowing 100 calls per MINUTE
    When I call AddTrafficSpecialControl with:
      | parameter        | value                 |
      | TrafficControlId | {policy:tc_specials}  |
      | SpecialType      | APP                   |
      | SpecialKey       | {app:tc_special_app}  |
      | TrafficValue     | 10                    |
    Then the request succeeds
    When I call AddTrafficSpecialControl with:
      | parameter        | value                 |
      | TrafficControlId | {policy:tc_specials}  |
      | SpecialType      | APP                   |
      | SpecialKey       | {app:tc_special_app}  |
      | TrafficValue     | 30                    |
    Then the request succeeds
    When I call DescribeTrafficControls with:
      | parameter        | value                |
      | TrafficControlId | {policy:tc_specials} |
    Then the response at "TrafficControls.TrafficControl[0].SpecialPolicies.SpecialPolicy" holds 1 item
    And the response at "TrafficControls.TrafficControl[0].SpecialPolicies.SpecialPolicy[0].Specials.Special[0].TrafficValue" is the JSON number 30
    And the response matches the snapshot "specials"
    When I call DeleteTrafficSpecialControl with:
      | parameter        | value                 |
      | TrafficControlId | {policy:tc_specials}  |
      | SpecialType      | APP                   |
      | SpecialKey       | {app:tc_special_app}  |
    Then the request succeeds
    When I call DescribeTrafficControls with:
      | parameter        | value                |
      | TrafficControlId | {policy:tc_specials} |
    Then the response at "TrafficControls.TrafficControl[0].SpecialPolicies.SpecialPolicy" holds 0 items

  @documented
  Scenario: DeleteAllTrafficSpecialControl removes every special limit of a policy
    Given an app named "tc_many_specials"
    And a throttling policy named "tc_cleared" allowing 100 calls per MINUTE
    And the policy "tc_cleared" gives the app "tc_many_specials" a special limit of 10
    When I call DeleteAllTrafficSpecialControl with:
      | parameter        | value               |
      | TrafficControlId | {policy:tc_cleared} |
    Then the request succeeds
    When I call DescribeTrafficControls with:
      | parameter        | value               |
      | TrafficControlId | {policy:tc_cleared} |
    Then the response at "TrafficControls.TrafficControl[0].SpecialPolicies.SpecialPolicy" holds 0 items

  @inferred
  Scenario: A special limit may not exceed the API limit
    Given an app named "tc_greedy_app"
    And a throttling policy named "tc_capped" allowing 100 calls per MINUTE
    When I call AddTrafficSpecialControl with:
      | parameter        | value               |
      | TrafficControlId | {policy:tc_capped}  |
      | SpecialType      | APP                 |
      | SpecialKey       | {app:tc_greedy_app} |
      | TrafficValue     | 101                 |
    Then the request fails with "InvalidTrafficValue"
    When I call AddTrafficSpecialControl with:
      | parameter        | value               |
      | TrafficControlId | {policy:tc_capped}  |
      | SpecialType      | GROUP               |
      | SpecialKey       | {app:tc_greedy_app} |
      | TrafficValue     | 10                  |
    Then the request fails with "InvalidSpecialType"

  @inferred
  Scenario: GroupId, ApiId and StageName go together in DescribeTrafficControls
    When I call DescribeTrafficControls with:
      | parameter | value            |
      | GroupId   | {group:tc_group} |
      | StageName | RELEASE          |
    Then the request fails with "MissingApiId"

  @inferred @exact-names
  Scenario: The listing is filtered by name
    Given a throttling policy named "tc_list_one" allowing 10 calls per SECOND
    And a throttling policy named "tc_list_two" allowing 10 calls per SECOND
    And a throttling policy named "tc_list_three" allowing 10 calls per SECOND
    When I call DescribeTrafficControls with:
      | parameter          | value       |
      | TrafficControlName | tc_list_two |
    Then the policies listed are "tc_list_two"
    And the response field "TotalCount" is the JSON number 1

  @inferred
  Scenario: Deleting an API drops its bindings
    Given a throttling policy named "tc_orphaned" allowing 10 calls per SECOND
    And the policy "tc_orphaned" holds the API "tc_news" in RELEASE
    When I delete the API "tc_news"
    Then the request succeeds
    When I call DeleteTrafficControl with:
      | parameter        | value                |
      | TrafficControlId | {policy:tc_orphaned} |
    Then the request succeeds
