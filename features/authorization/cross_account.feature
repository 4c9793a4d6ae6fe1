@authorization @mock-only
Feature: A provider authorizes another account's app
  The API marketplace model: "API providers can authorize all applications to call their
  APIs" (SetAppsAuthorities); the provider names another user's app by its AppId, which is
  "globally unique". The provider then sees the app among those that may call the API
  (DescribeAuthorizedApps, "intended for API providers") and among the apps DescribeApps lists
  by AppOwner ("API providers can use the app IDs or their Alibaba Cloud accounts to query app
  information"); the app's owner sees the API among those its app may call
  (DescribeAuthorizedApis, "intended for API callers"). Nothing else crosses accounts: each
  account's apps and APIs stay its own (reference/cloudapi-app-actions.md 4.2, 4.13 to 4.16;
  reference/cloudapi-apis.md 6; issue 15).
  Inferred: the codes the other side gets (NotFoundApp, NotFoundApi), as for any app or API
  it cannot see; DescribeApps by AppOwner lists only the other account's apps authorized on
  the caller's APIs. These scenarios need a second account on the same mock, so they run on
  the mock only.

  Background:
    Given the mock has another account with the access key "consumer_key"
    And an API group named "auth_market"
    And the API "forecast" for authorized apps in the API group "auth_market"
    And an app named "own_app"
    When I act as the account with the access key "consumer_key"
    And I create an app named "their_app"
    Then the request succeeds
    When I act as myself again

  @documented
  Scenario: The provider authorizes another account's app by its AppId and sees it
    When I authorize the apps "own_app,their_app" to call the API "forecast" in RELEASE
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "own_app@RELEASE, their_app@RELEASE" in any order
    When I list the apps authorized on the API "forecast" with:
      | parameter | value           |
      | AppId     | {app:their_app} |
    Then the authorizations listed are "their_app@RELEASE"
    And the response matches the snapshot "provider-sees-their-app"

  @inferred
  Scenario: The provider lists the app by its owner's account
    Given the app "their_app" is authorized to call the API "forecast" in TEST
    When I list the apps owned by the account with the access key "consumer_key"
    Then the request succeeds
    And the listed apps are "their_app"
    And the listing counts 1 apps in all
    And the response matches the snapshot "apps-by-owner"
    When I list the apps owned by the provider's account
    Then the listed apps are "own_app"

  @inferred
  Scenario: Before any authorization, the other account's apps are not the provider's to list
    When I list the apps owned by the account with the access key "consumer_key"
    Then the request succeeds
    And the listed apps are "none"
    When I describe the app "their_app"
    Then the request fails with "NotFoundApp"

  @inferred
  Scenario: Once revoked, the other account's app is no longer listed by its owner
    Given the app "their_app" is authorized to call the API "forecast" in TEST
    When I revoke the app "their_app" on the API "forecast" in TEST
    Then the request succeeds
    When I list the apps owned by the account with the access key "consumer_key"
    Then the listed apps are "none"

  @documented
  Scenario: The app's owner sees the API its app may call
    Given the app "their_app" is authorized to call the API "forecast" in RELEASE with:
      | parameter   | value                |
      | Description | marketplace purchase |
    When I act as the account with the access key "consumer_key"
    And I list the APIs the app "their_app" is authorized to call
    Then the authorizations listed are "forecast@RELEASE"
    And every authorization listed is described as "marketplace purchase"
    And the response matches the snapshot "owner-sees-the-api"
    When I list the APIs of the app "their_app"
    Then the authorizations listed are "forecast@RELEASE"
    And the response matches the snapshot "owner-sees-the-api-by-app"

  @inferred
  Scenario: The provider cannot read another account's app's authorizations
    Given the app "their_app" is authorized to call the API "forecast" in RELEASE
    When I list the APIs the app "their_app" is authorized to call
    Then the request fails with "NotFoundApp"
    When I list the APIs of the app "their_app"
    Then the request fails with "NotFoundApp"
    When I list the APIs of the app "their_app" with their stages
    Then the request fails with "NotFoundApp"

  @inferred
  Scenario: The app's owner can neither grant, revoke nor list on the provider's API
    Given the app "their_app" is authorized to call the API "forecast" in RELEASE
    When I act as the account with the access key "consumer_key"
    And I list the apps authorized on the API "forecast"
    Then the request fails with "NotFoundApi"
    When I revoke the app "their_app" on the API "forecast" in RELEASE
    Then the request fails with "NotFoundApi"
    When I authorize the app "their_app" to call the API "forecast" in TEST
    Then the request fails with "NotFoundApi"
    When I authorize the app "their_app" to call the APIs "forecast" in TEST
    Then the request fails with "NotFoundApi"
    When I revoke the APIs "forecast" of the app "their_app" in RELEASE
    Then the request fails with "NotFoundApi"
    When I describe the API "forecast"
    Then the request fails with "NotFoundApiGroup"
    When I act as myself again
    And I list the apps authorized on the API "forecast"
    Then the authorizations listed are "their_app@RELEASE"

  @inferred
  Scenario: The app's owner cannot list the provider's apps through the authorization
    Given the app "their_app" is authorized to call the API "forecast" in RELEASE
    When I act as the account with the access key "consumer_key"
    And I list the apps owned by the provider's account
    Then the listed apps are "none"
    When I describe the app "own_app"
    Then the request fails with "NotFoundApp"

  @documented
  Scenario: When its owner deletes the app, the provider's authorization goes too
    Given the apps "own_app,their_app" are authorized to call the API "forecast" in TEST
    When I act as the account with the access key "consumer_key"
    And I delete the app "their_app"
    Then the request succeeds
    When I act as myself again
    And I list the apps authorized on the API "forecast"
    Then the authorizations listed are "own_app@TEST"
    When I list the apps owned by the account with the access key "consumer_key"
    Then the listed apps are "none"

  @inferred
  Scenario: When the provider deletes the API, the app's owner no longer sees it
    Given the app "their_app" is authorized to call the API "forecast" in TEST
    When I delete the API "forecast"
    And I act as the account with the access key "consumer_key"
    And I list the APIs the app "their_app" is authorized to call
    Then the authorizations listed are "none"
    And the listing counts 0 authorizations in all
