@apis @mock-only
Feature: At most 1,000 APIs in a group
  Documented (API Gateway limits page; reference/cloudapi-apis.md part 2.3): a group holds at
  most 1,000 APIs. Inferred: the code ExceedLimitApi (the ExceedLimit%s template). Creating a
  thousand APIs is no way to treat a real account: this runs on the mock only.

  @inferred
  Scenario: The 1,001st API of a group is refused, and another group still takes one
    Given the mock does not throttle
    And an API group named "full_group"
    And an API group named "empty_group"
    And the API group "full_group" holds 1000 Mock-backend APIs
    When I create the Mock-backend API "one_too_many" in the API group "full_group"
    Then the request fails with "ExceedLimitApi"
    And the response matches the snapshot "quota-exceeded"
    When I create the Mock-backend API "one_too_many" in the API group "empty_group"
    Then the request succeeds
    When I delete the API "bulk_api_0"
    And I create the Mock-backend API "one_more" in the API group "full_group"
    Then the request succeeds
