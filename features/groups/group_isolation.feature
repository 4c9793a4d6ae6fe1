@groups @mock-only
Feature: One account never sees another's API groups
  State is kept per account and region: "another account's group is not found", as for apps
  (DESIGN.md, accounts and regions; issue 12). For every action addressed by GroupId, a group of
  another account answers NotFoundApiGroup (the code terraform reads as "gone"); DeleteApiGroup
  of a group the caller cannot see succeeds, as for any group that does not exist, and leaves
  the group alone. Names are unique within one account, so another account may take the same.
  These scenarios need a second account on the same mock, so they run on the mock only.

  Background:
    Given the mock has another account with the access key "other_key"
    And an API group named "mine_only"

  @documented
  Scenario: Another account's group is not found
    When I act as the account with the access key "other_key"
    And I describe the API group "mine_only"
    Then the request fails with "NotFoundApiGroup"
    When I modify the API group "mine_only" with:
      | parameter   | value  |
      | Description | theirs |
    Then the request fails with "NotFoundApiGroup"

  @documented
  Scenario: Deleting another account's group succeeds and deletes nothing
    When I act as the account with the access key "other_key"
    And I delete the API group "mine_only"
    Then the request succeeds
    When I act as myself again
    Then the API group "mine_only" exists

  @inferred
  Scenario: Another account cannot tag my group
    When I act as the account with the access key "other_key"
    And I tag the API group "mine_only" with "env=theirs"
    Then the request fails with "NotFoundResourceId"
    When I act as myself again
    Then the API group "mine_only" has the tags "none"

  @inferred
  Scenario: Another account lists only its own groups and may take the same name
    When I act as the account with the access key "other_key"
    And I list my API groups
    Then the listed API groups are "none"
    When I create an API group named "mine_only"
    Then the request succeeds
    When I list my API groups
    Then the listed API groups are "mine_only"
    And the listing counts 1 API groups in all
