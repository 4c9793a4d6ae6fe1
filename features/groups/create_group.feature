@groups
Feature: Create an API group
  An API group is the container of APIs: it has its own second-level domain, its stages, and
  lives on a gateway instance. CreateApiGroup makes one and answers what the group got.

  Documented (CreateApiGroup API reference; SDK models CreateApiGroupRequest and
  CreateApiGroupResponseBody of @alicloud/cloudapi20160714 4.7.8 and alibabacloud-cloudapi20160714
  4.9.0; reference/cloudapi-apis.md part 3.1):
  - GroupName is required: "4 to 50 characters ... letters, digits, underscores (_) or Chinese
    characters ... must start with a letter or a Chinese character", unique (CLI metadata,
    ROS ALIYUN::ApiGateway::Group). Uniqueness is per account and region (inferred).
  - "The description can be up to 180 characters in length."
  - The response: RequestId, GroupId (32 lowercase hexadecimal characters, system generated),
    GroupName, SubDomain ("<GroupId>-<RegionId>.alicloudapi.com"), BasePath, Description,
    InstanceId, InstanceType, TagStatus.
  - Terraform documents "/" as the default base path (alicloud_api_gateway_group docs).
  - The group's QPS ceiling, TrafficLimit, is 500 by default (SDK model, limits page).
  Inferred: a group without InstanceId lands on the shared VPC instance "api-shared-vpc-001"
  (VPC_SHARED); the stages RELEASE, PRE and TEST, each with its own StageId; empty VpcDomain
  and UserLogConfig until set; the codes MissingGroupName, InvalidGroupName,
  InvalidDescription and RepeatedGroupName follow the service's Missing%s / Invalid%s /
  Repeated%s templates; at most 20 tags (ROS), although the API metadata allows more.

  Groups are named with the run's prefix on the wire; scenarios about the name rules
  themselves send their names exactly as written (@exact-names).

  @documented
  Scenario Outline: Create a group with only a name (<scheme>)
    Given requests are signed with <scheme>
    When I create an API group named "CreateGroupTest"
    Then the request succeeds
    And the response field "GroupId" is 32 lowercase hexadecimal characters
    And the response's SubDomain is its GroupId, a dash, the region and ".alicloudapi.com"
    And the response matches the snapshot "created"
    When I describe the API group "CreateGroupTest"
    Then the request succeeds
    And the response matches the snapshot "described-after-create"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario Outline: Create a group with a description, a base path and tags (<scheme>)
    Given requests are signed with <scheme>
    When I create an API group with:
      | parameter   | value              |
      | GroupName   | tagged_group       |
      | Description | The weather informations. |
      | BasePath    | /weather           |
      | Tag.1.Key   | env                |
      | Tag.1.Value | prod               |
      | Tag.2.Key   | team               |
      | Tag.2.Value | payments           |
    Then the request succeeds
    And the response field "TagStatus" is "true"
    And the response field "BasePath" is "/weather"
    And the response matches the snapshot "created-with-tags"
    When I describe the API group "tagged_group"
    Then the response matches the snapshot "described-with-description"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @inferred
  Scenario: Without tags, TagStatus is false
    When I create an API group named "untagged_group"
    Then the request succeeds
    And the response field "TagStatus" is "false"

  @documented
  Scenario: A group without a base path gets "/"
    When I create an API group named "root_path"
    Then the response field "BasePath" is "/"
    When I describe the API group "root_path"
    Then the response field "BasePath" is "/"

  @inferred
  Scenario: A group without an instance lives on the shared VPC instance
    When I create an API group named "shared_instance"
    Then the response field "InstanceId" is "api-shared-vpc-001"
    And the response field "InstanceType" is "VPC_SHARED"
    When I describe the API group "shared_instance"
    Then the response field "InstanceId" is "api-shared-vpc-001"
    And the response field "InstanceType" is "VPC_SHARED"

  @inferred
  Scenario: A new group has the stages RELEASE, PRE and TEST, each with its own id
    When I create an API group named "staged_group"
    And I describe the API group "staged_group"
    Then the API group's stages are "RELEASE, PRE, TEST"
    And each stage of the API group has its own StageId of 32 hexadecimal characters

  @documented
  Scenario: A new group may serve 500 requests a second
    When I create an API group named "traffic_group"
    And I describe the API group "traffic_group"
    Then the response field "TrafficLimit" is the JSON number 500

  @documented @exact-names
  Scenario Outline: A valid name is accepted: <why>
    When I create an API group named "<name>"
    Then the request succeeds

    Examples:
      | name                                               | why                              |
      | abcd                                               | four letters, the shortest       |
      | A234567890123456789012345678901234567890123456789z | fifty characters, the longest    |
      | a_1_                                               | digits and underscores follow    |
      | 天气服务组                                          | Chinese characters, first too    |
      | Weather天气_1                                       | letters, Chinese and digits mix  |

  @inferred @exact-names
  Scenario Outline: An invalid name is refused: <why>
    When I create an API group named "<name>"
    Then the request fails with "InvalidGroupName"
    And the HTTP status is 400

    Examples:
      | name                                                | why                                |
      | abc                                                 | three characters are too few       |
      | A2345678901234567890123456789012345678901234567890z | fifty-one characters are too many  |
      | 1abc                                                | it starts with a digit             |
      | _abc                                                | it starts with an underscore       |
      | ab-cd                                               | a dash is not allowed              |
      | ab cd                                               | a space is not allowed             |
      | abc!                                                | punctuation is not allowed         |

  @inferred @exact-names
  Scenario: The refusal of an invalid name
    When I create an API group named "1abc"
    Then the response matches the snapshot "invalid-name"

  @inferred
  Scenario: The name is required
    When I call CreateApiGroup with:
      | parameter   | value   |
      | Description | no name |
    Then the request fails with "MissingGroupName"
    And the response matches the snapshot "missing-name"

  @documented
  Scenario: A description of 180 characters is accepted
    When I create an API group named "long_description" with a description of 180 characters
    Then the request succeeds

  @inferred
  Scenario: A description of 181 characters is refused
    When I create an API group named "too_long_description" with a description of 181 characters
    Then the request fails with "InvalidDescription"
    And the response matches the snapshot "description-too-long"
    And the API group "too_long_description" does not exist

  @documented
  Scenario: Names and descriptions travel intact whatever their characters
    When I create an API group with:
      | parameter   | value                            |
      | GroupName   | encoded_group                    |
      | Description | a b * ~ + ' ( ) ! & = / : % 描述 |
    Then the request succeeds
    When I describe the API group "encoded_group"
    Then the response field "Description" is "a b * ~ + ' ( ) ! & = / : % 描述"

  @inferred
  Scenario: A name is unique within the account and region
    Given an API group named "only_once"
    When I create an API group named "only_once"
    Then the request fails with "RepeatedGroupName"
    And the response matches the snapshot "repeated-name"

  @inferred
  Scenario: Twenty tags are accepted
    When I create an API group with:
      | parameter    | value        |
      | GroupName    | twenty_tags  |
      | Tag.1.Key    | k1           |
      | Tag.2.Key    | k2           |
      | Tag.3.Key    | k3           |
      | Tag.4.Key    | k4           |
      | Tag.5.Key    | k5           |
      | Tag.6.Key    | k6           |
      | Tag.7.Key    | k7           |
      | Tag.8.Key    | k8           |
      | Tag.9.Key    | k9           |
      | Tag.10.Key   | k10          |
      | Tag.11.Key   | k11          |
      | Tag.12.Key   | k12          |
      | Tag.13.Key   | k13          |
      | Tag.14.Key   | k14          |
      | Tag.15.Key   | k15          |
      | Tag.16.Key   | k16          |
      | Tag.17.Key   | k17          |
      | Tag.18.Key   | k18          |
      | Tag.19.Key   | k19          |
      | Tag.20.Key   | k20          |
    Then the request succeeds
    And the response field "TagStatus" is "true"

  @documented
  Scenario: The answer in XML
    Given requests are signed with v2
    And responses are asked for in XML
    When I create an API group named "xml_group"
    Then the request succeeds
    And the response is XML
    And the response matches the snapshot "created-xml"
    When I describe the API group "xml_group"
    Then the response matches the snapshot "described-xml"

  @documented
  Scenario: The parameters may come in a form body
    Given requests carry their parameters in a form body
    When I create an API group with:
      | parameter   | value          |
      | GroupName   | form_group     |
      | Description | sent in a body |
    Then the request succeeds
    When I describe the API group "form_group"
    Then the response field "Description" is "sent in a body"
