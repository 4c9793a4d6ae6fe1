@apps
Feature: Create an app
  An app is the identity an API caller signs its calls with. CreateApp makes one, answers its
  AppId, and generates the app's key pair and AppCode unless the caller brings its own.

  Documented (CreateApp API reference; SDK models of alibabacloud-cloudapi20160714 4.9.0):
  - "The name must be 4 to 26 characters in length. The name can contain letters, digits, and
    underscores (_), and must start with a letter." The Chinese reference also admits Chinese
    characters, which may come first and count as two characters each (ModifyApp reference).
  - "The description can be up to 180 characters in length."
  - Tag.N.Key and Tag.N.Value: "Valid values of n: [1, 20]"; a value needs the key of the same N.
  - Response: AppId (a number), RequestId, TagStatus.
  The concrete codes for a broken rule (InvalidAppName, InvalidDescription, RepeatedAppName,
  RepeatedAppKey, InvalidTag) follow the service's published templates and are inferred.

  Apps are named with the run's prefix on the wire (so that runs against a real account never
  take a name in use); scenarios about the name rules themselves send their names exactly as
  written, and say so with @exact-names.

  @documented
  Scenario Outline: Create an app with only a name (<scheme>)
    Given requests are signed with <scheme>
    When I create an app named "CreateAppTest"
    Then the request succeeds
    And the response field "AppId" is a JSON number
    And the response matches the snapshot "created-without-tags"
    When I describe the app "CreateAppTest"
    Then the request succeeds
    And the response matches the snapshot "described-after-create"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario Outline: Create an app with a description, tags and extended information (<scheme>)
    Given requests are signed with <scheme>
    When I create an app with:
      | parameter   | value          |
      | AppName     | tagged_app     |
      | Description | An app for tests |
      | Extend      | 110210264071   |
      | Tag.1.Key   | env            |
      | Tag.1.Value | prod           |
      | Tag.2.Key   | team           |
      | Tag.2.Value | payments       |
    Then the request succeeds
    And the response field "TagStatus" is "true"
    And the response matches the snapshot "created-with-tags"
    When I describe the app "tagged_app"
    Then the response matches the snapshot "described-with-description"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented @exact-names
  Scenario Outline: A valid name is accepted: <why>
    When I create an app named "<name>"
    Then the request succeeds

    Examples:
      | name                       | why                            |
      | abcd                       | four letters, the shortest     |
      | A234567890123456789012345z | twenty-six characters, longest |
      | a_1_                       | digits and underscores follow  |

  @inferred @exact-names
  Scenario Outline: An invalid name is refused: <why>
    When I create an app named "<name>"
    Then the request fails with "InvalidAppName"
    And the HTTP status is 400

    Examples:
      | name                        | why                                |
      | abc                         | three characters are too few       |
      | A2345678901234567890123456z | twenty-seven characters are too many |
      | 1abc                        | it starts with a digit             |
      | _abc                        | it starts with an underscore       |
      | ab-cd                       | a dash is not allowed              |
      | ab cd                       | a space is not allowed             |
      | abc!                        | punctuation is not allowed         |
      | ébcd                        | only ASCII letters count as letters |

  @inferred @exact-names
  Scenario: The refusal of an invalid name
    When I create an app named "1abc"
    Then the response matches the snapshot "invalid-name"

  @inferred @exact-names
  Scenario Outline: Chinese characters are allowed and count as two: <why>
    When I create an app named "<name>"
    Then the request <outcome>

    Examples:
      | name                      | why                         | outcome                         |
      | 应用测试                  | eight counted characters    | succeeds                        |
      | 应用                      | four counted characters     | succeeds                        |
      | 应                        | two counted characters      | fails with "InvalidAppName"     |
      | 应用测试应用测试应用测试应 | twenty-six counted          | succeeds                        |
      | 应用测试应用测试应用测试应用 | twenty-eight counted      | fails with "InvalidAppName"     |
      | a应用                     | a letter, then Chinese      | succeeds                        |

  @inferred
  Scenario: The name is required
    When I call CreateApp with:
      | parameter   | value   |
      | Description | no name |
    Then the request fails with "MissingAppName"
    And the response matches the snapshot "missing-name"

  @documented
  Scenario: A description of 180 characters is accepted
    When I create an app named "long_description" with a description of 180 characters
    Then the request succeeds

  @inferred
  Scenario: A description of 181 characters is refused
    When I create an app named "too_long_description" with a description of 181 characters
    Then the request fails with "InvalidDescription"
    And the response matches the snapshot "description-too-long"

  @documented
  Scenario: Names and descriptions travel intact whatever their characters
    When I create an app with:
      | parameter   | value                                   |
      | AppName     | encoded_name                            |
      | Description | a b * ~ + ' ( ) ! & = / : % 描述 |
    Then the request succeeds
    When I describe the app "encoded_name"
    Then the response field "Description" is "a b * ~ + ' ( ) ! & = / : % 描述"

  @inferred
  Scenario: A tag value needs its key
    When I create an app with:
      | parameter   | value   |
      | AppName     | half_tag |
      | Tag.1.Value | prod    |
    Then the request fails with "InvalidParameter.TagKey"
    And the response matches the snapshot "tag-value-without-key"

  @documented
  Scenario: Twenty tags are accepted
    When I create an app with:
      | parameter    | value |
      | AppName      | twenty_tags |
      | Tag.1.Key    | k1    |
      | Tag.2.Key    | k2    |
      | Tag.3.Key    | k3    |
      | Tag.4.Key    | k4    |
      | Tag.5.Key    | k5    |
      | Tag.6.Key    | k6    |
      | Tag.7.Key    | k7    |
      | Tag.8.Key    | k8    |
      | Tag.9.Key    | k9    |
      | Tag.10.Key   | k10   |
      | Tag.11.Key   | k11   |
      | Tag.12.Key   | k12   |
      | Tag.13.Key   | k13   |
      | Tag.14.Key   | k14   |
      | Tag.15.Key   | k15   |
      | Tag.16.Key   | k16   |
      | Tag.17.Key   | k17   |
      | Tag.18.Key   | k18   |
      | Tag.19.Key   | k19   |
      | Tag.20.Key   | k20   |
    Then the request succeeds
    And the response field "TagStatus" is "true"

  @inferred
  Scenario Outline: A tag number outside 1 to 20 is refused: Tag.<n>
    When I create an app with:
      | parameter     | value   |
      | AppName       | bad_tag_number |
      | Tag.<n>.Key   | env     |
    Then the request fails with "InvalidTag"

    Examples:
      | n           |
      | 0           |
      | 21          |
      | 99999999999 |
      | x           |

  @inferred
  Scenario: A name is unique within the account and region
    Given an app named "only_once"
    When I create an app named "only_once"
    Then the request fails with "RepeatedAppName"
    And the response matches the snapshot "repeated-name"

  @documented
  Scenario: The caller may bring its own key pair and AppCode
    When I create an app with:
      | parameter | value                            |
      | AppName   | own_credentials                  |
      | AppKey    | 60030986                         |
      | AppSecret | nzyNqFkRWB2uLw86                 |
      | AppCode   | 3aaf905a0a1f4f0eabc6d891dfa08afc |
    Then the request succeeds
    And the response field "TagStatus" is "false"

  @inferred
  Scenario: An AppKey already in use is refused
    Given an app created with:
      | parameter | value      |
      | AppName   | first_owner |
      | AppKey    | 60030987   |
    When I create an app with:
      | parameter | value       |
      | AppName   | second_owner |
      | AppKey    | 60030987    |
    Then the request fails with "RepeatedAppKey"
    And the app "second_owner" does not exist

  @documented
  Scenario: The answer in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I create an app named "xml_app"
    Then the request succeeds
    And the response is XML
    And the response matches the snapshot "created-xml"
    When I describe the app "xml_app"
    Then the response matches the snapshot "described-xml"
