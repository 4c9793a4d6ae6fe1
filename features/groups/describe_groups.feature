@groups
Feature: List API groups
  DescribeApiGroups lists the caller's groups: "ApiGroupAttributes.ApiGroupAttribute[]", each
  with its "Tags.TagInfo[]", and TotalCount, PageNumber, PageSize.

  Documented (SDK model DescribeApiGroupsRequest; reference/cloudapi-apis.md part 3.3):
  - PageNumber starts from 1, default 1; PageSize defaults to 10, at most 50.
  - Sort is asc or desc by modification time, desc by default.
  - GroupName is "a keyword contained in the name".
  - Terraform's data source alicloud_api_gateway_groups pages with PageSize=50 from page 1.
  Inferred: GroupId, BasePath and InstanceId filter exactly; every Tag.N given must be on the
  group; TotalCount counts before paging; a page past the end is empty; a PageSize outside 1
  to 50 is refused with InvalidPageSize and a Sort other than asc or desc with InvalidSort.

  Listings that count, order or page the region's groups are tagged @empty-region: against a
  real account they run only when the region held no app and no group at the start of the run.

  Background:
    Given an API group named "list_alpha"
    And an API group named "list_beta"
    And an API group named "list_gamma"

  @documented @empty-region
  Scenario Outline: The most recently changed group comes first (<scheme>)
    Given requests are signed with <scheme>
    When I list my API groups
    Then the request succeeds
    And the listed API groups are "list_gamma, list_beta, list_alpha"
    And the listing counts 3 API groups in all
    And the response matches the snapshot "list-all"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented @empty-region
  Scenario: Ascending order lists the oldest first
    When I list my API groups with:
      | parameter | value |
      | Sort      | asc   |
    Then the listed API groups are "list_alpha, list_beta, list_gamma"

  @documented @mock-only
  Scenario: The order follows the modification time, not the creation time
    Given the mock's clock stands still
    And the mock's clock has moved 10 seconds forward
    And an API group named "order_first"
    And the mock's clock has moved 10 seconds forward
    And an API group named "order_second"
    And the mock's clock has moved 10 seconds forward
    When I modify the API group "order_first" with:
      | parameter   | value        |
      | Description | touched last |
    And I list my API groups with:
      | parameter | value  |
      | GroupName | order_ |
    Then the listed API groups are "order_first, order_second"
    When I list my API groups with:
      | parameter | value  |
      | GroupName | order_ |
      | Sort      | asc    |
    Then the listed API groups are "order_second, order_first"

  @documented
  Scenario: Without paging parameters the first page of ten is answered
    When I list my API groups
    Then the response field "PageNumber" is the JSON number 1
    And the response field "PageSize" is the JSON number 10
    And the response field "TotalCount" is a JSON number

  @documented @empty-region
  Scenario: A page holds PageSize groups and TotalCount counts them all
    When I list my API groups with:
      | parameter  | value |
      | PageSize   | 2     |
      | PageNumber | 2     |
    Then the request succeeds
    And the listed API groups are "list_alpha"
    And the listing counts 3 API groups in all
    And the response field "PageNumber" is the JSON number 2
    And the response field "PageSize" is the JSON number 2

  @inferred @empty-region
  Scenario: A page past the end is empty
    When I list my API groups with:
      | parameter  | value |
      | PageNumber | 9     |
    Then the request succeeds
    And the listed API groups are "none"
    And the listing counts 3 API groups in all
    And the response matches the snapshot "page-past-the-end"

  @documented @empty-region
  Scenario: A page size of 50 is the largest
    When I list my API groups with:
      | parameter | value |
      | PageSize  | 50    |
    Then the request succeeds
    And the listed API groups are "list_gamma, list_beta, list_alpha"

  @inferred
  Scenario Outline: A page size outside 1 to 50 is refused: <size>
    When I list my API groups with:
      | parameter | value  |
      | PageSize  | <size> |
    Then the request fails with "InvalidPageSize"

    Examples:
      | size |
      | 0    |
      | 51   |
      | 100  |
      | ten  |

  @inferred
  Scenario: A page size refused, in full
    When I list my API groups with:
      | parameter | value |
      | PageSize  | 51    |
    Then the response matches the snapshot "page-size-too-large"

  @inferred
  Scenario: A Sort other than asc or desc is refused
    When I list my API groups with:
      | parameter | value  |
      | Sort      | newest |
    Then the request fails with "InvalidSort"

  @documented @empty-region
  Scenario: GroupName filters by part of the name
    When I list my API groups with:
      | parameter | value |
      | GroupName | beta  |
    Then the listed API groups are "list_beta"
    And the listing counts 1 API groups in all

  @inferred
  Scenario: GroupId picks one group
    When I list my API groups with:
      | parameter | value              |
      | GroupId   | {group:list_alpha} |
    Then the listed API groups are "list_alpha"
    And the response matches the snapshot "list-by-id"

  @inferred @empty-region
  Scenario: BasePath picks the groups with exactly that base path
    Given an API group created with:
      | parameter | value        |
      | GroupName | list_pathed  |
      | BasePath  | /pathed      |
    When I list my API groups with:
      | parameter | value   |
      | BasePath  | /pathed |
    Then the listed API groups are "list_pathed"
    When I list my API groups with:
      | parameter | value |
      | BasePath  | /path |
    Then the listed API groups are "none"

  @inferred @empty-region
  Scenario: InstanceId picks the groups of one instance
    When I list my API groups with:
      | parameter  | value              |
      | InstanceId | api-shared-vpc-001 |
    Then the listed API groups are "list_gamma, list_beta, list_alpha"
    When I list my API groups with:
      | parameter  | value                       |
      | InstanceId | apigateway-cn-v6419k43xxxxx |
    Then the listed API groups are "none"

  @inferred @empty-region
  Scenario: Tags filter groups, every tag given must match
    When I tag the API group "list_alpha" with "env=prod, team=a"
    And I tag the API group "list_gamma" with "env=prod, team=b"
    And I list my API groups with:
      | parameter   | value |
      | Tag.1.Key   | env   |
      | Tag.1.Value | prod  |
      | Tag.2.Key   | team  |
      | Tag.2.Value | b     |
    Then the listed API groups are "list_gamma"
    And the response matches the snapshot "list-by-tags"
    When I list my API groups with:
      | parameter   | value |
      | Tag.1.Key   | env   |
      | Tag.1.Value | prod  |
    Then the listed API groups are "list_gamma, list_alpha"

  @documented
  Scenario: The list in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I list my API groups with:
      | parameter | value              |
      | GroupId   | {group:list_alpha} |
    Then the request succeeds
    And the response matches the snapshot "list-xml"
