@groups @tags
Feature: Tag API groups
  TagResources, UntagResources and ListTagResources with ResourceType "apiGroup"; ResourceId.N
  is the GroupId. Documented (SDK models TagResourcesRequest, UntagResourcesRequest,
  ListTagResourcesRequest: "apiGroup" is one of the resource types; reference/cloudapi-apis.md
  part 3.1; DescribeApiGroupsResponseBody):
  - "If a tag with the same key has been bound to a resource, the new tag will overwrite the
    existing one."
  - "If you call this operation to tag multiple resources simultaneously, either all or none
    of the resources will be tagged."
  - UntagResources: with TagKey.N, those keys go; without keys and with All=true, all tags go.
  - CreateApiGroup takes Tag.N.Key and Tag.N.Value; DescribeApiGroups answers each group's
    tags as Tags.TagInfo[] of Key and Value.
  - Terraform's tag helper sends TagResources and UntagResources with every parameter in the
    form body (service_alicloud_cloud_api.go).
  Inferred: an app's id is no group and a group's id no app; a deleted group's tags go with it.

  Background:
    Given an API group named "tag_target"

  @documented
  Scenario Outline: Tag a group and read its tags (<scheme>)
    Given requests are signed with <scheme>
    When I tag the API group "tag_target" with "env=prod, owner=payments"
    Then the request succeeds
    And the response matches the snapshot "tagged"
    When I list the tags of the API group "tag_target"
    Then the request succeeds
    And the tags listed are "env=prod, owner=payments"
    And the response matches the snapshot "listed"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: The same key takes the new value
    Given I tag the API group "tag_target" with "env=dev"
    When I tag the API group "tag_target" with "env=prod"
    Then the API group "tag_target" has the tags "env=prod"

  @documented
  Scenario: An untagged group lists as an empty list
    When I list the tags of the API group "tag_target"
    Then the request succeeds
    And the tags listed are "none"
    And the response matches the snapshot "listed-empty"

  @documented
  Scenario: Tags given on CreateApiGroup are listed
    Given an API group created with:
      | parameter   | value       |
      | GroupName   | born_tagged |
      | Tag.1.Key   | env         |
      | Tag.1.Value | prod        |
    Then the API group "born_tagged" has the tags "env=prod"

  @documented
  Scenario: DescribeApiGroups shows a group's tags
    Given I tag the API group "tag_target" with "env=prod, owner=payments"
    When I list my API groups with:
      | parameter | value              |
      | GroupId   | {group:tag_target} |
    Then the listed API group "tag_target" has the tags "env=prod, owner=payments"
    And the response matches the snapshot "described-with-tags"

  @documented
  Scenario: Untag the keys given
    Given I tag the API group "tag_target" with "env=prod, owner=payments, tier=gold"
    When I untag the API group "tag_target" of "env, tier"
    Then the request succeeds
    And the response matches the snapshot "untagged"
    And the API group "tag_target" has the tags "owner=payments"

  @documented
  Scenario: Untag everything with All
    Given I tag the API group "tag_target" with "env=prod, owner=payments"
    When I call UntagResources with:
      | parameter    | value              |
      | ResourceType | apiGroup           |
      | ResourceId.1 | {group:tag_target} |
      | All          | true               |
    Then the request succeeds
    And the API group "tag_target" has the tags "none"

  @documented
  Scenario: Tagging several groups is all or nothing
    When I call TagResources with:
      | parameter    | value                            |
      | ResourceType | apiGroup                         |
      | ResourceId.1 | {group:tag_target}               |
      | ResourceId.2 | 0123456789abcdef0123456789abcdef |
      | Tag.1.Key    | env                              |
      | Tag.1.Value  | prod                             |
    Then the request fails with "NotFoundResourceId"
    And the response matches the snapshot "tag-unknown-resource"
    And the API group "tag_target" has the tags "none"

  @documented
  Scenario: Listing the tags of a group that does not exist
    When I call ListTagResources with:
      | parameter    | value                            |
      | ResourceType | apiGroup                         |
      | ResourceId.1 | 0123456789abcdef0123456789abcdef |
    Then the request fails with "NotFoundResourceId"
    And the response matches the snapshot "list-unknown-resource"

  @inferred
  Scenario: A group is not an app, and an app is not a group
    Given an app named "tag_app"
    When I call TagResources with:
      | parameter    | value          |
      | ResourceType | apiGroup       |
      | ResourceId.1 | {app:tag_app}  |
      | Tag.1.Key    | env            |
    Then the request fails with "NotFoundResourceId"
    When I call TagResources with:
      | parameter    | value              |
      | ResourceType | app                |
      | ResourceId.1 | {group:tag_target} |
      | Tag.1.Key    | env                |
    Then the request fails with "NotFoundResourceId"

  @inferred
  Scenario: ListTagResources by tag finds the groups that carry it, not the apps
    Given an API group named "tag_other"
    And an app named "tag_app"
    And I tag the API group "tag_target" with "env=prod, owner=a"
    And I tag the API group "tag_other" with "env=dev"
    And I tag the app "tag_app" with "env=prod"
    When I call ListTagResources with:
      | parameter    | value    |
      | ResourceType | apiGroup |
      | Tag.1.Key    | env      |
      | Tag.1.Value  | prod     |
    Then the request succeeds
    And the tags listed are "env=prod, owner=a"

  @documented
  Scenario: Terraform's tag helper sends everything in a form body
    Given requests carry their parameters in a form body
    When I call TagResources with:
      | parameter    | value              |
      | ResourceType | apiGroup           |
      | ResourceId.1 | {group:tag_target} |
      | Tag.1.Key    | created_by         |
      | Tag.1.Value  | terraform          |
    Then the request succeeds
    When I call UntagResources with:
      | parameter    | value              |
      | ResourceType | apiGroup           |
      | ResourceId.1 | {group:tag_target} |
      | TagKey.1     | absent             |
    Then the request succeeds
    And the API group "tag_target" has the tags "created_by=terraform"

  @documented
  Scenario: The tag list in XML
    Given requests are signed with v2
    And responses are asked for in XML
    And I tag the API group "tag_target" with "env=prod"
    When I list the tags of the API group "tag_target"
    Then the response matches the snapshot "listed-xml"
