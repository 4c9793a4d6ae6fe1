@authorization
Feature: An authorization for a limited time
  AuthValidTime: "The time (UTC) when the authorization expires. If this parameter is empty,
  the authorization does not expire" (SDK models SetAppsAuthoritiesRequest,
  SetApisAuthoritiesRequest). The models' examples write it `Fri,05Oct201816:00:00GMT` on input
  (RFC 1123 with its spaces removed) and answer `2018-10-05T16:00:00Z` in
  DescribeAuthorizedApps and DescribeAuthorizedApis, `Sun, 02 Jan 2022 16:00:00 GMT` in
  DescribeApisByApp, in a field spelt AuthVaildTime (reference/cloudapi-apis.md 6.3,
  reference/cloudapi-app-actions.md 4.13 to 4.17). The Go and old Python SDKs send the
  misspelt AuthVaildTime as well.
  Inferred: ISO 8601 with Z and RFC 1123 with its spaces are taken too; an unreadable time is
  InvalidAuthValidTime; no expiry is answered as an empty AuthVaildTime; an expired
  authorization stops calls but is still listed (the reference's open question, answered the
  cautious way), on the mock's clock.

  Background:
    Given an API group named "auth_expiry"
    And the API "forecast" for authorized apps in the API group "auth_expiry"
    And an app named "reader"

  @documented
  Scenario: The documented compact form, answered in ISO 8601 and in RFC 1123
    When I authorize the app "reader" to call the API "forecast" in RELEASE with:
      | parameter     | value                    |
      | AuthValidTime | Tue,05Oct203816:00:00GMT |
      | Description   | until October 2038       |
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then every authorization listed expires at "2038-10-05T16:00:00Z"
    And the response matches the snapshot "apps-until"
    When I list the APIs the app "reader" is authorized to call
    Then every authorization listed expires at "2038-10-05T16:00:00Z"
    And the response matches the snapshot "apis-until"
    When I list the APIs of the app "reader"
    Then every authorization listed expires at "Tue, 05 Oct 2038 16:00:00 GMT"
    And the response matches the snapshot "by-app-until"

  @inferred
  Scenario Outline: The other forms of AuthValidTime: <form>
    When I authorize the app "reader" to call the API "forecast" in TEST with:
      | parameter     | value  |
      | AuthValidTime | <time> |
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then every authorization listed expires at "2038-10-05T16:00:00Z"

    Examples:
      | form                  | time                          |
      | ISO 8601              | 2038-10-05T16:00:00Z          |
      | RFC 1123 with spaces  | Tue, 05 Oct 2038 16:00:00 GMT |

  @documented
  Scenario: The Go SDK's misspelt AuthVaildTime is the same parameter
    When I authorize the app "reader" to call the API "forecast" in TEST with:
      | parameter     | value                    |
      | AuthVaildTime | Tue,05Oct203816:00:00GMT |
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then every authorization listed expires at "2038-10-05T16:00:00Z"

  @documented
  Scenario: Without AuthValidTime an authorization never expires
    When I authorize the app "reader" to call the API "forecast" in TEST
    And I list the apps authorized on the API "forecast"
    Then every authorization listed expires at "never"
    When I list the APIs of the app "reader"
    Then every authorization listed expires at "never"

  @inferred
  Scenario: A time that is none of the forms is InvalidAuthValidTime
    When I authorize the app "reader" to call the API "forecast" in TEST with:
      | parameter     | value    |
      | AuthValidTime | tomorrow |
    Then the request fails with "InvalidAuthValidTime"
    And the response matches the snapshot "invalid-time"
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "none"

  @inferred @mock-only
  Scenario: An authorization expires on the mock's clock, and is still listed
    Given the mock's clock is set to "2026-11-30T09:00:00Z"
    And the app "reader" is authorized to call the API "forecast" in TEST with:
      | parameter     | value                    |
      | AuthValidTime | Mon,30Nov202610:00:00GMT |
    Then the mock holds a valid authorization of the app "reader" on the API "forecast" in TEST
    When the mock's clock moves 3600 seconds forward
    Then the mock holds an expired authorization of the app "reader" on the API "forecast" in TEST
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "reader@TEST"
    And every authorization listed expires at "2026-11-30T10:00:00Z"

  @inferred @mock-only
  Scenario: Granting again after the expiry renews the authorization
    Given the mock's clock is set to "2026-11-30T09:00:00Z"
    And the app "reader" is authorized to call the API "forecast" in TEST with:
      | parameter     | value                |
      | AuthValidTime | 2026-11-30T10:00:00Z |
    When the mock's clock moves 7200 seconds forward
    Then the mock holds an expired authorization of the app "reader" on the API "forecast" in TEST
    When I authorize the app "reader" to call the API "forecast" in TEST with:
      | parameter     | value                |
      | AuthValidTime | 2026-12-31T00:00:00Z |
    Then the request succeeds
    And the mock holds a valid authorization of the app "reader" on the API "forecast" in TEST
    When I authorize the app "reader" to call the API "forecast" in TEST
    And the mock's clock moves 315360000 seconds forward
    Then the mock holds a valid authorization of the app "reader" on the API "forecast" in TEST
