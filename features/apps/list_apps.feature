@apps
Feature: List apps
  DescribeAppAttributes is the caller's view of its apps, terraform's list and sweeper call:
  "Apps.AppAttribute[]" with each app's "Tags.TagInfo[]". Documented (SDK model and API
  reference): PageNumber defaults to 1; PageSize defaults to 10, at most 100; Sort is asc or
  desc by modification time, desc by default. The filters' exact semantics are inferred:
  AppId, AppKey and AppCode match exactly, AppName as a substring, and every Tag.N given must
  be on the app.

  DescribeApps is the provider's view, "Apps.AppItem[]" with AppId, AppName and Description;
  it needs AppId or AppOwner ("AppId or AppOwner must have a valid value.").

  Listings that count, order or page the region's apps are tagged @empty-region: against a
  real account they run only when the region held no app at the start of the run.

  Background:
    Given an app named "list_alpha"
    And an app named "list_beta"
    And an app named "list_gamma"

  @documented @empty-region
  Scenario Outline: The newest app comes first (<scheme>)
    Given requests are signed with <scheme>
    When I list my apps
    Then the request succeeds
    And the listed apps are "list_gamma, list_beta, list_alpha"
    And the listing counts 3 apps in all
    And the response matches the snapshot "list-all"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented @empty-region
  Scenario: Ascending order lists the oldest first
    When I list my apps with:
      | parameter | value |
      | Sort      | asc   |
    Then the listed apps are "list_alpha, list_beta, list_gamma"

  @documented @empty-region
  Scenario: A page holds PageSize apps and TotalCount counts them all
    When I list my apps with:
      | parameter  | value |
      | PageSize   | 2     |
      | PageNumber | 2     |
    Then the request succeeds
    And the listed apps are "list_alpha"
    And the listing counts 3 apps in all
    And the response field "PageNumber" is "2"
    And the response field "PageSize" is "2"

  @documented @empty-region
  Scenario: A page past the end is empty
    When I list my apps with:
      | parameter  | value |
      | PageNumber | 9     |
    Then the request succeeds
    And the listed apps are "none"
    And the listing counts 3 apps in all
    And the response matches the snapshot "page-past-the-end"

  @inferred
  Scenario Outline: A page size outside 1 to 100 is refused: <size>
    When I list my apps with:
      | parameter | value  |
      | PageSize  | <size> |
    Then the request fails with "InvalidPageSize"

    Examples:
      | size |
      | 0    |
      | 101  |
      | ten  |

  @documented @empty-region
  Scenario: A page size of 100 is the largest
    When I list my apps with:
      | parameter | value |
      | PageSize  | 100   |
    Then the request succeeds
    And the listed apps are "list_gamma, list_beta, list_alpha"

  @inferred
  Scenario: A Sort other than asc or desc is refused
    When I list my apps with:
      | parameter | value   |
      | Sort      | newest  |
    Then the request fails with "InvalidSort"

  @inferred @empty-region
  Scenario: AppName filters by part of the name
    When I list my apps with:
      | parameter | value |
      | AppName   | beta  |
    Then the listed apps are "list_beta"
    And the listing counts 1 apps in all

  @documented
  Scenario: AppId picks one app
    When I list my apps with:
      | parameter | value            |
      | AppId     | {app:list_alpha} |
    Then the listed apps are "list_alpha"
    And the response matches the snapshot "list-by-id"

  @inferred
  Scenario: AppKey and AppCode pick the app that holds them
    Given I have read the credentials of the app "list_beta"
    When I list my apps with:
      | parameter | value               |
      | AppKey    | {appkey:list_beta}  |
    Then the listed apps are "list_beta"
    When I list my apps with:
      | parameter | value               |
      | AppCode   | {appcode:list_beta} |
    Then the listed apps are "list_beta"

  @inferred @empty-region
  Scenario: Tags filter apps, every tag given must match
    When I tag the app "list_alpha" with "env=prod, team=a"
    And I tag the app "list_gamma" with "env=prod, team=b"
    And I list my apps with:
      | parameter   | value |
      | Tag.1.Key   | env   |
      | Tag.1.Value | prod  |
      | Tag.2.Key   | team  |
      | Tag.2.Value | b     |
    Then the listed apps are "list_gamma"
    And the response matches the snapshot "list-by-tags"
    When I list my apps with:
      | parameter   | value |
      | Tag.1.Key   | env   |
    Then the listed apps are "list_gamma, list_alpha"

  @documented
  Scenario: The list in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I list my apps with:
      | parameter | value            |
      | AppId     | {app:list_alpha} |
    Then the request succeeds
    And the response matches the snapshot "list-xml"

  @documented
  Scenario Outline: DescribeApps finds an app by id (<scheme>)
    Given requests are signed with <scheme>
    When I call DescribeApps with:
      | parameter | value           |
      | AppId     | {app:list_beta} |
    Then the request succeeds
    And the listed apps are "list_beta"
    And the response matches the snapshot "describe-apps-by-id"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: DescribeApps needs an AppId or an AppOwner
    When I call DescribeApps
    Then the request fails with "MissingAppIdOrAppOwner"
    And the response matches the snapshot "describe-apps-without-filter"

  @inferred
  Scenario: DescribeApps of an unknown app is an empty list
    When I call DescribeApps with:
      | parameter | value |
      | AppId     | 1     |
    Then the request succeeds
    And the listed apps are "none"
    And the listing counts 0 apps in all

  @documented
  Scenario: DescribeApps in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I call DescribeApps with:
      | parameter | value           |
      | AppId     | {app:list_beta} |
    Then the response matches the snapshot "describe-apps-xml"

  @inferred @mock-only
  Scenario: DescribeApps by owner lists the owner's own apps
    When I call DescribeApps with:
      | parameter | value            |
      | AppOwner  | 1234567890123456 |
      | PageSize  | 2                |
    Then the request succeeds
    And the listed apps are "list_alpha, list_beta"
    And the listing counts 3 apps in all
