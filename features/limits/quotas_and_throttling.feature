@limits @mock-only
Feature: Quotas and flow control
  "A maximum of 1,000 applications can be created for each Alibaba Cloud account."
  "You can call this operation up to 50 times per second per account." (CreateApp and
  DeleteApp references; ModifyApp: "The QPS limit on this operation is 50 per user.")
  Over the quota the service answers ExceedLimitApp (inferred from the ExceedLimit%s template,
  which its doc ties to apps); over the rate the gateway answers Throttling.User.
  These scenarios run on the mock only: on a real account they would spend its quota and rate.

  @inferred
  Scenario: The 1,001st app is refused
    Given the mock does not throttle
    And 1000 apps exist
    When I create an app named "one_too_many"
    Then the request fails with "ExceedLimitApp"
    And the response matches the snapshot "quota-exceeded"
    And the mock holds 1000 apps for the default account

  @inferred
  Scenario: A deleted app frees its place in the quota
    Given the mock allows 2 apps per account
    And an app named "first_app"
    And an app named "second_app"
    When I create an app named "third_app"
    Then the request fails with "ExceedLimitApp"
    When I delete the app "first_app"
    And I create an app named "third_app"
    Then the request succeeds

  @documented
  Scenario: The quota is per account
    Given the mock allows 1 apps per account
    And the mock has another account with the access key "second_account"
    And an app named "mine"
    When I act as the account with the access key "second_account"
    And I create an app named "theirs"
    Then the request succeeds

  @documented
  Scenario: The 51st CreateApp within one second is throttled
    Given the mock's clock stands still
    And 50 apps exist
    When I create an app named "too_fast"
    Then the request fails with "Throttling.User"
    And the response matches the snapshot "throttled"
    When the mock's clock moves 1 seconds forward
    And I create an app named "in_the_next_second"
    Then the request succeeds

  @documented
  Scenario: Reading apps is not throttled like writing them
    Given the mock's clock stands still
    And the mock throttles at 2 calls per second
    And an app named "read_often"
    And an app named "read_often_too"
    When I create an app named "third_write"
    Then the request fails with "Throttling.User"
    When I describe the app "read_often"
    Then the request succeeds
