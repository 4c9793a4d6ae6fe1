@groups @mock-only
Feature: The quota and the flow control of API groups
  "You can create up to 100 API groups in each region" (CreateApiGroup reference); the current
  limits page says 200, so the mock's quota is configurable (group_quota) and 100 by default.
  "The QPS limit on this operation is 50 per user" (SDK remarks of CreateApiGroup,
  ModifyApiGroup and DeleteApiGroup). Over the quota the service answers ExceedLimitApiGroup
  (inferred from the ExceedLimit%s template). On a real account these scenarios would spend
  its quota and rate, so they run on the mock only.

  @inferred
  Scenario: The 101st group is refused
    Given the mock does not throttle
    And 100 API groups exist
    When I create an API group named "one_too_many"
    Then the request fails with "ExceedLimitApiGroup"
    And the response matches the snapshot "quota-exceeded"
    When I list my API groups
    Then the listing counts 100 API groups in all

  @inferred
  Scenario: A deleted group frees its place in the quota
    Given the mock allows 2 API groups per account
    And an API group named "first_group"
    And an API group named "second_group"
    When I create an API group named "third_group"
    Then the request fails with "ExceedLimitApiGroup"
    When I delete the API group "first_group"
    And I create an API group named "third_group"
    Then the request succeeds

  @inferred
  Scenario: The quota is per account
    Given the mock allows 1 API groups per account
    And the mock has another account with the access key "second_account"
    And an API group named "mine"
    When I act as the account with the access key "second_account"
    And I create an API group named "theirs"
    Then the request succeeds

  @documented
  Scenario: The 51st CreateApiGroup within one second is throttled
    Given the mock's clock stands still
    And 50 API groups exist
    When I create an API group named "too_fast"
    Then the request fails with "Throttling.User"
    When the mock's clock moves 1 seconds forward
    And I create an API group named "in_the_next_second"
    Then the request succeeds
