@groups
Feature: Modify an API group
  ModifyApiGroup changes a group's name, description, base path and group-level settings.

  Documented (SDK models ModifyApiGroupRequest and ModifyApiGroupResponseBody;
  reference/cloudapi-apis.md part 3.4):
  - GroupId is required; GroupName follows the CreateApiGroup rules; the description holds up
    to 180 characters; a GroupName or Description left out keeps its value.
  - The response: RequestId, GroupId, GroupName, Description, BasePath, SubDomain.
  - Terraform sends GroupName, Description and BasePath together whenever one of them
    changed, and UserLogConfig (a JSON document) when the log settings changed; it reads
    them back with DescribeApiGroup.
  Inferred: every other setting left out keeps its value too; resending the group's own name
  is no conflict (terraform resends it); another group's name is (RepeatedGroupName); an
  unknown group is NotFoundApiGroup; UserLogConfig is stored verbatim; SubDomain never
  changes; ModifiedTime moves.

  Background:
    Given an API group named "modify_me"

  @documented
  Scenario Outline: Change the name, the description and the base path (<scheme>)
    Given requests are signed with <scheme>
    When I modify the API group "modify_me" with:
      | parameter   | value             |
      | GroupName   | modified_group    |
      | Description | a new description |
      | BasePath    | /v2               |
    Then the request succeeds
    And the response matches the snapshot "modified"
    When I describe the API group "modified_group"
    Then the response field "GroupName" is "modified_group"
    And the response field "Description" is "a new description"
    And the response field "BasePath" is "/v2"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: Omitted fields keep their values
    When I modify the API group "modify_me" with:
      | parameter   | value |
      | Description | first |
      | BasePath    | /kept |
    And I modify the API group "modify_me" with:
      | parameter | value        |
      | GroupName | renamed_once |
    And I describe the API group "renamed_once"
    Then the response field "Description" is "first"
    And the response field "BasePath" is "/kept"

  @inferred
  Scenario: Nothing to change is a success that changes nothing
    When I modify the API group "modify_me" with:
      | parameter | value |
    Then the request succeeds
    When I describe the API group "modify_me"
    Then the response matches the snapshot "unchanged"

  @inferred
  Scenario: Resending the group's own name is no conflict
    When I modify the API group "modify_me" with:
      | parameter   | value           |
      | GroupName   | modify_me       |
      | Description | terraform style |
    Then the request succeeds

  @inferred
  Scenario: Another group's name is taken
    Given an API group named "already_taken"
    When I modify the API group "modify_me" with:
      | parameter | value         |
      | GroupName | already_taken |
    Then the request fails with "RepeatedGroupName"
    And the response matches the snapshot "repeated-name"
    And the API group "modify_me" exists

  @inferred @exact-names
  Scenario Outline: The name rules of CreateApiGroup apply: <name>
    When I modify the API group "modify_me" with:
      | parameter | value  |
      | GroupName | <name> |
    Then the request fails with "InvalidGroupName"

    Examples:
      | name  |
      | abc   |
      | 1abc  |
      | ab-cd |

  @inferred
  Scenario: A description of 181 characters is refused
    When I modify the API group "modify_me" with a description of 181 characters
    Then the request fails with "InvalidDescription"

  @inferred
  Scenario: A group id nobody has is not found
    When I call ModifyApiGroup with:
      | parameter   | value                            |
      | GroupId     | 0123456789abcdef0123456789abcdef |
      | Description | nobody's                         |
    Then the request fails with "NotFoundApiGroup"
    And the response matches the snapshot "unknown-group"

  @inferred
  Scenario: ModifyApiGroup needs a group id
    When I call ModifyApiGroup with:
      | parameter   | value  |
      | Description | orphan |
    Then the request fails with "MissingGroupId"

  @inferred
  Scenario: The log settings are kept as sent
    When I modify the API group "modify_me" with:
      | parameter     | value |
      | UserLogConfig | {"requestBody":true,"responseBody":false,"queryString":"*","requestHeaders":"","responseHeaders":"","jwtClaims":""} |
    Then the request succeeds
    When I describe the API group "modify_me"
    Then the response field "UserLogConfig" is:
      """
      {"requestBody":true,"responseBody":false,"queryString":"*","requestHeaders":"","responseHeaders":"","jwtClaims":""}
      """

  @inferred
  Scenario: The second-level domain does not change with the group
    When I describe the API group "modify_me"
    And I remember the response field "SubDomain"
    And I modify the API group "modify_me" with:
      | parameter | value         |
      | GroupName | new_name_same |
      | BasePath  | /moved        |
    Then the response field "SubDomain" is the one remembered
    When I describe the API group "new_name_same"
    Then the response field "SubDomain" is the one remembered

  @inferred @mock-only
  Scenario: A modification moves ModifiedTime
    Given the mock's clock has moved 120 seconds forward
    When I modify the API group "modify_me" with:
      | parameter   | value |
      | Description | later |
    And I describe the API group "modify_me"
    Then the response's ModifiedTime is at least 120 seconds after its CreatedTime

  @documented
  Scenario: The answer in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I modify the API group "modify_me" with:
      | parameter   | value    |
      | Description | from XML |
    Then the request succeeds
    And the response matches the snapshot "modified-xml"
