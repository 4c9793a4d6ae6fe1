@data_plane
Feature: Who may call: authorization per stage, AppCode, anonymous APIs
  An APP API answers only apps authorized for it in the stage called (SetApisAuthorities), and
  only until the authorization's AuthValidTime; an AppCode stands in for the signature where the
  API's AppCodeAuthType allows it; an ANONYMOUS API needs no credentials.

  Documented (SetApisAuthorities reference; "Call an API using simple authentication
  (AppCode)", doc 115437; reference/data-plane.md parts 2 and 4): `Authorization: APPCODE
  <AppCode>`, or the query where AppCodeAuthType is HEADER_QUERY; an unknown AppCode is
  `A400AC` `Invalid AppCode`.
  Inferred: the query parameter is named `AppCode`; DEFAULT ("once listed on the
  Marketplace") behaves like DISABLE on the mock, so the gateway asks for a signature
  (`A400MA` `Need authorization`, a code from a third-party list); an unauthorized app is
  `I403AA`, an expired authorization `A403EP`.

  Background:
    Given an app named "dp_holder"
    And an API group named "dp_access"
    And the group "dp_access" publishes the API "dp_code" in RELEASE:
      | field           | value        |
      | Path            | /code        |
      | MockResult      | by code      |
      | AppCodeAuthType | HEADER_QUERY |
    And the group "dp_access" publishes the API "dp_open" in RELEASE:
      | field      | value     |
      | Path       | /open     |
      | AuthType   | ANONYMOUS |
      | MockResult | open      |
    And the group "dp_access" publishes the API "dp_closed" in RELEASE:
      | field      | value     |
      | Path       | /closed   |
      | MockResult | closed    |
    And the app "dp_holder" is authorized to call "dp_code" in RELEASE

  @documented
  Scenario: An AppCode in the header, then in the query
    When the app "dp_holder" calls "GET /code" on the group "dp_access" with its AppCode
    Then the gateway answers 200
    And the gateway's answer is "by code"
    When the app "dp_holder" calls "GET /code?x=1" on the group "dp_access" with its AppCode in the query
    Then the gateway answers 200

  @inferred
  Scenario: An AppCode where the API does not allow one
    Given the app "dp_holder" is authorized to call "dp_closed" in RELEASE
    When the app "dp_holder" calls "GET /closed" on the group "dp_access" with its AppCode
    Then the gateway refuses with 400 "A400MA"

  @documented
  Scenario: An anonymous API needs no credentials
    When someone calls "GET /open" on the group "dp_access" without credentials
    Then the gateway answers 200
    And the gateway's answer is "open"

  @inferred
  Scenario: An app that is not authorized
    When the app "dp_holder" calls "GET /closed" on the group "dp_access"
    Then the gateway refuses with 403 "I403AA"
    And the gateway's error message is "Unauthorized"

  @inferred @mock-only
  Scenario: An authorization that has expired on the mock's clock
    Given the mock's clock stands still
    And the app "dp_holder" is authorized to call "dp_closed" in RELEASE for 60 seconds
    When the app "dp_holder" calls "GET /closed" on the group "dp_access"
    Then the gateway answers 200
    When the mock's clock moves 61 seconds forward
    And the app "dp_holder" calls "GET /closed" on the group "dp_access"
    Then the gateway refuses with 403 "A403EP"
    And the gateway's error message is "Expiry of Authorization"
