@apis
Feature: Delete an API
  DeleteApi removes an API definition for good.

  Documented (DeleteApi doc; terraform-provider-alicloud resource_alicloud_api_gateway_api.go;
  reference/cloudapi-apis.md parts 4.7, 8 and 12):
  - "An API that is published cannot be deleted": unpublish it from every stage first.
  - An unknown ApiId is NotFoundApi (terraform's delete treats it as success).
  - After DeleteApi terraform polls DescribeApi without sleeping until NotFoundApi: a
    deleted API is not found at once.
  - A group that still holds APIs cannot be deleted.
  Inferred: the codes DependencyViolationApi (a deployed API) and DependencyViolationApiGroup
  (a group with APIs), from the DependencyViolation%s template; the name and path are free
  again once the API is gone.

  Background:
    Given an API group named "delete_group"
    And the Mock-backend API "short_lived" in the API group "delete_group"

  @documented
  Scenario: An API is gone as soon as it is deleted
    When I delete the API "short_lived"
    Then the request succeeds
    And the response matches the snapshot "deleted"
    Then the API "short_lived" does not exist
    And the API "short_lived" does not exist

  @documented
  Scenario: Deleting an API nobody has is NotFoundApi
    When I call DeleteApi with:
      | parameter | value                            |
      | ApiId     | 0123456789abcdef0123456789abcdef |
    Then the request fails with "NotFoundApi"
    And the response matches the snapshot "delete-unknown"

  @documented
  Scenario: Deleting an API twice: the second time it is not found
    When I delete the API "short_lived"
    And I delete the API "short_lived"
    Then the request fails with "NotFoundApi"

  @inferred
  Scenario: A deployed API cannot be deleted
    Given the API "short_lived" is deployed to TEST
    When I delete the API "short_lived"
    Then the request fails with "DependencyViolationApi"
    And the response matches the snapshot "delete-deployed"
    And the API "short_lived" exists

  @documented
  Scenario: Once abolished from every stage it was deployed to, the API can be deleted
    Given the API "short_lived" is deployed to RELEASE
    And the API "short_lived" is deployed to TEST
    When I abolish the API "short_lived" from RELEASE
    And I abolish the API "short_lived" from TEST
    And I delete the API "short_lived"
    Then the request succeeds
    And the API "short_lived" does not exist

  @inferred
  Scenario: A group that holds APIs cannot be deleted
    When I delete the API group "delete_group"
    Then the request fails with "DependencyViolationApiGroup"
    And the response matches the snapshot "delete-group-with-apis"
    And the API group "delete_group" exists

  @documented
  Scenario: Once its APIs are deleted, the group can be
    When I delete the API "short_lived"
    And I delete the API group "delete_group"
    Then the request succeeds
    And the API group "delete_group" does not exist

  @inferred
  Scenario: A deleted API's name and path are free again
    When I delete the API "short_lived"
    And I create the Mock-backend API "short_lived" in the API group "delete_group"
    Then the request succeeds

  @inferred
  Scenario: A deleted API is no longer listed
    When I delete the API "short_lived"
    And I list the APIs of the API group "delete_group"
    Then the listed APIs are "none"

  @inferred
  Scenario: DeleteApi needs an ApiId
    When I call DeleteApi
    Then the request fails with "MissingApiId"
