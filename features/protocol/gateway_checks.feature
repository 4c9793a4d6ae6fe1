@protocol
Feature: The gateway's checks
  Before the product sees a request, the POP gateway checks it, and answers the first failure
  with its own code, HTTP status and message (API Gateway's "Error codes for management and
  control API operations", common errors; real response bodies quoted in the reference).
  The order of the checks is not published; the mock applies: Format, Action and Version,
  AccessKeyId and the other signing parameters, SignatureMethod, Timestamp syntax then window,
  the access key, the signature, the nonce, then flow control (inferred).

  @documented
  Scenario Outline: A missing <name> is reported by name (<scheme>)
    Given requests are signed with <scheme>
    And the next request leaves out "<wire>"
    When I create an app named "never_created"
    Then the request fails with "MissingParameter"
    And the response matches the snapshot "missing-<name>"

    Examples:
      | scheme | name    | wire         |
      | v2     | Action  | Action       |
      | v2     | Version | Version      |
      | v3     | Action  | x-acs-action |
      | v3     | Version | x-acs-version |

  @documented
  Scenario Outline: v2 signing parameters are required: <name>
    Given requests are signed with v2
    And the next request leaves out "<name>"
    When I create an app named "never_created"
    Then the request fails with "<code>"

    Examples:
      | name             | code               |
      | AccessKeyId      | MissingAccessKeyId |
      | Signature        | MissingParameter   |
      | SignatureNonce   | MissingParameter   |
      | Timestamp        | MissingParameter   |
      | SignatureMethod  | MissingParameter   |

  @documented
  Scenario: A missing access key id has its own code
    Given requests are signed with v2
    And the next request leaves out "AccessKeyId"
    When I create an app named "never_created"
    Then the request fails with "MissingAccessKeyId"
    And the response matches the snapshot "missing-access-key-id"

  @inferred
  Scenario Outline: Another API version is refused (<scheme>)
    Given requests are signed with <scheme>
    And the next request has "<wire>" set to "2014-05-26" after signing
    When I create an app named "never_created"
    Then the request fails with "InvalidVersion"
    And the response matches the snapshot "invalid-version"

    Examples:
      | scheme | wire          |
      | v2     | Version       |
      | v3     | x-acs-version |

  @documented
  Scenario Outline: An action the service does not have is not found (<scheme>)
    Given requests are signed with <scheme>
    When I call NoSuchAction
    Then the request fails with "InvalidAction.NotFound"
    And the HTTP status is 404
    And the response matches the snapshot "unknown-action"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario Outline: An unknown access key is not found (<scheme>)
    Given requests are signed with <scheme>
    And the next request uses the access key "LTAInobodyhasthiskey"
    When I create an app named "never_created"
    Then the request fails with "InvalidAccessKeyId.NotFound"
    And the HTTP status is 404
    And the response matches the snapshot "unknown-access-key"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: Only HMAC-SHA1 signs v2 requests
    Given requests are signed with v2
    And the next request has "SignatureMethod" set to "HMAC-SHA256" after signing
    When I create an app named "never_created"
    Then the request fails with "InvalidSignatureMethod"
    And the response matches the snapshot "invalid-signature-method"

  @inferred
  Scenario: Only ACS3-HMAC-SHA256 signs v3 requests
    Given requests are signed with v3
    And the next request has "Authorization" set to "ACS3-HMAC-SM3 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=00" after signing
    When I create an app named "never_created"
    Then the request fails with "InvalidSignatureMethod"

  @documented
  Scenario Outline: A timestamp must be UTC yyyy-MM-ddTHH:mm:ssZ: <value> (<scheme>)
    Given requests are signed with <scheme>
    And the next request is dated "<value>"
    When I create an app named "never_created"
    Then the request fails with "InvalidTimeStamp.Format"

    Examples:
      | scheme | value                     |
      | v2     | 2026-11-30 09:31:28       |
      | v2     | 2026-11-30T09:31:28+08:00 |
      | v3     | yesterday                 |
      | v3     | 2026-13-30T09:31:28Z      |

  @inferred
  Scenario Outline: A signed year is not the documented shape: <value> (<scheme>)
    Given requests are signed with <scheme>
    And the next request is dated "<value>"
    When I create an app named "never_created"
    Then the request fails with "InvalidTimeStamp.Format"

    Examples:
      | scheme | value                 |
      | v2     | +2026-11-30T09:31:28Z |
      | v3     | -2026-11-30T09:31:28Z |

  @documented
  Scenario Outline: A timestamp more than 15 minutes away is expired (<scheme>, <minutes> minutes <when>)
    Given requests are signed with <scheme>
    And the next request is dated <minutes> minutes in the <when>
    When I create an app named "never_created"
    Then the request fails with "InvalidTimeStamp.Expired"
    And the response matches the snapshot "timestamp-expired"

    Examples:
      | scheme | minutes | when   |
      | v2     | 16      | past   |
      | v2     | 16      | future |
      | v3     | 16      | past   |
      | v3     | 60      | future |

  @documented
  Scenario Outline: A timestamp within 15 minutes is accepted (<scheme>, <minutes> minutes <when>)
    Given requests are signed with <scheme>
    And the next request is dated <minutes> minutes in the <when>
    When I create an app named "in_time_<scheme>_<when>"
    Then the request succeeds

    Examples:
      | scheme | minutes | when   |
      | v2     | 14      | past   |
      | v3     | 14      | future |

  @inferred
  Scenario: The version is checked before the access key
    Given requests are signed with v2
    And the next request uses the access key "LTAInobodyhasthiskey"
    And the next request has "Version" set to "2014-05-26" after signing
    When I create an app named "never_created"
    Then the request fails with "InvalidVersion"

  @inferred
  Scenario: The timestamp is checked before the access key
    Given requests are signed with v2
    And the next request uses the access key "LTAInobodyhasthiskey"
    And the next request is dated 30 minutes in the past
    When I create an app named "never_created"
    Then the request fails with "InvalidTimeStamp.Expired"

  @inferred
  Scenario: The signature is checked before the operation's parameters
    Given requests are signed with v2
    And the next request is signed with the secret "not-the-secret"
    When I call CreateApp
    Then the request fails with "SignatureDoesNotMatch"

  @documented
  Scenario: Only GET and POST are methods of the API
    Given requests are signed with v2
    And the next request uses the HTTP method PUT
    When I create an app named "never_created"
    Then the request fails with "UnsupportedHTTPMethod"
    And the response matches the snapshot "unsupported-method"

  @inferred
  Scenario: RPC actions live at the root path
    Given requests are signed with v2
    And the next request goes to the path "/v1/apps"
    When I create an app named "never_created"
    Then the request fails with "InvalidAction.NotFound"
