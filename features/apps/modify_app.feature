@apps
Feature: Modify an app
  ModifyApp changes an app's name, description, extended information or disabled flag.
  Documented: "AppName or Description can be modified. If these parameters are not specified,
  no modifications are made and the operation will directly return a successful response."
  The name follows the CreateApp rules ("Each Chinese character is counted as two
  characters."); the description holds up to 180 characters; "The QPS limit on this operation
  is 50 per user."
  Terraform always resends the app's current name with a new description, so an app's own
  name is no conflict (inferred, required by terraform-provider-alicloud); another app's
  name is (RepeatedAppName, inferred).

  Background:
    Given an app named "modify_me"

  @documented
  Scenario Outline: Change the name and the description (<scheme>)
    Given requests are signed with <scheme>
    When I modify the app "modify_me" with:
      | parameter   | value           |
      | AppName     | modified_name   |
      | Description | a new description |
    Then the request succeeds
    And the response matches the snapshot "modified"
    When I describe the app "modified_name"
    Then the response field "AppName" is "modified_name"
    And the response field "Description" is "a new description"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: Omitted fields keep their values
    When I modify the app "modify_me" with:
      | parameter   | value      |
      | Description | first      |
      | Extend      | 110461946884 |
    And I modify the app "modify_me" with:
      | parameter | value     |
      | AppName   | renamed_once |
    And I describe the app "renamed_once"
    Then the response field "Description" is "first"
    And the response field "Extend" is "110461946884"

  @documented
  Scenario: Nothing to change is a success that changes nothing
    When I modify the app "modify_me" with:
      | parameter | value |
    Then the request succeeds
    When I describe the app "modify_me"
    Then the response matches the snapshot "unchanged"

  @inferred
  Scenario: Resending the app's own name is no conflict
    When I modify the app "modify_me" with:
      | parameter   | value          |
      | AppName     | modify_me      |
      | Description | terraform style |
    Then the request succeeds

  @inferred
  Scenario: Another app's name is taken
    Given an app named "already_taken"
    When I modify the app "modify_me" with:
      | parameter | value         |
      | AppName   | already_taken |
    Then the request fails with "RepeatedAppName"
    And the app "modify_me" exists

  @inferred @exact-names
  Scenario Outline: The name rules of CreateApp apply: <name>
    When I modify the app "modify_me" with:
      | parameter | value  |
      | AppName   | <name> |
    Then the request fails with "InvalidAppName"

    Examples:
      | name                        |
      | abc                         |
      | 9lives                      |
      | A2345678901234567890123456z |

  @inferred
  Scenario: A description over 180 characters is refused
    When I modify the app "modify_me" with:
      | parameter   | value |
      | Description | ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd |
    Then the request fails with "InvalidDescription"
    And the response matches the snapshot "description-too-long"

  @inferred
  Scenario: Disable an app
    When I modify the app "modify_me" with:
      | parameter | value |
      | Disabled  | true  |
    Then the request succeeds
    When I describe the app "modify_me"
    Then the response field "Disabled" is "true"

  @inferred
  Scenario: Disabled takes true or false only
    When I modify the app "modify_me" with:
      | parameter | value |
      | Disabled  | yes   |
    Then the request fails with "InvalidDisabled"

  @inferred
  Scenario: Tags given to ModifyApp are merged by key
    Given I tag the app "modify_me" with "env=dev, team=a"
    When I modify the app "modify_me" with:
      | parameter   | value |
      | Tag.1.Key   | env   |
      | Tag.1.Value | prod  |
    Then the request succeeds
    And the app "modify_me" has the tags "env=prod, team=a"

  @documented
  Scenario: Modifying an app that does not exist
    When I call ModifyApp with:
      | parameter   | value |
      | AppId       | 1     |
      | Description | x     |
    Then the request fails with "NotFoundApp"

  @inferred
  Scenario: ModifyApp needs an app id
    When I call ModifyApp with:
      | parameter   | value |
      | Description | x     |
    Then the request fails with "MissingAppId"

  @documented
  Scenario: The answer in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I modify the app "modify_me" with:
      | parameter   | value |
      | Description | xml   |
    Then the response matches the snapshot "modified-xml"

  @documented @mock-only
  Scenario: The 51st ModifyApp within one second is throttled
    Given the mock's clock stands still
    When I modify the app "modify_me" 50 times
    And I modify the app "modify_me" with:
      | parameter   | value |
      | Description | late  |
    Then the request fails with "Throttling.User"

  @inferred @mock-only
  Scenario: A modification moves ModifiedTime, not CreatedTime
    Given the mock's clock stands still
    When the mock's clock moves 5 seconds forward
    And I modify the app "modify_me" with:
      | parameter   | value |
      | Description | later |
    And I describe the app "modify_me"
    Then the response's ModifiedTime is at least 5 seconds after its CreatedTime
