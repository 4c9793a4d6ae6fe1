@groups
Feature: The lifecycle terraform's alicloud provider drives for an API group
  resource "alicloud_api_gateway_group" (terraform-provider-alicloud,
  resource_alicloud_api_gateway_group.go, service_alicloud_api_gateway.go) uses the classic Go
  SDK, so V2 signatures and query parameters (reference/cloudapi-apis.md parts 3 and 9):
  1. CreateApiGroup with the name, the description (an unset one is not sent) and the instance
     only if set; the GroupId answered is the resource's id.
  2. ModifyApiGroup only when user_log_config is set or changed, or when the name, the
     description or the base path changed; then GroupName, Description and BasePath go together.
  3. Read: DescribeApiGroup; NotFoundApiGroup, or an empty GroupId, means the group is gone; it
     reads GroupName, Description, SubDomain, VpcDomain (vpc_intranet_enable is VpcDomain != ""),
     InstanceId, BasePath and UserLogConfig (JSON-decoded when not empty).
  4. Delete: DeleteApiGroup, then DescribeApiGroup polled without sleeping until NotFoundApiGroup.
  The data source alicloud_api_gateway_groups lists with PageSize=50 from page 1 and reads
  GroupId, GroupName, RegionId, SubDomain, Description, CreatedTime, ModifiedTime,
  TrafficLimit, BillingStatus and IllegalStatus. Group names are prefixed "tf-testacc" in the
  provider's tests; the suite's run prefix goes in front.

  @documented
  Scenario: Create, read, update, delete, and the group is gone at once
    Given requests are signed with v2
    When I create an API group with:
      | parameter   | value                |
      | GroupName   | tf_testacc_group     |
      | Description | managed by terraform |
    Then the request succeeds
    When I describe the API group "tf_testacc_group"
    Then the request succeeds
    And the response field "VpcDomain" is ""
    And the response field "UserLogConfig" is ""
    And the response matches the snapshot "read"
    When I modify the API group "tf_testacc_group" with:
      | parameter   | value                   |
      | GroupName   | tf_testacc_group_update |
      | Description | changed by terraform    |
      | BasePath    | /terraform              |
    Then the request succeeds
    When I describe the API group "tf_testacc_group_update"
    Then the response matches the snapshot "read-after-update"
    When I delete the API group "tf_testacc_group_update"
    Then the request succeeds
    When I describe the API group "tf_testacc_group_update"
    Then the request fails with "NotFoundApiGroup"
    When I describe the API group "tf_testacc_group_update"
    Then the request fails with "NotFoundApiGroup"

  @inferred
  Scenario: user_log_config is sent on create and read back as JSON
    Given requests are signed with v2
    When I create an API group with:
      | parameter | value             |
      | GroupName | tf_testacc_logged |
    And I modify the API group "tf_testacc_logged" with:
      | parameter     | value |
      | UserLogConfig | {"requestBody":true,"responseBody":true,"queryString":"","requestHeaders":"","responseHeaders":"","jwtClaims":""} |
    Then the request succeeds
    When I describe the API group "tf_testacc_logged"
    Then the response field "UserLogConfig" is a JSON document with "requestBody" true

  @documented
  Scenario: An import reads the group by its id alone
    Given requests are signed with v2
    And an API group created with:
      | parameter   | value              |
      | GroupName   | tf_testacc_imported |
      | Description | imported           |
    When I call DescribeApiGroup with:
      | parameter | value                       |
      | GroupId   | {group:tf_testacc_imported} |
    Then the request succeeds
    And the response field "GroupName" is "tf_testacc_imported"
    And the response field "Description" is "imported"

  @documented @empty-region
  Scenario: The data source lists groups with the fields it reads
    Given requests are signed with v2
    And an API group named "tf_testacc_one"
    And an API group named "tf_testacc_two"
    When I list my API groups with:
      | parameter  | value |
      | PageSize   | 50    |
      | PageNumber | 1     |
    Then the listed API groups are "tf_testacc_two, tf_testacc_one"
    And each listed API group has "GroupId, GroupName, RegionId, SubDomain, Description, CreatedTime, ModifiedTime, TrafficLimit, BillingStatus, IllegalStatus"
