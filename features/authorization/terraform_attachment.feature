@authorization
Feature: The lifecycle terraform's alicloud provider drives for an app attachment
  resource "alicloud_api_gateway_app_attachment" (terraform-provider-alicloud,
  resource_alicloud_api_gateway_app_attachment.go, service_alicloud_api_gateway.go;
  reference/cloudapi-apis.md 6.4 and reference/cloudapi-app-actions.md 4.13 and 4.16), with
  the classic Go SDK (V2 signatures, parameters in the query), id
  GroupId:ApiId:AppId:StageName, stage_name one of PRE, RELEASE and TEST:
  1. Create: SetAppsAuthorities (GroupId, ApiId, AppIds with one AppId, StageName), then
     WaitForApiGatewayAppAttachment: DescribeAuthorizedApps (GroupId, ApiId, StageName) every
     5 seconds, up to 120, until the AppId appears.
  2. Read: the same DescribeAuthorizedApps, without PageSize: the first page of 10, the
     documented default, is all it reads.
  3. Delete: RemoveAppsAuthorities (the same four), NotFoundAuthorization counting as
     success; then DescribeAuthorizedApps until the AppId is gone, up to 1,000 seconds.
  Its acceptance test attaches the app on PRE to an API that was never deployed.

  Background:
    Given requests are signed with v2
    And requests carry their parameters in the query
    And an API group named "tf_testacc_attach"
    And the API "tf_testacc_api" for authorized apps in the API group "tf_testacc_attach"
    And an app named "tf_testacc_app"

  @documented
  Scenario: Create, read, delete; a second delete is NotFoundAuthorization; gone
    When terraform attaches the app "tf_testacc_app" to the API "tf_testacc_api" in PRE
    Then the request succeeds
    And the response matches the snapshot "set"
    And terraform waits until the app "tf_testacc_app" is listed on the API "tf_testacc_api" in PRE
    And the response matches the snapshot "read"
    And terraform's read finds the app "tf_testacc_app" on the API "tf_testacc_api" in PRE
    When terraform detaches the app "tf_testacc_app" from the API "tf_testacc_api" in PRE
    Then the request succeeds
    And the response matches the snapshot "remove"
    When terraform detaches the app "tf_testacc_app" from the API "tf_testacc_api" in PRE
    Then the request fails with "NotFoundAuthorization"
    And the response matches the snapshot "remove-again"
    And terraform waits until the app "tf_testacc_app" is no longer listed on the API "tf_testacc_api" in PRE
    And the response matches the snapshot "gone"

  @documented
  Scenario: Each stage is an attachment of its own
    When terraform attaches the app "tf_testacc_app" to the API "tf_testacc_api" in RELEASE
    And terraform attaches the app "tf_testacc_app" to the API "tf_testacc_api" in TEST
    Then terraform waits until the app "tf_testacc_app" is listed on the API "tf_testacc_api" in RELEASE
    And terraform waits until the app "tf_testacc_app" is listed on the API "tf_testacc_api" in TEST
    And terraform's read does not find the app "tf_testacc_app" on the API "tf_testacc_api" in PRE
    When terraform detaches the app "tf_testacc_app" from the API "tf_testacc_api" in TEST
    Then terraform waits until the app "tf_testacc_app" is no longer listed on the API "tf_testacc_api" in TEST
    And terraform's read finds the app "tf_testacc_app" on the API "tf_testacc_api" in RELEASE

  @documented
  Scenario: The read of a deleted API is not-found, which terraform reads as gone
    When terraform attaches the app "tf_testacc_app" to the API "tf_testacc_api" in PRE
    And I delete the API "tf_testacc_api"
    And I call DescribeAuthorizedApps with:
      | parameter | value                     |
      | GroupId   | {group:tf_testacc_attach} |
      | ApiId     | {api:tf_testacc_api}      |
      | StageName | PRE                       |
    Then the request fails with "NotFoundApi"
    When terraform detaches the app "tf_testacc_app" from the API "tf_testacc_api" in PRE
    Then the request fails with "NotFoundApi"

  @inferred @mock-only
  Scenario: Terraform sees only the first ten apps of an API and stage
    Given 10 apps exist
    And every app is authorized to call the API "tf_testacc_api" in TEST
    When terraform attaches the app "tf_testacc_app" to the API "tf_testacc_api" in TEST
    Then the request succeeds
    And terraform's read does not find the app "tf_testacc_app" on the API "tf_testacc_api" in TEST
    And the response at "PageSize" is the JSON number 10
    And the listing counts 11 authorizations in all
    When I list the apps authorized on the API "tf_testacc_api" with:
      | parameter  | value |
      | PageNumber | 2     |
    Then the authorizations listed are "tf_testacc_app@TEST"
