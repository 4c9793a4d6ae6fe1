@apis
Feature: The tags an API was created with
  CreateApi takes Tag.N.Key and Tag.N.Value (at most 100; reference/cloudapi-apis.md 4.3).
  Documented (ListTagResources SDK model): ResourceType "api" lists an API's tags. DescribeApi
  reports them in TagList.Tag[] with TagKey and TagValue (SDK model).
  Inferred: TagResources and UntagResources are documented for apps and groups only here; the
  mock refuses ResourceType "api" for them with InvalidResourceType (reference part 13, 16).

  Background:
    Given an API group named "tag_group"
    When I create the Mock-backend API "tagged_api" in the API group "tag_group" with:
      | parameter   | value |
      | Tag.1.Key   | env   |
      | Tag.1.Value | prod  |
      | Tag.2.Key   | team  |
      | Tag.2.Value | maps  |
    Then the request succeeds

  @documented
  Scenario: ListTagResources lists the tags of an API
    When I call ListTagResources with:
      | parameter    | value            |
      | ResourceType | api              |
      | ResourceId.1 | {api:tagged_api} |
    Then the request succeeds
    And the tags listed are "env=prod, team=maps"
    And the response matches the snapshot "listed"

  @documented
  Scenario: DescribeApi reports them in TagList
    When I describe the API "tagged_api"
    Then the response at "TagList.Tag" holds 2 items
    And the response at "TagList.Tag[0].TagKey" is "env"
    And the response at "TagList.Tag[0].TagValue" is "prod"

  @inferred
  Scenario: TagResources does not take an API
    When I call TagResources with:
      | parameter    | value            |
      | ResourceType | api              |
      | ResourceId.1 | {api:tagged_api} |
      | Tag.1.Key    | extra            |
      | Tag.1.Value  | no               |
    Then the request fails with "InvalidResourceType"
