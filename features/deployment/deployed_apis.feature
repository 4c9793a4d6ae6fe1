@deployment
Feature: List what the stages run
  DescribeDeployedApis lists the APIs published to the stages, DeployedApis.DeployedApiItem[]
  with ApiId, ApiName, ApiPath, ApiMethod, GroupId, GroupName, RegionId, StageName,
  Visibility, Description and DeployedTime, and TotalCount, PageNumber, PageSize.

  Documented (DescribeDeployedApis SDK model; reference/cloudapi-apis.md part 5.5): StageName,
  GroupId, ApiName (fuzzy), ApiId, ApiPath and ApiMethod filter; PageSize defaults to 10, at
  most 100.
  Inferred: without StageName every stage is listed, an API once per stage it runs in; an
  API never deployed or abolished everywhere is not listed.

  Background:
    Given an API group named "stages_group"
    And the Mock-backend API "forecast" in the API group "stages_group"
    And the HTTP-backend API "weather" in the API group "stages_group"
    And the Mock-backend API "draft_only" in the API group "stages_group"
    And the API "forecast" is deployed to RELEASE
    And the API "forecast" is deployed to TEST
    And the API "weather" is deployed to RELEASE

  @documented
  Scenario: The APIs a stage runs
    When I list the APIs deployed in the API group "stages_group" with:
      | parameter | value   |
      | StageName | RELEASE |
    Then the request succeeds
    And the deployed APIs listed are "forecast (RELEASE), weather (RELEASE)"
    And the listing counts 2 APIs in all

  @inferred
  Scenario: Without a stage, every stage's
    When I list the APIs deployed in the API group "stages_group"
    Then the request succeeds
    And the deployed APIs listed are "forecast (RELEASE), forecast (TEST), weather (RELEASE)"

  @documented
  Scenario: An item carries what the model lists
    When I list the APIs deployed in the API group "stages_group" with:
      | parameter | value   |
      | StageName | RELEASE |
      | ApiName   | weather |
    Then the deployed APIs listed are "weather (RELEASE)"
    And the response at "DeployedApis.DeployedApiItem[0].ApiPath" is "/weather/[city]"
    And the response at "DeployedApis.DeployedApiItem[0].ApiMethod" is "POST"
    And the response at "DeployedApis.DeployedApiItem[0].GroupName" is "stages_group"
    And the response matches the snapshot "one-item"

  @documented
  Scenario: ApiId, ApiPath and ApiMethod filter
    When I list the APIs deployed in the API group "stages_group" with:
      | parameter | value          |
      | ApiId     | {api:forecast} |
      | StageName | TEST           |
    Then the deployed APIs listed are "forecast (TEST)"
    When I list the APIs deployed in the API group "stages_group" with:
      | parameter | value           |
      | ApiPath   | /weather/[city] |
    Then the deployed APIs listed are "weather (RELEASE)"
    When I list the APIs deployed in the API group "stages_group" with:
      | parameter | value |
      | ApiMethod | PUT   |
    Then the deployed APIs listed are "none"

  @inferred
  Scenario: An abolished API is no longer listed
    When I abolish the API "weather" from RELEASE
    And I list the APIs deployed in the API group "stages_group" with:
      | parameter | value   |
      | StageName | RELEASE |
    Then the deployed APIs listed are "forecast (RELEASE)"

  @inferred
  Scenario: PageSize 101 is refused
    When I list the APIs deployed in the API group "stages_group" with:
      | parameter | value |
      | PageSize  | 101   |
    Then the request fails with "InvalidPageSize"
