@operations @mock-only
Feature: Time under the test's control
  One clock in the mock dates its answers, judges every request's timestamp, remembers
  nonces and measures flow control, so a test moves it instead of waiting (the admin API's
  POST /_mock/clock; MockServer::advance_time from Rust).
  The rules it drives are the gateway's: a request's timestamp "must be within 15 minutes"
  of the server's time (Alibaba Cloud, "Request syntax and signature method V3"), and a
  signature nonce "must not repeat within 31 minutes", across the whole service (API Gateway
  engineers, quoted in the signature protocol reference, §3.2).
  These scenarios move the mock's clock, so they run on the mock only.

  Background:
    Given the mock's clock stands still

  @documented
  Scenario Outline: A nonce is still remembered 30 minutes later (<scheme>)
    Given requests are signed with <scheme>
    And an app named "first_call"
    And the mock's clock has moved 1800 seconds forward
    And the next request reuses the previous nonce
    When I create an app named "after_30_minutes"
    Then the request fails with "SignatureNonceUsed"
    And the app "after_30_minutes" does not exist

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario Outline: A nonce may be used again after 31 minutes (<scheme>)
    Given requests are signed with <scheme>
    And an app named "first_call"
    And the mock's clock has moved 1860 seconds forward
    And the next request reuses the previous nonce
    When I create an app named "after_31_minutes"
    Then the request succeeds

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario Outline: A captured request replayed <seconds> seconds later is refused (<code>)
    Within the timestamp window the nonce catches a replay; after it, the timestamp does.
    Given an app named "captured_call"
    And the mock's clock has moved <seconds> seconds forward
    When I send the same request again
    Then the request fails with "<code>"

    Examples:
      | seconds | code                     |
      | 60      | SignatureNonceUsed       |
      | 960     | InvalidTimeStamp.Expired |
      | 1860    | InvalidTimeStamp.Expired |

  @inferred
  Scenario Outline: The window's edge: <seconds> seconds after signing is <verdict>
    Whether exactly 15 minutes is still inside the window is not published; the mock keeps it
    inside. Timestamps are whole seconds, so the clock starts on one.
    Given the mock's clock is set to "2026-11-30T09:31:28Z"
    And an app named "captured_call"
    And the mock's clock has moved <seconds> seconds forward
    When I send the same request again
    Then the request fails with "<code>"

    Examples:
      | seconds | verdict       | code                     |
      | 900     | inside        | SignatureNonceUsed       |
      | 901     | outside       | InvalidTimeStamp.Expired |

  @documented
  Scenario: Answers are dated by the mock's clock
    Given the mock's clock is set to "2026-11-30T09:31:28Z"
    And an app named "dated_app"
    And the mock's clock has moved 90 seconds forward
    When I modify the app "dated_app" with:
      | Description | changed later |
    And I describe the app "dated_app"
    Then the response field "CreatedTime" is "2026-11-30T09:31:28Z"
    And the response field "ModifiedTime" is "2026-11-30T09:32:58Z"

  @documented
  Scenario: A clock set far from this machine's still accepts requests signed on it
    Given the mock's clock is set to "2031-01-01T00:00:00Z"
    When I create an app named "in_the_future"
    Then the request succeeds
