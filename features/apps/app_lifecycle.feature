@apps
Feature: Read and delete an app
  DescribeApp answers one app's attributes; DeleteApp removes it. After a delete the app is
  gone at once: terraform's provider polls DescribeApp until it answers NotFoundApp, and
  treats NotFoundApp from DeleteApp as success (terraform-provider-alicloud,
  resource_alicloud_api_gateway_app.go).

  @documented
  Scenario Outline: An app is gone as soon as it is deleted (<scheme>)
    Given requests are signed with <scheme>
    And an app named "short_lived"
    When I delete the app "short_lived"
    Then the request succeeds
    And the response matches the snapshot "deleted"
    When I describe the app "short_lived"
    Then the request fails with "NotFoundApp"
    And the response matches the snapshot "describe-deleted"
    When I delete the app "short_lived"
    Then the request fails with "NotFoundApp"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: DeleteApp answers in XML
    Given requests are signed with v2
    And responses are asked for in XML
    And an app named "xml_deleted"
    When I delete the app "xml_deleted"
    Then the request succeeds
    And the response matches the snapshot "deleted-xml"
    When I delete the app "xml_deleted"
    Then the request fails with "NotFoundApp"
    And the response matches the snapshot "delete-deleted-xml"

  @documented
  Scenario: A name is free again once its app is deleted
    Given an app named "reused_name"
    When I delete the app "reused_name"
    And I create an app named "reused_name"
    Then the request succeeds

  @inferred
  Scenario Outline: An app id that is not an int64 is refused: <id>
    When I call DescribeApp with:
      | parameter | value |
      | AppId     | <id>  |
    Then the request fails with "InvalidAppId"

    Examples:
      | id                   |
      | abc                  |
      | 1.5                  |
      | 99999999999999999999 |

  @inferred
  Scenario Outline: An unknown app id is not found: <id>
    When I call DescribeApp with:
      | parameter | value |
      | AppId     | <id>  |
    Then the request fails with "NotFoundApp"

    Examples:
      | id                  |
      | 1                   |
      | -1                  |
      | 9223372036854775807 |

  @inferred
  Scenario: DescribeApp needs an app id
    When I call DescribeApp
    Then the request fails with "MissingAppId"
    And the response matches the snapshot "describe-without-id"

  @documented @mock-only
  Scenario: Another account's app does not exist for me
    Given the mock has another account with the access key "other_key"
    And an app named "mine_only"
    When I act as the account with the access key "other_key"
    And I describe the app "mine_only"
    Then the request fails with "NotFoundApp"
    When I delete the app "mine_only"
    Then the request fails with "NotFoundApp"
    When I act as myself again
    Then the app "mine_only" exists
    When I act as the account with the access key "other_key"
    And I create an app named "mine_only"
    Then the request succeeds
