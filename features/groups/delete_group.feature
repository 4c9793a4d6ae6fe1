@groups
Feature: Read and delete an API group
  DescribeApiGroup answers one group's full attributes; DeleteApiGroup removes it.

  Documented (SDK remarks of DeleteApiGroup; terraform-provider-alicloud,
  resource_alicloud_api_gateway_group.go and service_alicloud_api_gateway.go;
  reference/cloudapi-apis.md parts 3.2, 3.5 and 8):
  - "If the group does not exist, a success response is returned": deleting a group that does
    not exist succeeds.
  - "Deleting a group makes its second-level domain invalid."
  - Terraform's read maps NotFoundApiGroup to "the group is gone", and after DeleteApiGroup
    it polls DescribeApiGroup without sleeping until NotFoundApiGroup: a deleted group must
    be not found at once.
  - A group that still holds APIs cannot be deleted (no APIs exist yet in the mock; the rule
    waits for the API family).
  Inferred: MissingGroupId when no GroupId is sent (the Missing%s template); the name is free
  again once its group is deleted; the group's tags go with it.

  @documented
  Scenario Outline: A group is gone as soon as it is deleted (<scheme>)
    Given requests are signed with <scheme>
    And an API group named "short_lived"
    When I delete the API group "short_lived"
    Then the request succeeds
    And the response matches the snapshot "deleted"
    When I describe the API group "short_lived"
    Then the request fails with "NotFoundApiGroup"
    And the HTTP status is 400
    And the response matches the snapshot "describe-deleted"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: Deleting a group that does not exist succeeds
    Given an API group named "deleted_twice"
    When I delete the API group "deleted_twice"
    And I delete the API group "deleted_twice"
    Then the request succeeds
    When I call DeleteApiGroup with:
      | parameter | value                            |
      | GroupId   | 0123456789abcdef0123456789abcdef |
    Then the request succeeds
    And the response matches the snapshot "delete-unknown"

  @documented
  Scenario Outline: A group id nobody has is not found: <id>
    When I call DescribeApiGroup with:
      | parameter | value |
      | GroupId   | <id>  |
    Then the request fails with "NotFoundApiGroup"

    Examples:
      | id                               |
      | 0123456789abcdef0123456789abcdef |
      | not-a-group-id                   |
      | 1                                |

  @inferred
  Scenario: DescribeApiGroup needs a group id
    When I call DescribeApiGroup
    Then the request fails with "MissingGroupId"
    And the response matches the snapshot "describe-without-id"

  @inferred
  Scenario: DeleteApiGroup needs a group id
    When I call DeleteApiGroup
    Then the request fails with "MissingGroupId"

  @documented
  Scenario: DeleteApiGroup answers in XML
    Given requests are signed with v2
    And responses are asked for in XML
    And an API group named "xml_deleted"
    When I delete the API group "xml_deleted"
    Then the request succeeds
    And the response matches the snapshot "deleted-xml"
    When I describe the API group "xml_deleted"
    Then the request fails with "NotFoundApiGroup"
    And the response matches the snapshot "describe-deleted-xml"

  @inferred
  Scenario: A name is free again once its group is deleted
    Given an API group named "reused_group"
    When I delete the API group "reused_group"
    And I create an API group named "reused_group"
    Then the request succeeds

  @inferred
  Scenario: A deleted group is no longer listed
    Given an API group named "listed_then_gone"
    When I delete the API group "listed_then_gone"
    And I list my API groups with:
      | parameter | value                    |
      | GroupId   | {group:listed_then_gone} |
    Then the request succeeds
    And the listed API groups are "none"

  @inferred
  Scenario: Deleting a group removes its tags with it
    Given an API group named "tagged_then_gone"
    And I tag the API group "tagged_then_gone" with "env=prod"
    When I delete the API group "tagged_then_gone"
    And I list the tags of the API group "tagged_then_gone"
    Then the request fails with "NotFoundResourceId"
