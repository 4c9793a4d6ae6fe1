@data_plane
Feature: The X-Ca digest signature and its refusals
  An APP API takes calls signed with an app's AppKey and AppSecret: the client builds a string
  of five fixed lines (method, Accept, Content-MD5, Content-Type, Date), the headers it lists in
  `X-Ca-Signature-Headers` sorted, and the path with the sorted query and form parameters, and
  signs it with HmacSHA256 (or HmacSHA1 where the API allows it).

  Documented ("Use digest authentication to call an API", doc 29475; the VPC error-code table,
  doc 43906; reference/data-plane.md parts 3 and 4):
  - An unknown `X-Ca-Key`: `A400IK`, 400, `Invalid AppKey`.
  - A signature that does not match: `A403IS`, 403, `Invalid Signature, Server StringToSign:`
    with the gateway's string to sign, its newlines shown as `#` (the backticks around it follow
    Alibaba's Higress hmac-auth plugin: inferred).
  - `X-Ca-Timestamp` is "valid for 15 minutes"; a nonce may not come back within 15 minutes
    for the same AppKey and API; `Content-MD5`, when sent, is Base64(MD5(body)).
  Inferred (no VPC code is published; the classic generation's messages, no X-Ca-Error-Code):
  `Timestamp Expired` and `Nonce Used` (400); a wrong Content-MD5 is `I400I5` (a third-party
  list of observed codes); an app without authorization is `I403AA` `Unauthorized`, an
  expired authorization `A403EP` `Expiry of Authorization`; HmacSHA1 where the API allows only
  HmacSHA256 is `I400HD` on the X-Ca-Signature-Method header.

  Background:
    Given an app named "dp_signer"
    And an API group named "dp_signed"
    And the group "dp_signed" publishes the API "dp_orders" in RELEASE:
      | field                | value                   |
      | Path                 | /v1/orders              |
      | Method               | POST                    |
      | MockResult           | {"ok":true}             |
      | AllowSignatureMethod | HmacSHA1,HmacSHA256     |
    And the group "dp_signed" publishes the API "dp_echo" in RELEASE:
      | field      | value      |
      | Path       | /v1/echo   |
      | Method     | POST       |
      | MockResult | echoed     |
    And the app "dp_signer" is authorized to call "dp_orders" in RELEASE
    And the app "dp_signer" is authorized to call "dp_echo" in RELEASE

  @documented
  Scenario: A form body with non-ASCII values is signed with its fields
    When the app "dp_signer" calls "POST /v1/orders?channel=web" on the group "dp_signed" with:
      | option       | value                                                   |
      | content-type | application/x-www-form-urlencoded; charset=UTF-8        |
      | body         | item=book&qty=2&note=&city=%E4%B8%8A%E6%B5%B7+%E6%B5%A6 |
    Then the gateway answers 200
    And the gateway's answer is '{"ok":true}'

  @documented
  Scenario: A JSON body with its Content-MD5
    When the app "dp_signer" calls "POST /v1/echo" on the group "dp_signed" with:
      | option       | value             |
      | content-type | application/json  |
      | body         | {"hello":"world"} |
      | Content-MD5  | of the body       |
    Then the gateway answers 200

  @documented
  Scenario: HmacSHA1 where the API allows it, and a signed custom header
    When the app "dp_signer" calls "POST /v1/orders" on the group "dp_signed" with:
      | option                | value    |
      | signature method      | HmacSHA1 |
      | header X-Ca-Trace     | abc      |
    Then the gateway answers 200

  @inferred
  Scenario: HmacSHA1 where the API allows only HmacSHA256
    When the app "dp_signer" calls "POST /v1/echo" on the group "dp_signed" with:
      | option           | value    |
      | signature method | HmacSHA1 |
    Then the gateway refuses with 400 "I400HD"

  @documented
  Scenario: The wrong secret: the gateway shows its string to sign
    When the app "dp_signer" calls "POST /v1/orders?b=2&a=1" on the group "dp_signed" with:
      | option | value            |
      | secret | not-the-secret   |
    Then the gateway refuses with 403 "A403IS"
    And the gateway's error message shows the string the client signed

  @documented
  Scenario: An unknown AppKey
    When the app "dp_signer" calls "POST /v1/orders" on the group "dp_signed" with:
      | option | value         |
      | key    | 000000000000  |
    Then the gateway refuses with 400 "A400IK"
    And the gateway's error message is "Invalid AppKey"
    And the gateway's answer matches the snapshot "unknown-key"

  @inferred @mock-only
  Scenario: A stale timestamp
    When the app "dp_signer" calls "POST /v1/orders" on the group "dp_signed" with:
      | option        | value       |
      | timestamp age | 960 seconds |
    Then the gateway refuses with 400 and the message "Timestamp Expired" alone

  @inferred
  Scenario: A nonce sent twice
    When the app "dp_signer" calls "POST /v1/orders" on the group "dp_signed"
    Then the gateway answers 200
    When the same call is sent again
    Then the gateway refuses with 400 and the message "Nonce Used" alone

  @inferred
  Scenario: A body changed after its Content-MD5 was computed
    When the app "dp_signer" calls "POST /v1/echo" on the group "dp_signed" with:
      | option             | value             |
      | content-type       | application/json  |
      | body               | {"hello":"world"} |
      | Content-MD5        | of the body       |
      | body after signing | {"hello":"there"} |
    Then the gateway refuses with 400 "I400I5"
