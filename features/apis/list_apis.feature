@apis
Feature: List the APIs of a group
  DescribeApis lists API summaries, ApiSummarys.ApiSummary[], with their DeployedInfos,
  and TotalCount, PageNumber, PageSize.

  Documented (DescribeApis SDK model and doc; reference/cloudapi-apis.md part 4.5):
  - GroupId is optional (without it, every API of the region); ApiName is a fuzzy filter;
    ApiId, ApiPath, ApiMethod and Visibility filter too.
  - PageNumber defaults to 1 and PageSize to 10. Terraform's data source pages with
    PageSize=50; its sweeper lists with no parameter at all.
  Inferred: at most 100 a page (InvalidPageSize beyond); TotalCount counts before paging; a
  page past the end is empty.
  Every scenario lists one group of its own, so they hold on a real account too.

  Background:
    Given an API group named "list_group"
    And the Mock-backend API "alpha_forecast" in the API group "list_group"
    And the Mock-backend API "beta_forecast" in the API group "list_group"
    And the Mock-backend API "gamma_report" in the API group "list_group"

  @documented
  Scenario: Every API of the group, with the default page
    When I list the APIs of the API group "list_group"
    Then the request succeeds
    And the listed APIs are "alpha_forecast, beta_forecast, gamma_report" in any order
    And the listing counts 3 APIs in all
    And the response field "PageNumber" is the JSON number 1
    And the response field "PageSize" is the JSON number 10

  @documented
  Scenario: The summaries carry what terraform's data source reads
    When I list the APIs of the API group "list_group" with:
      | parameter | value          |
      | ApiName   | alpha_forecast |
    Then the request succeeds
    And the listed APIs are "alpha_forecast"
    And the response at "ApiSummarys.ApiSummary[0].ApiPath" is "/alpha_forecast"
    And the response at "ApiSummarys.ApiSummary[0].ApiMethod" is "GET"
    And the response at "ApiSummarys.ApiSummary[0].Visibility" is "PRIVATE"
    And the response at "ApiSummarys.ApiSummary[0].DeployedInfos.DeployedInfo" holds 3 items
    And the response matches the snapshot "one-summary"

  @documented
  Scenario: ApiName matches part of a name
    When I list the APIs of the API group "list_group" with:
      | parameter | value    |
      | ApiName   | forecast |
    Then the listed APIs are "alpha_forecast, beta_forecast" in any order

  @inferred
  Scenario: ApiId, ApiPath and ApiMethod filter exactly
    When I list the APIs of the API group "list_group" with:
      | parameter | value                |
      | ApiId     | {api:beta_forecast}  |
    Then the listed APIs are "beta_forecast"
    When I list the APIs of the API group "list_group" with:
      | parameter | value         |
      | ApiPath   | /gamma_report |
    Then the listed APIs are "gamma_report"
    When I list the APIs of the API group "list_group" with:
      | parameter | value |
      | ApiMethod | POST  |
    Then the listed APIs are "none"

  @inferred
  Scenario: Visibility filters
    When I list the APIs of the API group "list_group" with:
      | parameter  | value  |
      | Visibility | PUBLIC |
    Then the listed APIs are "none"
    And the listing counts 0 APIs in all

  @documented
  Scenario: A page holds PageSize APIs and TotalCount counts them all
    When I list the APIs of the API group "list_group" with:
      | parameter  | value |
      | PageSize   | 2     |
      | PageNumber | 2     |
    Then the request succeeds
    And the response at "ApiSummarys.ApiSummary" holds 1 item
    And the listing counts 3 APIs in all
    And the response field "PageNumber" is the JSON number 2

  @inferred
  Scenario: A page past the end is empty
    When I list the APIs of the API group "list_group" with:
      | parameter  | value |
      | PageNumber | 9     |
    Then the request succeeds
    And the listed APIs are "none"
    And the listing counts 3 APIs in all

  @inferred
  Scenario Outline: PageSize <size> is refused
    When I list the APIs of the API group "list_group" with:
      | parameter | value  |
      | PageSize  | <size> |
    Then the request fails with "InvalidPageSize"

    Examples:
      | size |
      | 0    |
      | 101  |

  @inferred
  Scenario: A page of 100 is served
    When I list the APIs of the API group "list_group" with:
      | parameter | value |
      | PageSize  | 100   |
    Then the request succeeds
    And the listing counts 3 APIs in all

  @documented @empty-region
  Scenario: Without GroupId the region's APIs are listed, as terraform's sweeper asks
    When I call DescribeApis
    Then the request succeeds
    And the listed APIs are "alpha_forecast, beta_forecast, gamma_report" in any order
