@deployment
Feature: The publish history of an API
  Every DeployApi records a version of the API in that stage; DescribeApiHistories and
  DescribeHistoryApis list them (ApiHisItems.ApiHisItem[]), DescribeApiHistory answers one
  in full.

  Documented (SDK models of the three actions; reference/cloudapi-apis.md parts 5.1, 5.6 to 5.8):
  - GroupId is required for both lists; ApiId, ApiName and StageName filter. Only published
    APIs have history.
  - Items carry ApiId, ApiName, GroupId, GroupName, RegionId, StageName, HistoryVersion,
    DeployedTime, Description and Status ONLINE or OFFLINE; DescribeHistoryApis adds
    StageAlias and serves at most 50 a page, DescribeApiHistories at most 100.
  - DescribeApiHistory (ApiId, StageName and HistoryVersion required) answers the definition
    as it was published in that version, with HistoryVersion, StageName and DeployedTime.
  Inferred: the item's Description is the publish remark; the version running in the stage is
  ONLINE and every other OFFLINE; after AbolishApi none is ONLINE; an unknown version is
  NotFoundHistoryVersion.

  Background:
    Given an API group named "history_group"
    And the HTTP-backend API "weather" in the API group "history_group"
    And the API "weather" is deployed to RELEASE with the remark "first release"
    And I modify the API "weather" with:
      | parameter   | value                 |
      | Description | the second definition |
    And the API "weather" is deployed to RELEASE with the remark "second release"

  @inferred
  Scenario: Each publication is listed with its remark; the running one is ONLINE
    When I list the publish history of the API "weather" in RELEASE
    Then the request succeeds
    And the history listed is "second release (ONLINE), first release (OFFLINE)"
    And every listed history version is 17 digits, each newer one greater
    And the listing counts 2 APIs in all
    And the response matches the snapshot "histories"

  @documented
  Scenario: DescribeHistoryApis lists the same, with the stage's alias
    When I list the history APIs of the API "weather" in RELEASE
    Then the request succeeds
    And the response at "ApiHisItems.ApiHisItem" holds 2 items
    And the response matches the snapshot "history-apis"

  @documented
  Scenario: Only published APIs have history
    Given the Mock-backend API "never_published" in the API group "history_group"
    When I list the publish history of the API "never_published" in RELEASE
    Then the request succeeds
    And the history listed is "none"

  @inferred
  Scenario: Once abolished, no version is ONLINE
    When I abolish the API "weather" from RELEASE
    And I list the publish history of the API "weather" in RELEASE
    Then the history listed is "second release (OFFLINE), first release (OFFLINE)"

  @documented
  Scenario: One version in full, as it was published
    When I remember the newest version of the API "weather" in RELEASE as "second"
    And I list the publish history of the API "weather" in RELEASE
    When I read the version "second" of the API "weather" in RELEASE
    Then the request succeeds
    And the response field "HistoryVersion" is the one remembered as "second"
    And the response field "StageName" is "RELEASE"
    And the response field "Description" is "the second definition"
    And the response at "RequestConfig.RequestPath" is "/weather/[city]"
    And the response matches the snapshot "one-version"

  @inferred
  Scenario: An unknown version is not found
    When I call DescribeApiHistory with:
      | parameter      | value             |
      | ApiId          | {api:weather}     |
      | StageName      | RELEASE           |
      | HistoryVersion | 20000101000000000 |
    Then the request fails with "NotFoundHistoryVersion"

  @inferred
  Scenario: DescribeApiHistories needs a group
    When I call DescribeApiHistories with:
      | parameter | value         |
      | ApiId     | {api:weather} |
    Then the request fails with "MissingGroupId"

  @inferred
  Scenario: DescribeApiHistory needs a version
    When I call DescribeApiHistory with:
      | parameter | value         |
      | ApiId     | {api:weather} |
      | StageName | RELEASE       |
    Then the request fails with "MissingHistoryVersion"

  @inferred
  Scenario Outline: <action> serves at most <max> a page
    When I call <action> with:
      | parameter | value               |
      | GroupId   | {group:history_group} |
      | PageSize  | <beyond>            |
    Then the request fails with "InvalidPageSize"

    Examples:
      | action               | max | beyond |
      | DescribeApiHistories | 100 | 101    |
      | DescribeHistoryApis  | 50  | 51     |
