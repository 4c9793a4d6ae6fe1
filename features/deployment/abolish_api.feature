@deployment
Feature: Take an API out of a stage
  AbolishApi unpublishes an API from one stage: the stage no longer runs it; its draft and
  the other stages are left as they are.

  Documented (AbolishApi doc; terraform-provider-alicloud; reference/cloudapi-apis.md 5.3, 5.4, 12):
  - ApiId and StageName are required; after it the API cannot be called in that stage.
  - Terraform maps NotFoundApiGroup, NotFoundApi and NotFoundStage from DescribeDeployedApi
    to "not deployed there".
  Inferred (strongly: terraform abolished every system stage not listed, and all three on
  delete, for eight years, failing on any error): AbolishApi succeeds on a stage where the
  API is not deployed; DescribeDeployedApi on such a stage answers NotFoundStage.

  Background:
    Given an API group named "abolish_group"
    And the Mock-backend API "forecast" in the API group "abolish_group"
    And the API "forecast" is deployed to RELEASE
    And the API "forecast" is deployed to TEST

  @documented
  Scenario: The stage no longer runs the API, the other stage still does
    When I abolish the API "forecast" from RELEASE
    Then the request succeeds
    And the response matches the snapshot "abolished"
    And the API "forecast" is deployed in "TEST"
    When I read the API "forecast" as deployed in RELEASE
    Then the request fails with a not-found code terraform recognises
    When I read the API "forecast" as deployed in TEST
    Then the request succeeds

  @inferred
  Scenario: DescribeDeployedApi on a stage that does not run the API is NotFoundStage
    When I read the API "forecast" as deployed in PRE
    Then the request fails with "NotFoundStage"
    And the response matches the snapshot "not-deployed"

  @inferred
  Scenario: Abolishing from a stage that does not run the API succeeds
    When I abolish the API "forecast" from PRE
    Then the request succeeds
    When I abolish the API "forecast" from RELEASE
    And I abolish the API "forecast" from RELEASE
    Then the request succeeds
    And the API "forecast" is deployed in "TEST"

  @documented
  Scenario: Abolishing leaves the draft alone
    When I abolish the API "forecast" from RELEASE
    And I abolish the API "forecast" from TEST
    Then the API "forecast" exists
    And the API "forecast" is deployed in "none"

  @documented
  Scenario: Abolishing an API nobody has is NotFoundApi
    When I call AbolishApi with:
      | parameter | value                            |
      | ApiId     | 0123456789abcdef0123456789abcdef |
      | StageName | RELEASE                          |
    Then the request fails with "NotFoundApi"

  @inferred
  Scenario: AbolishApi needs a stage
    When I call AbolishApi with:
      | parameter | value          |
      | ApiId     | {api:forecast} |
    Then the request fails with "MissingStageName"

  @inferred
  Scenario: A stage that does not exist is not found
    When I abolish the API "forecast" from PRODUCTION
    Then the request fails with "NotFoundStage"
