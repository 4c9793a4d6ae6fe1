@misbehaving
Feature: Create an app, against an endpoint that misbehaves
  The suite's own runner, hooks and steps, against wiremock standing in for a real endpoint
  that fails (tests/hooks.rs). The feature lives under apps/create_app so that its snapshot
  step reads the real suite's snapshot, which the endpoint does not reproduce.

  Scenario: A scenario that fails after creating an app still deletes it
    Given an app named "doomed"
    When I describe the app "doomed"
    Then the request succeeds

  Scenario: A throttled call is retried until it goes through
    Given an app named "patient"
    Then the request succeeds

  Scenario: A reply that differs from its snapshot is a parity gap
    When I create an app named "CreateAppTest"
    Then the request succeeds
    And the response matches the snapshot "created-without-tags"
