@apps
Feature: The lifecycle terraform's alicloud provider drives
  resource "alicloud_api_gateway_app" (terraform-provider-alicloud, resource_alicloud_api_gateway_app.go)
  uses the classic Go SDK, so V2 signatures: it creates the app with its name and description,
  sets tags with UntagResources and TagResources, reads with ListTagResources and DescribeApp,
  updates with ModifyApp (always resending the current name), deletes with DeleteApp (NotFoundApp
  means already deleted) and then polls DescribeApp until it answers NotFoundApp.

  @documented
  Scenario: Create, tag, read, modify, untag, delete, and the app is gone at once
    Given requests are signed with v2
    When I create an app with:
      | parameter   | value        |
      | AppName     | tf_testacc_app |
      | Description | managed by terraform |
    Then the request succeeds
    When I untag the app "tf_testacc_app" of "env"
    Then the request succeeds
    When I tag the app "tf_testacc_app" with "env=prod, created_by=terraform"
    Then the request succeeds
    When I list the tags of the app "tf_testacc_app"
    Then the tags listed are "env=prod, created_by=terraform"
    When I describe the app "tf_testacc_app"
    Then the response matches the snapshot "read"
    When I modify the app "tf_testacc_app" with:
      | parameter   | value          |
      | AppName     | tf_testacc_app |
      | Description | changed by terraform |
    Then the request succeeds
    When I untag the app "tf_testacc_app" of "created_by"
    Then the app "tf_testacc_app" has the tags "env=prod"
    When I describe the app "tf_testacc_app"
    Then the response matches the snapshot "read-after-update"
    When I delete the app "tf_testacc_app"
    Then the request succeeds
    When I describe the app "tf_testacc_app"
    Then the request fails with "NotFoundApp"
    When I delete the app "tf_testacc_app"
    Then the request fails with "NotFoundApp"

  @documented @empty-region
  Scenario: The data source lists apps and reads each one's AppCode
    Given an app named "tf_testacc_one"
    And an app named "tf_testacc_two"
    When I list my apps with:
      | parameter  | value |
      | PageSize   | 50    |
      | PageNumber | 1     |
    Then the listed apps are "tf_testacc_two, tf_testacc_one"
    When I read the credentials of the app "tf_testacc_one"
    Then the request succeeds
