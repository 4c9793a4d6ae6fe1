@apis @mock-only
Feature: One account never sees another's APIs
  State is kept per account and region (DESIGN.md, accounts and regions): another account's
  API is not found (NotFoundApi, the code terraform reads as "gone") by every action that
  addresses it, and its group is not found (NotFoundApiGroup). These scenarios need a second
  account on the same mock, so they run on the mock only.

  Background:
    Given the mock has another account with the access key "other_key"
    And an API group named "mine_only"
    And the Mock-backend API "my_api" in the API group "mine_only"
    And the API "my_api" is deployed to RELEASE

  @documented
  Scenario: Another account's API is not found by any action
    When I act as the account with the access key "other_key"
    And I call DescribeApi with:
      | parameter | value        |
      | ApiId     | {api:my_api} |
    Then the request fails with "NotFoundApi"
    When I call DeleteApi with:
      | parameter | value        |
      | ApiId     | {api:my_api} |
    Then the request fails with "NotFoundApi"
    When I call DeployApi with:
      | parameter   | value        |
      | ApiId       | {api:my_api} |
      | StageName   | TEST         |
      | Description | theirs       |
    Then the request fails with "NotFoundApi"
    When I call DescribeDeployedApi with:
      | parameter | value        |
      | ApiId     | {api:my_api} |
      | StageName | RELEASE      |
    Then the request fails with "NotFoundApi"
    When I call AbolishApi with:
      | parameter | value        |
      | ApiId     | {api:my_api} |
      | StageName | RELEASE      |
    Then the request fails with "NotFoundApi"
    When I call ModifyApi with:
      | parameter     | value |
      | ApiId         | {api:my_api} |
      | ApiName       | theirs_now |
      | Visibility    | PRIVATE |
      | RequestConfig | {"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/theirs","RequestMode":"PASSTHROUGH"} |
      | ServiceConfig | {"ServiceProtocol":"HTTP","ServiceTimeout":1000,"Mock":"TRUE","MockResult":"theirs"} |
    Then the request fails with "NotFoundApi"
    When I call SwitchApi with:
      | parameter      | value             |
      | ApiId          | {api:my_api}      |
      | StageName      | RELEASE           |
      | HistoryVersion | 20260101000000000 |
      | Description    | theirs            |
    Then the request fails with "NotFoundApi"
    When I act as myself again
    Then the API "my_api" is deployed in "RELEASE"

  @documented
  Scenario: Another account cannot define an API in my group, nor read its lists
    When I act as the account with the access key "other_key"
    And I create the Mock-backend API "their_api" in the API group "mine_only"
    Then the request fails with "NotFoundApiGroup"
    When I call DescribeApiHistories with:
      | parameter | value             |
      | GroupId   | {group:mine_only} |
    Then the request fails with "NotFoundApiGroup"

  @inferred
  Scenario: Another account lists none of my APIs
    When I act as the account with the access key "other_key"
    And I call DescribeApis
    Then the request succeeds
    And the listed APIs are "none"
    When I call DescribeDeployedApis
    Then the request succeeds
    And the deployed APIs listed are "none"
