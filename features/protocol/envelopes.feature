@protocol
Feature: Response envelopes
  Every answer carries a RequestId, in the body and in the x-acs-request-id header. Success
  bodies hold the action's fields and never a top-level Code (pop-core treats one as an
  error). Error bodies hold RequestId, HostId, Code, Message and Recommend, all strings.
  v2 requests choose JSON or XML with Format, case-insensitively, and get XML without it
  (common parameters: "Format ... JSON or XML, default XML"). v3 requests get JSON.

  @documented
  Scenario: A v2 request without Format gets XML
    Given requests are signed with v2
    And the next request leaves out "Format" before signing
    When I create an app named "default_format"
    Then the request succeeds
    And the response is XML

  @documented
  Scenario Outline: Format is case-insensitive: <value>
    Given requests are signed with v2
    And the next request has "Format" set to "<value>" before signing
    When I create an app named "format_<value>"
    Then the request succeeds
    And the response is <format>

    Examples:
      | value | format |
      | json  | JSON   |
      | Json  | JSON   |
      | xml   | XML    |
      | XML   | XML    |

  @documented
  Scenario: A Format other than JSON or XML is refused
    Given requests are signed with v2
    And the next request has "Format" set to "yaml" before signing
    When I create an app named "never_created"
    Then the request fails with "InvalidParameter.Format"
    And the response is XML
    And the response matches the snapshot "invalid-format"

  @inferred
  Scenario: An error in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I call DescribeApp
    Then the request fails with "MissingAppId"
    And the response is XML
    And the response matches the snapshot "error-xml"

  @inferred
  Scenario: v3 answers JSON whatever Format says
    Given requests are signed with v3
    When I call CreateApp with:
      | parameter | value     |
      | AppName   | v3_format |
      | Format    | XML       |
    Then the request succeeds
    And the response is JSON
