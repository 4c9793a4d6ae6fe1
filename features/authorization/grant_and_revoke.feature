@authorization
Feature: Authorize apps to call an API, and revoke them
  "An application must be authorized to call an API" (CreateApp). The provider grants and
  revokes either way: SetAppsAuthorities / RemoveAppsAuthorities name one API and many apps,
  SetApisAuthorities / RemoveApisAuthorities one app and many APIs.

  Documented (SDK models SetAppsAuthoritiesRequest, SetApisAuthoritiesRequest,
  RemoveAppsAuthoritiesRequest, RemoveApisAuthoritiesRequest; terraform-provider-alicloud
  resource_alicloud_api_gateway_app_attachment.go; reference/cloudapi-apis.md part 6 and
  reference/cloudapi-app-actions.md parts 4.13 and 4.14):
  - StageName is required: an authorization is one (app, API, stage); terraform's attachment
    id is GroupId:ApiId:AppId:StageName.
  - "Separate multiple application IDs with commas (,). A maximum of 100 applications IDs can
    be entered"; the same for ApiIds.
  - Revoking what is not granted answers NotFoundAuthorization, which terraform's delete takes
    as success.
  Inferred (reference part 6.2): re-granting overwrites the description and the expiry; a
  list of which only some pairs are granted revokes those and succeeds; the codes of the
  refusals (MissingAppIds, InvalidAppIds, InvalidApiIds, NotFoundApp, NotFoundApi,
  NotFoundStage) follow the service's templates.

  Background:
    Given an API group named "auth_grants"
    And the API "forecast" for authorized apps in the API group "auth_grants"
    And an app named "reader"

  @documented
  Scenario: A provider authorizes an app to call an API in a stage
    When I authorize the app "reader" to call the API "forecast" in RELEASE
    Then the request succeeds
    And the response matches the snapshot "granted"
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "reader@RELEASE"
    And the response matches the snapshot "authorized-apps"

  @documented
  Scenario: An authorization is per stage
    Given the app "reader" is authorized to call the API "forecast" in TEST
    When I authorize the app "reader" to call the API "forecast" in RELEASE
    And I list the apps authorized on the API "forecast" in TEST
    Then the authorizations listed are "reader@TEST"
    When I revoke the app "reader" on the API "forecast" in TEST
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "reader@RELEASE"

  @documented
  Scenario: One API, many apps: a comma list of AppIds
    Given an app named "writer"
    When I authorize the apps "reader,writer" to call the API "forecast" in TEST
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "reader@TEST, writer@TEST" in any order
    And the listing counts 2 authorizations in all
    When I revoke the apps "reader,writer" on the API "forecast" in TEST
    Then the request succeeds
    And the response matches the snapshot "revoked"
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "none"

  @documented
  Scenario: One app, many APIs: a comma list of ApiIds
    Given the API "outlook" for authorized apps in the API group "auth_grants"
    When I authorize the app "reader" to call the APIs "forecast,outlook" in RELEASE
    Then the request succeeds
    And the response matches the snapshot "granted-apis"
    When I list the APIs the app "reader" is authorized to call
    Then the authorizations listed are "forecast@RELEASE, outlook@RELEASE" in any order
    When I revoke the APIs "forecast,outlook" of the app "reader" in RELEASE
    Then the request succeeds
    When I list the APIs the app "reader" is authorized to call
    Then the authorizations listed are "none"

  @inferred
  Scenario: Granting again overwrites the description and the expiry
    Given the app "reader" is authorized to call the API "forecast" in RELEASE with:
      | parameter     | value                |
      | Description   | trial                |
      | AuthValidTime | 2038-10-05T16:00:00Z |
    When I authorize the app "reader" to call the API "forecast" in RELEASE with:
      | parameter   | value      |
      | Description | production |
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "reader@RELEASE"
    And every authorization listed is described as "production"
    And every authorization listed expires at "never"

  @documented
  Scenario: Revoking an authorization that does not exist is NotFoundAuthorization
    When I revoke the app "reader" on the API "forecast" in RELEASE
    Then the request fails with "NotFoundAuthorization"
    And the response matches the snapshot "not-found-authorization"
    When I revoke the APIs "forecast" of the app "reader" in RELEASE
    Then the request fails with "NotFoundAuthorization"

  @documented
  Scenario: Revoking twice: the second time it is not found
    Given the app "reader" is authorized to call the API "forecast" in TEST
    When I revoke the app "reader" on the API "forecast" in TEST
    Then the request succeeds
    When I revoke the app "reader" on the API "forecast" in TEST
    Then the request fails with "NotFoundAuthorization"

  @inferred
  Scenario: A list of which only some are granted revokes those and succeeds
    Given an app named "writer"
    And the app "reader" is authorized to call the API "forecast" in TEST
    When I revoke the apps "reader,writer" on the API "forecast" in TEST
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "none"

  @inferred
  Scenario: A hundred AppIds is the most a list may hold
    When I authorize 101 AppIds to call the API "forecast" in TEST
    Then the request fails with "InvalidAppIds"
    And the response matches the snapshot "too-many-app-ids"
    When I authorize the app "reader" to call 101 ApiIds in TEST
    Then the request fails with "InvalidApiIds"

  @inferred
  Scenario: An AppIds list that holds something other than AppIds is refused
    When I authorize the apps "reader,not-an-id" to call the API "forecast" in TEST
    Then the request fails with "InvalidAppIds"

  @inferred
  Scenario: Nothing is granted unless every app named exists
    When I authorize the apps "reader,99999999999" to call the API "forecast" in TEST
    Then the request fails with "NotFoundApp"
    And the response matches the snapshot "unknown-app"
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "none"

  @inferred
  Scenario: An empty AppIds is MissingAppIds
    When I authorize the app "reader" to call the API "forecast" in TEST with:
      | parameter | value    |
      | AppIds    | (absent) |
    Then the request fails with "MissingAppIds"
    And the response matches the snapshot "missing-app-ids"

  @inferred
  Scenario: An unknown API is NotFoundApi
    When I authorize the app "reader" to call the API "0123456789abcdef0123456789abcdef" in TEST
    Then the request fails with "NotFoundApi"
    When I authorize the app "reader" to call the APIs "forecast,0123456789abcdef0123456789abcdef" in TEST
    Then the request fails with "NotFoundApi"
    When I list the APIs the app "reader" is authorized to call
    Then the authorizations listed are "none"

  @inferred
  Scenario: A GroupId that does not hold the API is NotFoundApi
    Given an API group named "auth_elsewhere"
    When I authorize the app "reader" to call the API "forecast" in TEST with:
      | parameter | value                  |
      | GroupId   | {group:auth_elsewhere} |
    Then the request fails with "NotFoundApi"
    When I authorize the app "reader" to call the API "forecast" in TEST with:
      | parameter | value               |
      | GroupId   | {group:auth_grants} |
    Then the request succeeds

  @inferred
  Scenario: A stage that is not RELEASE, PRE or TEST is NotFoundStage
    When I authorize the app "reader" to call the API "forecast" in STAGING
    Then the request fails with "NotFoundStage"
    And the response matches the snapshot "unknown-stage"

  @inferred
  Scenario: StageName is required
    When I authorize the app "reader" to call the API "forecast" in TEST with:
      | parameter | value    |
      | StageName | (absent) |
    Then the request fails with "MissingStageName"
