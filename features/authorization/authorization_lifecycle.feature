@authorization
Feature: An authorization lives with its app and its API, not with a deployment
  An authorization names an app, an API and a stage; whether the API runs in that stage does
  not matter to it, and it goes away with its app or its API, never leaving an entry behind in
  any listing.

  Documented: terraform's alicloud_api_gateway_app_attachment acceptance test authorizes an
  app on PRE for an API that was never deployed, and passes (terraform-provider-alicloud
  resource_alicloud_api_gateway_app_attachment_test.go); "deleting an app deletes its
  authorizations" (DeleteApp; reference/cloudapi-app-actions.md 4.7).
  Inferred (reference/cloudapi-apis.md 6.2): AbolishApi keeps the authorizations, which apply
  again on the next deployment (the old user manual says so); deleting an API (possible only
  once it runs in no stage) removes its authorizations.

  Background:
    Given an API group named "auth_lifecycle"
    And the API "forecast" for authorized apps in the API group "auth_lifecycle"
    And an app named "reader"

  @documented
  Scenario: An API never deployed can be authorized, in any stage
    When I authorize the app "reader" to call the API "forecast" in PRE
    Then the request succeeds
    When I authorize the app "reader" to call the API "forecast" in TEST
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "reader@PRE, reader@TEST" in any order

  @inferred
  Scenario: Abolishing the API keeps its authorizations, and deploying it again finds them
    Given the API "forecast" is deployed to TEST
    And the app "reader" is authorized to call the API "forecast" in TEST
    When I abolish the API "forecast" from TEST
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "reader@TEST"
    When I deploy the API "forecast" to TEST
    And I list the APIs the app "reader" is authorized to call
    Then the authorizations listed are "forecast@TEST"

  @documented
  Scenario: Deleting the app removes its authorizations
    Given an app named "writer"
    And the apps "reader,writer" are authorized to call the API "forecast" in RELEASE
    When I delete the app "reader"
    Then the request succeeds
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "writer@RELEASE"
    And the listing counts 1 authorization in all

  @inferred
  Scenario: Deleting the API removes its authorizations
    Given the API "outlook" for authorized apps in the API group "auth_lifecycle"
    And the app "reader" is authorized to call the APIs "forecast,outlook" in TEST
    When I delete the API "forecast"
    Then the request succeeds
    When I list the APIs the app "reader" is authorized to call
    Then the authorizations listed are "outlook@TEST"
    And the listing counts 1 authorization in all
    When I list the APIs of the app "reader"
    Then the authorizations listed are "outlook@TEST"
    When I list the APIs of the app "reader" with their stages
    Then the authorizations listed are "outlook@TEST"

  @documented
  Scenario: A deleted API's authorizations cannot be listed nor revoked
    Given the app "reader" is authorized to call the API "forecast" in TEST
    When I delete the API "forecast"
    And I list the apps authorized on the API "forecast"
    Then the request fails with "NotFoundApi"
    When I revoke the app "reader" on the API "forecast" in TEST
    Then the request fails with "NotFoundApi"

  @documented
  Scenario: A deleted app's authorizations cannot be read
    Given the app "reader" is authorized to call the API "forecast" in TEST
    When I delete the app "reader"
    And I list the APIs the app "reader" is authorized to call
    Then the request fails with "NotFoundApp"

  @inferred @mock-only
  Scenario: Neither deletion leaves an entry in the mock's store
    Given an app named "writer"
    And the app "reader" is authorized to call the API "forecast" in TEST
    And the app "writer" is authorized to call the API "forecast" in TEST
    When I delete the app "reader"
    Then the mock holds no authorization of the app "reader" on the API "forecast" in TEST
    And the mock holds a valid authorization of the app "writer" on the API "forecast" in TEST
    When I delete the API "forecast"
    Then the mock holds no authorization of the app "writer" on the API "forecast" in TEST
