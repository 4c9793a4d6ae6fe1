@deployment
Feature: Switch a stage back to an earlier version
  SwitchApi makes a recorded version run in a stage again: a rollback, or a roll forward.

  Documented (SwitchApi SDK model; reference/cloudapi-apis.md parts 2.1, 5.1, 5.9): ApiId,
  StageName, HistoryVersion and Description are required; every publication is recorded and
  can be rolled back.
  Inferred: the version switched to becomes ONLINE and the one before OFFLINE; the draft is
  left alone; an unknown version is NotFoundHistoryVersion; MissingDescription without a
  remark.

  Background:
    Given an API group named "switch_group"
    And the HTTP-backend API "weather" in the API group "switch_group"
    And the API "weather" is deployed to RELEASE with the remark "first release"
    And I remember the newest version of the API "weather" in RELEASE as "first"
    And I modify the API "weather" with:
      | parameter   | value                 |
      | Description | the second definition |
    And the API "weather" is deployed to RELEASE with the remark "second release"
    And I remember the newest version of the API "weather" in RELEASE as "second"

  @documented
  Scenario: The stage runs the earlier version again
    When I switch the API "weather" in RELEASE to the version "first"
    Then the request succeeds
    And the response matches the snapshot "switched"
    When I read the API "weather" as deployed in RELEASE
    Then the response field "Description" is "today's forecast for a city"
    When I describe the API "weather"
    Then the response field "Description" is "the second definition"

  @inferred
  Scenario: The version switched to is ONLINE, the other OFFLINE
    When I switch the API "weather" in RELEASE to the version "first"
    Then the API "weather" runs the version "first" in RELEASE
    When I switch the API "weather" in RELEASE to the version "second"
    Then the API "weather" runs the version "second" in RELEASE

  @inferred
  Scenario: An unknown version is not found
    When I call SwitchApi with:
      | parameter      | value             |
      | ApiId          | {api:weather}     |
      | StageName      | RELEASE           |
      | HistoryVersion | 20000101000000000 |
      | Description    | nowhere           |
    Then the request fails with "NotFoundHistoryVersion"

  @inferred
  Scenario: SwitchApi needs a remark
    When I call SwitchApi with:
      | parameter      | value                 |
      | ApiId          | {api:weather}         |
      | StageName      | RELEASE               |
      | HistoryVersion | {remembered:first}    |
    Then the request fails with "MissingDescription"

  @inferred
  Scenario: A version of one stage does not run in another
    When I call SwitchApi with:
      | parameter      | value              |
      | ApiId          | {api:weather}      |
      | StageName      | TEST               |
      | HistoryVersion | {remembered:first} |
      | Description    | cross stage        |
    Then the request fails with "NotFoundHistoryVersion"
