@authorization
Feature: Who may call an API, and what an app may call
  The provider's view, DescribeAuthorizedApps ("all applications included in the responses
  have access to the specified API"), filtered by StageName, AppId, AppName and AppOwnerId;
  the app owner's views, DescribeAuthorizedApis ("the specified application can call all APIs
  included in the responses"), DescribeApisByApp (filtered by ApiName, "used for fuzzy match",
  ApiUid, Method, Path, Description) and DescribeApisWithStageNameIntegratedByApp.
  Documented (SDK models; reference/cloudapi-app-actions.md 4.15 to 4.17): the wrappers
  AuthorizedApps.AuthorizedApp[], AuthorizedApis.AuthorizedApi[],
  AppApiRelationInfos.AppApiRelationInfo[]; PageNumber from 1 by default, PageSize 10 by
  default and at most 100 for DescribeAuthorizedApps and DescribeAuthorizedApis.
  Inferred: the same paging for DescribeApisByApp; oldest grant first; the integrated view
  has one row per API, and StageNameAndAuth maps each stage to its expiry, with no
  per-row stage or expiry (the SDK models have the map, no source its values); the codes InvalidPageSize and
  InvalidPageNumber.

  Background:
    Given an API group named "auth_lists"
    And the API "forecast" for authorized apps in the API group "auth_lists"
    And the API "outlook" for authorized apps in the API group "auth_lists"
    And an app named "reader"
    And an app named "writer"

  @documented
  Scenario: The first page holds ten by default
    When I list the apps authorized on the API "forecast"
    Then the request succeeds
    And the response at "PageNumber" is the JSON number 1
    And the response at "PageSize" is the JSON number 10
    And the listing counts 0 authorizations in all
    And the response matches the snapshot "empty-apps"
    When I list the APIs the app "reader" is authorized to call
    Then the response at "PageSize" is the JSON number 10
    And the response matches the snapshot "empty-apis"

  @inferred
  Scenario: Oldest grant first, page by page
    Given the app "writer" is authorized to call the API "forecast" in TEST
    And the app "reader" is authorized to call the API "forecast" in TEST
    And the app "reader" is authorized to call the API "forecast" in RELEASE
    When I list the apps authorized on the API "forecast"
    Then the authorizations listed are "writer@TEST, reader@TEST, reader@RELEASE"
    When I list the apps authorized on the API "forecast" with:
      | parameter  | value |
      | PageSize   | 2     |
      | PageNumber | 2     |
    Then the authorizations listed are "reader@RELEASE"
    And the listing counts 3 authorizations in all
    And the response at "PageNumber" is the JSON number 2
    And the response at "PageSize" is the JSON number 2
    When I list the apps authorized on the API "forecast" with:
      | parameter  | value |
      | PageSize   | 2     |
      | PageNumber | 3     |
    Then the authorizations listed are "none"
    And the listing counts 3 authorizations in all

  @inferred
  Scenario: The app's APIs, oldest grant first, page by page
    Given the app "reader" is authorized to call the API "outlook" in TEST
    And the app "reader" is authorized to call the API "forecast" in RELEASE
    When I list the APIs the app "reader" is authorized to call
    Then the authorizations listed are "outlook@TEST, forecast@RELEASE"
    When I list the APIs the app "reader" is authorized to call with:
      | parameter | value |
      | PageSize  | 1     |
    Then the authorizations listed are "outlook@TEST"
    And the listing counts 2 authorizations in all
    When I list the APIs of the app "reader" with:
      | parameter  | value |
      | PageSize   | 1     |
      | PageNumber | 2     |
    Then the authorizations listed are "forecast@RELEASE"
    And the listing counts 2 authorizations in all

  @documented
  Scenario: The provider filters by stage, app and app name
    Given the apps "reader,writer" are authorized to call the API "forecast" in TEST
    And the app "writer" is authorized to call the API "forecast" in RELEASE
    When I list the apps authorized on the API "forecast" in RELEASE
    Then the authorizations listed are "writer@RELEASE"
    When I list the apps authorized on the API "forecast" with:
      | parameter | value        |
      | AppId     | {app:reader} |
    Then the authorizations listed are "reader@TEST"
    When I list the apps authorized on the API "forecast" with:
      | parameter | value  |
      | AppName   | writer |
      | StageName | TEST   |
    Then the authorizations listed are "writer@TEST"

  @documented
  Scenario: What the provider sees of an authorized app
    Given the app "reader" is authorized to call the API "forecast" in RELEASE with:
      | parameter   | value             |
      | Description | the reader's key  |
    When I list the apps authorized on the API "forecast" with:
      | parameter | value               |
      | GroupId   | {group:auth_lists}  |
      | StageName | RELEASE             |
    Then the authorizations listed are "reader@RELEASE"
    And the response matches the snapshot "one-authorized-app"

  @documented
  Scenario: What the app's owner sees of an authorized API
    Given the app "reader" is authorized to call the API "forecast" in TEST with:
      | parameter   | value           |
      | Description | for the reports |
    When I list the APIs the app "reader" is authorized to call
    Then the authorizations listed are "forecast@TEST"
    And the response matches the snapshot "one-authorized-api"
    When I list the APIs of the app "reader"
    Then the authorizations listed are "forecast@TEST"
    And the response matches the snapshot "one-api-by-app"

  @documented
  Scenario: DescribeApisByApp matches ApiName fuzzily and filters by ApiUid, Method and Path
    Given the app "reader" is authorized to call the APIs "forecast,outlook" in TEST
    When I list the APIs of the app "reader" with:
      | parameter | value |
      | ApiName   | look  |
    Then the authorizations listed are "outlook@TEST"
    When I list the APIs of the app "reader" with:
      | parameter | value          |
      | ApiUid    | {api:forecast} |
    Then the authorizations listed are "forecast@TEST"
    When I list the APIs of the app "reader" with:
      | parameter | value |
      | Method    | POST  |
    Then the authorizations listed are "none"
    And the listing counts 0 authorizations in all

  @inferred
  Scenario: The integrated view has one row per API, with its stages
    Given the app "reader" is authorized to call the API "forecast" in TEST
    And the app "reader" is authorized to call the API "forecast" in RELEASE with:
      | parameter     | value                |
      | AuthValidTime | 2038-10-05T16:00:00Z |
    And the app "reader" is authorized to call the API "outlook" in RELEASE
    When I list the APIs of the app "reader" with their stages
    Then the request succeeds
    And the listing counts 2 authorizations in all
    And the response matches the snapshot "integrated"

  @inferred
  Scenario Outline: A PageSize beyond 100, or a PageNumber below 1, is refused: <action>
    When I call <action> with:
      | parameter | value        |
      | <key>     | <id>         |
      | PageSize  | 101          |
    Then the request fails with "InvalidPageSize"
    When I call <action> with:
      | parameter  | value |
      | <key>      | <id>  |
      | PageNumber | 0     |
    Then the request fails with "InvalidPageNumber"

    Examples:
      | action                 | key   | id             |
      | DescribeAuthorizedApps | ApiId | {api:forecast} |
      | DescribeAuthorizedApis | AppId | {app:reader}   |
      | DescribeApisByApp      | AppId | {app:reader}   |
