@credentials
Feature: An app's credentials
  "Each application has a key-value pair which is used for identity verification when you
  call an API", and an AppCode. DescribeAppSecurity answers them ("CreatedTime: ... the same
  as the app creation time"; "ModifiedTime: The modification time (UTC) of the key"). Extra
  pairs and codes come from CreateAppKey and CreateAppCode and show in DescribeAppSecurities
  ("AppSecuritys.AppSecurity[]", sic). ResetAppSecret is addressed by the AppKey, ResetAppCode
  by the old AppCode ("You can call this operation only once per minute."). NewAppKey "must be
  globally unique". Unknown keys and codes answer NotFoundAppKey and NotFoundAppCode
  (inferred from the NotFound%s template); how pairs and codes share the items of
  DescribeAppSecurities, and the limit of 10 of each per app, are the mock's (inferred).

  Background:
    Given an app created with:
      | parameter | value                            |
      | AppName   | secured_app                      |
      | AppKey    | 60030986                         |
      | AppSecret | nzyNqFkRWB2uLw86                 |
      | AppCode   | 3aaf905a0a1f4f0eabc6d891dfa08afc |

  @documented
  Scenario Outline: Read an app's own key pair and AppCode (<scheme>)
    Given requests are signed with <scheme>
    When I read the credentials of the app "secured_app"
    Then the request succeeds
    And the response field "AppKey" is "60030986"
    And the response field "AppSecret" is "nzyNqFkRWB2uLw86"
    And the response field "AppCode" is "3aaf905a0a1f4f0eabc6d891dfa08afc"
    And the response matches the snapshot "security"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: Generated credentials have the documented shapes
    Given an app named "generated_keys"
    When I read the credentials of the app "generated_keys"
    Then the request succeeds
    And the response matches the snapshot "security-generated"

  @documented
  Scenario: The credentials in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I read the credentials of the app "secured_app"
    Then the response matches the snapshot "security-xml"

  @documented
  Scenario: A deleted app has no credentials
    When I delete the app "secured_app"
    And I read the credentials of the app "secured_app"
    Then the request fails with "NotFoundApp"

  @documented
  Scenario Outline: Reset the secret by AppKey (<scheme>)
    Given requests are signed with <scheme>
    And I have read the credentials of the app "secured_app"
    When I call ResetAppSecret with:
      | parameter | value    |
      | AppKey    | 60030986 |
    Then the request succeeds
    And the response matches the snapshot "secret-reset"
    And the app "secured_app" has a new secret

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: Reset to a chosen key and secret
    When I call ResetAppSecret with:
      | parameter    | value       |
      | AppKey       | 60030986    |
      | NewAppKey    | 70030986    |
      | NewAppSecret | chosenSecret1 |
    Then the request succeeds
    And the app "secured_app" has the AppKey "70030986" and the secret "chosenSecret1"

  @inferred
  Scenario: A new AppKey already in use is refused
    Given an app created with:
      | parameter | value    |
      | AppName   | other_keys |
      | AppKey    | 80030986 |
    When I call ResetAppSecret with:
      | parameter | value    |
      | AppKey    | 60030986 |
      | NewAppKey | 80030986 |
    Then the request fails with "RepeatedAppKey"

  @inferred
  Scenario: An unknown AppKey is not found
    When I call ResetAppSecret with:
      | parameter | value     |
      | AppKey    | 999999999 |
    Then the request fails with "NotFoundAppKey"
    And the response matches the snapshot "unknown-app-key"

  @inferred
  Scenario: ResetAppSecret needs an AppKey
    When I call ResetAppSecret
    Then the request fails with "MissingAppKey"

  @documented
  Scenario Outline: Reset the AppCode by the old one (<scheme>)
    Given requests are signed with <scheme>
    When I call ResetAppCode with:
      | parameter  | value                            |
      | AppCode    | 3aaf905a0a1f4f0eabc6d891dfa08afc |
      | NewAppCode | 6f0e7ab2aa5f4b8fb18421e6edf4fb6c |
    Then the request succeeds
    And the response matches the snapshot "code-reset"
    And the app "secured_app" has the AppCode "6f0e7ab2aa5f4b8fb18421e6edf4fb6c"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @inferred
  Scenario: An unknown AppCode is not found
    When I call ResetAppCode with:
      | parameter | value     |
      | AppCode   | notacode  |
    Then the request fails with "NotFoundAppCode"
    And the response matches the snapshot "unknown-app-code"

  @documented @mock-only
  Scenario: The AppCode can be reset only once per minute
    Given the mock's clock stands still
    When I call ResetAppCode with:
      | parameter  | value                            |
      | AppCode    | 3aaf905a0a1f4f0eabc6d891dfa08afc |
      | NewAppCode | code_after_first_reset           |
    Then the request succeeds
    When I call ResetAppCode with:
      | parameter | value                  |
      | AppCode   | code_after_first_reset |
    Then the request fails with "RepeatedCommit"
    And the response matches the snapshot "code-reset-too-soon"
    When the mock's clock moves 60 seconds forward
    And I call ResetAppCode with:
      | parameter | value                  |
      | AppCode   | code_after_first_reset |
    Then the request succeeds

  @documented
  Scenario: Add and remove key pairs
    When I call CreateAppKey with:
      | parameter | value                            |
      | AppId     | {app:secured_app}                |
      | AppKey    | 204203237                        |
      | AppSecret | 6f0a4ad7918a4b41a57fc087d5b066d0 |
    Then the request succeeds
    And the response matches the snapshot "key-created"
    When I list the credentials of the app "secured_app"
    Then the credentials listed hold the AppKeys "60030986, 204203237"
    When I call DeleteAppKey with:
      | parameter | value             |
      | AppId     | {app:secured_app} |
      | AppKey    | 204203237         |
    Then the request succeeds
    When I list the credentials of the app "secured_app"
    Then the credentials listed hold the AppKeys "60030986"

  @documented
  Scenario: Add and remove AppCodes
    When I call CreateAppCode with:
      | parameter | value                            |
      | AppId     | {app:secured_app}                |
      | AppCode   | d2350ecd62c44cbfbe35a7f182e35105 |
    Then the request succeeds
    When I list the credentials of the app "secured_app"
    Then the credentials listed hold the AppCodes "3aaf905a0a1f4f0eabc6d891dfa08afc, d2350ecd62c44cbfbe35a7f182e35105"
    And the response matches the snapshot "securities-two-codes"
    When I call DeleteAppCode with:
      | parameter | value                            |
      | AppId     | {app:secured_app}                |
      | AppCode   | d2350ecd62c44cbfbe35a7f182e35105 |
    Then the request succeeds
    When I list the credentials of the app "secured_app"
    Then the credentials listed hold the AppCodes "3aaf905a0a1f4f0eabc6d891dfa08afc"

  @inferred
  Scenario: Generated extra credentials
    When I call CreateAppKey with:
      | parameter | value             |
      | AppId     | {app:secured_app} |
    Then the request succeeds
    When I call CreateAppCode with:
      | parameter | value             |
      | AppId     | {app:secured_app} |
    Then the request succeeds
    When I list the credentials of the app "secured_app"
    Then the response matches the snapshot "securities-generated"

  @documented
  Scenario: The credentials list in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I list the credentials of the app "secured_app"
    Then the response matches the snapshot "securities-xml"

  @inferred
  Scenario: Removing a key the app does not hold
    When I call DeleteAppKey with:
      | parameter | value             |
      | AppId     | {app:secured_app} |
      | AppKey    | 111111111         |
    Then the request fails with "NotFoundAppKey"

  @inferred
  Scenario: Removing a code the app does not hold
    When I call DeleteAppCode with:
      | parameter | value             |
      | AppId     | {app:secured_app} |
      | AppCode   | nothere           |
    Then the request fails with "NotFoundAppCode"

  @inferred
  Scenario: An extra AppKey already in use is refused
    When I call CreateAppKey with:
      | parameter | value             |
      | AppId     | {app:secured_app} |
      | AppKey    | 60030986          |
    Then the request fails with "RepeatedAppKey"

  @inferred
  Scenario: An extra AppCode already in use is refused
    When I call CreateAppCode with:
      | parameter | value                            |
      | AppId     | {app:secured_app}                |
      | AppCode   | 3aaf905a0a1f4f0eabc6d891dfa08afc |
    Then the request fails with "RepeatedAppCode"

  @documented
  Scenario Outline: Credential actions on an unknown app: <action>
    When I call <action> with:
      | parameter | value |
      | AppId     | 1     |
    Then the request fails with "NotFoundApp"

    Examples:
      | action                |
      | DescribeAppSecurity   |
      | DescribeAppSecurities |
      | CreateAppKey          |
      | CreateAppCode         |

  @inferred @mock-only
  Scenario: An app holds at most 10 key pairs
    When I add 9 key pairs to the app "secured_app"
    And I call CreateAppKey with:
      | parameter | value             |
      | AppId     | {app:secured_app} |
    Then the request fails with "ExceedLimitAppKey"

  @inferred
  Scenario: The credential actions answer in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I call CreateAppKey with:
      | parameter | value             |
      | AppId     | {app:secured_app} |
      | AppKey    | 204203238         |
    Then the request succeeds
    And the response matches the snapshot "CreateAppKey-xml"
    When I call DeleteAppKey with:
      | parameter | value             |
      | AppId     | {app:secured_app} |
      | AppKey    | 204203238         |
    Then the request succeeds
    And the response matches the snapshot "DeleteAppKey-xml"
    When I call CreateAppCode with:
      | parameter | value             |
      | AppId     | {app:secured_app} |
      | AppCode   | extra_code_for_xml |
    Then the request succeeds
    And the response matches the snapshot "CreateAppCode-xml"
    When I call DeleteAppCode with:
      | parameter | value              |
      | AppId     | {app:secured_app}  |
      | AppCode   | extra_code_for_xml |
    Then the request succeeds
    And the response matches the snapshot "DeleteAppCode-xml"
    When I call ResetAppSecret with:
      | parameter | value    |
      | AppKey    | 60030986 |
    Then the request succeeds
    And the response matches the snapshot "ResetAppSecret-xml"
    When I call ResetAppCode with:
      | parameter | value                            |
      | AppCode   | 3aaf905a0a1f4f0eabc6d891dfa08afc |
    Then the request succeeds
    And the response matches the snapshot "ResetAppCode-xml"
    When I call ResetAppCode with:
      | parameter | value    |
      | AppCode   | notacode |
    Then the request fails with "NotFoundAppCode"
    And the response matches the snapshot "error-xml"
