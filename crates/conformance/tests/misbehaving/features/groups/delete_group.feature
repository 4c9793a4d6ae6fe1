@misbehaving
Feature: Create an API group, against an endpoint that misbehaves
  The cleanup of API groups goes the way of apps' (tests/hooks.rs): a scenario that fails after
  creating a group still deletes it, with the group's own delete action.

  Scenario: A scenario that fails after creating a group still deletes it
    Given an API group named "doomed_group"
    When I describe the API group "doomed_group"
    Then the request succeeds
