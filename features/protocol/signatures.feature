@protocol
Feature: Signed requests
  Every call is signed. Two schemes are accepted for the same actions (Alibaba Cloud,
  "Request syntax and signature method V2 for RPC APIs" and "... V3"):
  - v2: HMAC-SHA1 over the sorted, percent-encoded parameters, keyed with the secret and "&";
    parameters in the query or in a form body, both signed.
  - v3: ACS3-HMAC-SHA256 in the Authorization header, over a canonical request built from the
    headers the request itself lists in SignedHeaders.
  The server decodes what came over the wire and encodes it again before it checks a
  signature: SDKs put "+" or "%20" for a space, a raw or an encoded "*", and all must verify.

  @documented
  Scenario Outline: A correctly signed request is served (<scheme>, <method>, <placement>)
    Given requests are signed with <scheme>
    And requests use the HTTP method <method>
    And requests carry their parameters in <placement>
    When I create an app named "signed_<scheme>_<method>"
    Then the request succeeds

    Examples:
      | scheme | method | placement   |
      | v2     | GET    | the query   |
      | v2     | POST   | the query   |
      | v2     | POST   | a form body |
      | v3     | POST   | the query   |
      | v3     | GET    | the query   |
      | v3     | POST   | a form body |

  @documented
  Scenario: A v2 signature made with another secret does not match
    Given requests are signed with v2
    And the next request is signed with the secret "not-the-secret"
    When I create an app named "never_created"
    Then the request fails with "SignatureDoesNotMatch"
    And the HTTP status is 400
    And the error message ends with the string to sign of my request
    And the response matches the snapshot "v2-wrong-secret"

  @inferred
  Scenario: A v3 signature made with another secret does not match
    Given requests are signed with v3
    And the next request is signed with the secret "not-the-secret"
    When I create an app named "never_created"
    Then the request fails with "SignatureDoesNotMatch"
    And the HTTP status is 400
    And the app "never_created" does not exist

  @documented
  Scenario Outline: A parameter changed after signing breaks the signature (<scheme>)
    Given requests are signed with <scheme>
    And the next request has "AppName" set to "tampered_name" after signing
    When I create an app named "signed_name"
    Then the request fails with "SignatureDoesNotMatch"
    And the app "tampered_name" does not exist

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @inferred
  Scenario: A v3 body that differs from its declared hash is refused
    Given requests are signed with v3
    And requests carry their parameters in a form body
    And the next request has "x-acs-content-sha256" set to "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" after signing
    When I create an app named "body_hash"
    Then the request fails with "SignatureDoesNotMatch"

  @inferred
  Scenario Outline: An Authorization header that cannot be read is an incomplete signature: <why>
    Given requests are signed with v3
    And the next request has "Authorization" set to "<value>" after signing
    When I create an app named "never_created"
    Then the request fails with "IncompleteSignature"

    Examples:
      | value                                              | why                        |
      | ACS3-HMAC-SHA256                                   | nothing after the scheme   |
      | ACS3-HMAC-SHA256 Credential=testid                 | no signed headers          |
      | Bearer abc                                         | not a signature            |
      | ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host,Signature=00 | the action is not signed |

  @documented
  Scenario Outline: A nonce is used once (<scheme>)
    Given requests are signed with <scheme>
    And an app named "nonce_app"
    When I send the same request again
    Then the request fails with "SignatureNonceUsed"
    And the response matches the snapshot "nonce-used"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: A fresh request with a nonce already used is refused too
    Given an app named "first_call"
    And the next request reuses the previous nonce
    When I create an app named "second_call"
    Then the request fails with "SignatureNonceUsed"
    And the app "second_call" does not exist
