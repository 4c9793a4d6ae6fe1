@deployment
Feature: Deploy an API to a stage
  DeployApi publishes the definition being edited to one stage of the API's group (RELEASE,
  PRE or TEST): the stage runs a frozen copy of it, and every publication is recorded.

  Documented (DeployApi and DescribeDeployedApi SDK models and docs; terraform-provider-alicloud
  resource_alicloud_api_gateway_api.go; reference/cloudapi-apis.md parts 5.1, 5.2, 5.4, 12):
  - ApiId, StageName and Description (the publish remark) are required; terraform sends
    "Terraform Deploy" and reads DescribeDeployedApi right after, which must succeed: the copy
    is in the stage at once.
  - DescribeDeployedApi answers what the stage runs, which can lag behind the draft:
    ModifyApi changes only the draft until the next DeployApi. It adds StageName and
    DeployedTime.
  - DescribeApi's DeployedInfos say DEPLOYED or NONDEPLOYED per stage, with the
    EffectiveVersion.
  Inferred: a stage other than RELEASE, PRE and TEST is NotFoundStage; MissingDescription
  without a remark; a HistoryVersion is 17 digits, yyyyMMddHHmmssSSS of the service's clock,
  a new one for every deploy, each greater than the last.

  Background:
    Given an API group named "deploy_group"
    And the HTTP-backend API "weather" in the API group "deploy_group"

  @documented
  Scenario: The deployed copy is there at once, with its stage and time
    When I deploy the API "weather" to RELEASE
    Then the request succeeds
    And the response matches the snapshot "deployed"
    When I read the API "weather" as deployed in RELEASE
    Then the request succeeds
    And the response field "StageName" is "RELEASE"
    And the response at "RequestConfig.RequestPath" is "/weather/[city]"
    And the response at "ServiceConfig.ServiceTimeout" is the JSON number 3000
    And the response matches the snapshot "deployed-copy"

  @documented
  Scenario: Changing the draft does not change what the stage runs, until the next deploy
    Given the API "weather" is deployed to RELEASE
    When I modify the API "weather" with:
      | parameter   | value                   |
      | Description | the draft moved on      |
      | ServiceConfig | {"ServiceProtocol":"HTTP","ServiceAddress":"http://backend-v2.example.com:8080","ServicePath":"/v2/forecast/[cityName]","ServiceHttpMethod":"POST","ServiceTimeout":4000,"Mock":"FALSE","ServiceVpcEnable":"FALSE"} |
    Then the request succeeds
    When I read the API "weather" as deployed in RELEASE
    Then the response at "ServiceConfig.ServiceAddress" is "http://backend.example.com:8080"
    And the response field "Description" is "today's forecast for a city"
    When I describe the API "weather"
    Then the response at "ServiceConfig.ServiceAddress" is "http://backend-v2.example.com:8080"
    When I deploy the API "weather" to RELEASE
    And I read the API "weather" as deployed in RELEASE
    Then the response at "ServiceConfig.ServiceAddress" is "http://backend-v2.example.com:8080"
    And the response field "Description" is "the draft moved on"

  @documented
  Scenario: Each stage keeps its own copy
    Given the API "weather" is deployed to TEST
    When I modify the API "weather" with:
      | parameter   | value            |
      | Description | for release only |
    And I deploy the API "weather" to RELEASE
    And I read the API "weather" as deployed in TEST
    Then the response field "Description" is "today's forecast for a city"
    When I read the API "weather" as deployed in RELEASE
    Then the response field "Description" is "for release only"

  @documented
  Scenario: DeployedInfos say which stages run the API
    When I deploy the API "weather" to RELEASE
    And I deploy the API "weather" to PRE
    Then the API "weather" is deployed in "RELEASE, PRE"
    When I describe the API "weather"
    Then the response matches the snapshot "deployed-infos"

  @documented
  Scenario: The Mock-backend API is deployed with its mock answer
    Given the Mock-backend API "forecast" in the API group "deploy_group"
    When I deploy the API "forecast" to TEST
    And I read the API "forecast" as deployed in TEST
    Then the request succeeds
    And the response at "ServiceConfig.Mock" is "TRUE"
    And the response at "ServiceConfig.MockStatusCode" is the JSON number 200
    And the response at "ServiceConfig.MockHeaders.MockHeader[0].HeaderValue" is "application/json"

  @inferred
  Scenario Outline: A stage that does not exist is not found: <stage>
    When I deploy the API "weather" to <stage>
    Then the request fails with "NotFoundStage"

    Examples:
      | stage      |
      | PRODUCTION |
      | ONLINE     |

  @inferred
  Scenario: DeployApi needs a remark
    When I call DeployApi with:
      | parameter | value         |
      | ApiId     | {api:weather} |
      | StageName | RELEASE       |
    Then the request fails with "MissingDescription"
    And the response matches the snapshot "missing-description"

  @inferred
  Scenario: DeployApi needs a stage
    When I call DeployApi with:
      | parameter   | value         |
      | ApiId       | {api:weather} |
      | Description | no stage      |
    Then the request fails with "MissingStageName"

  @documented
  Scenario: Deploying an API nobody has is NotFoundApi
    When I call DeployApi with:
      | parameter   | value                            |
      | ApiId       | 0123456789abcdef0123456789abcdef |
      | StageName   | RELEASE                          |
      | Description | nobody's                         |
    Then the request fails with "NotFoundApi"

  @inferred
  Scenario: Every deploy records a new version, each greater than the last
    When I deploy the API "weather" to RELEASE
    And I remember the newest version of the API "weather" in RELEASE as "first"
    And I deploy the API "weather" to RELEASE
    And I remember the newest version of the API "weather" in RELEASE as "second"
    Then the version remembered as "first" is 17 digits
    And the version remembered as "second" is greater than the one remembered as "first"

  @inferred @mock-only
  Scenario: A HistoryVersion is the service's time to the millisecond
    Given the mock's clock is set to "2026-11-30T09:31:28Z"
    When I deploy the API "weather" to RELEASE
    And I remember the newest version of the API "weather" in RELEASE as "stamped"
    Then the version remembered as "stamped" starts with "20261130093128"
    And the version remembered as "stamped" is 17 digits

  @inferred @mock-only
  Scenario: Two deploys in the same millisecond still get distinct versions
    Given the mock's clock stands still
    When I deploy the API "weather" to RELEASE
    And I deploy the API "weather" to RELEASE
    And I list the publish history of the API "weather" in RELEASE
    Then every listed history version is 17 digits, each newer one greater
