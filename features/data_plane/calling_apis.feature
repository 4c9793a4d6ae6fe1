@data_plane
Feature: Call a published API with an app's key
  The gateway serves what a provider deployed, on the group's second-level domain
  (`<GroupId>-<RegionId>.alicloudapi.com`), to apps that sign with their key pair, and answers
  with the Mock backend or the HTTP backend of the definition the stage runs.

  Documented (reference/data-plane.md; "Use digest authentication to call an API", doc 29475;
  "Error codes for API Gateway instances of the VPC type", doc 43906):
  - The caller picks the stage with `X-Ca-Stage` (TEST, PRE, RELEASE; RELEASE by default).
  - The gateway locates the group by the domain name, then the API by path and HTTP method.
  - "If the API is not published in the stage you call", or no API matches: `I404NF`,
    ``API not found with `METHOD /path` ``; an unknown stage: `I400SG` `Invalid Stage`.
  - A Mock backend answers MockResult with MockStatusCode and MockHeaders.
  - Every answer carries `X-Ca-Request-Id`; a refusal carries `X-Ca-Error-Code` and
    `X-Ca-Error-Message` and an empty body; answers through the second-level domain carry
    `Content-Disposition: attachment; filename=ApiResponseForInnerDomain`.
  Inferred: a changed definition is not served until it is deployed again (the doc's "a
  redeploy is needed for changes to take effect"); literal path segments beat `[param]` ones.

  Background:
    Given an app named "dp_caller"
    And an API group created with:
      | parameter | value        |
      | GroupName | dp_weather   |
      | BasePath  | /weather     |
    And the group "dp_weather" publishes the API "dp_forecast" in RELEASE and TEST:
      | field          | value                         |
      | Path           | /forecast/[city]              |
      | Method         | GET                           |
      | MockResult     | {"city":"sunny"}              |
      | MockStatusCode | 200                           |
      | MockHeader     | X-Weather: sunny              |
    And the app "dp_caller" is authorized to call "dp_forecast" in RELEASE

  @documented
  Scenario: A signed GET with a query gets the Mock answer
    When the app "dp_caller" calls "GET /weather/forecast/shanghai?days=3&units=metric" on the group "dp_weather"
    Then the gateway answers 200
    And the gateway's answer is '{"city":"sunny"}'
    And the gateway's answer has the header "X-Weather" with "sunny"
    And the gateway's answer matches the snapshot "mock-answer"

  @documented
  Scenario: A path the group does not serve is not found
    When the app "dp_caller" calls "GET /weather/nowhere" on the group "dp_weather"
    Then the gateway refuses with 404 "I404NF"
    And the gateway's error message is "API not found with `GET /weather/nowhere`"
    And the gateway's answer matches the snapshot "not-found"

  @documented
  Scenario: The method is part of the API
    When the app "dp_caller" calls "POST /weather/forecast/shanghai" on the group "dp_weather"
    Then the gateway refuses with 404 "I404NF"

  @inferred
  Scenario: An authorization holds in its stage only
    When the app "dp_caller" calls "GET /weather/forecast/shanghai" on the group "dp_weather" with:
      | option | value   |
      | stage  | test    |
    Then the gateway refuses with 403 "I403AA"

  @documented
  Scenario: A stage that does not exist
    When the app "dp_caller" calls "GET /weather/forecast/shanghai" on the group "dp_weather" with:
      | option | value   |
      | stage  | STAGING |
    Then the gateway refuses with 400 "I400SG"
    And the gateway's error message is "Invalid Stage"

  @documented
  Scenario: A stage the API is not deployed in answers not found
    When the app "dp_caller" calls "GET /weather/forecast/shanghai" on the group "dp_weather" with:
      | option | value |
      | stage  | PRE   |
    Then the gateway refuses with 404 "I404NF"

  @documented
  Scenario: The BasePath is part of the path
    When the app "dp_caller" calls "GET /forecast/shanghai" on the group "dp_weather"
    Then the gateway refuses with 404 "I404NF"
