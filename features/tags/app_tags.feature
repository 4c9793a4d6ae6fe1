@tags
Feature: Tag apps
  TagResources, UntagResources and ListTagResources with ResourceType "app"; ResourceId.N is
  the AppId as a string. Documented (SDK models and API reference):
  - "If you call this operation to tag multiple resources simultaneously, either all or none
    of the resources will be tagged."
  - "If a tag with the same key has been bound to a resource, the new tag will overwrite the
    existing one."
  - "If you specify Tag.1.Value ... you must also specify Tag.1.Key. Otherwise, an
    InvalidParameter.TagKey error is reported."
  - UntagResources: with TagKey.N, those keys go; without keys and with All=true, all tags go;
    without keys and All=false, "the request is not processed but a success is returned".
  - ListTagResources: "A NextToken value of -1 indicates that a next query does not exist."
  Terraform retries ListTagResources on NotFoundResourceId and reads an untagged app as an
  empty list. The limit of 20 tags per app follows "Valid values of n: [1, 20]" (inferred).

  Background:
    Given an app named "tag_target"

  @documented
  Scenario Outline: Tag an app and read its tags (<scheme>)
    Given requests are signed with <scheme>
    When I tag the app "tag_target" with "env=prod, owner=payments"
    Then the request succeeds
    And the response matches the snapshot "tagged"
    When I list the tags of the app "tag_target"
    Then the request succeeds
    And the tags listed are "env=prod, owner=payments"
    And the response matches the snapshot "listed"

    Examples:
      | scheme |
      | v2     |
      | v3     |

  @documented
  Scenario: The same key takes the new value
    Given I tag the app "tag_target" with "env=dev"
    When I tag the app "tag_target" with "env=prod"
    Then the app "tag_target" has the tags "env=prod"

  @documented
  Scenario: An untagged app lists as an empty list
    When I list the tags of the app "tag_target"
    Then the request succeeds
    And the tags listed are "none"
    And the response matches the snapshot "listed-empty"

  @documented
  Scenario: Tags given on CreateApp are listed
    Given an app created with:
      | parameter   | value       |
      | AppName     | born_tagged |
      | Tag.1.Key   | env         |
      | Tag.1.Value | prod        |
    Then the app "born_tagged" has the tags "env=prod"

  @documented
  Scenario: Tagging several apps is all or nothing
    When I call TagResources with:
      | parameter    | value            |
      | ResourceType | app              |
      | ResourceId.1 | {app:tag_target} |
      | ResourceId.2 | 1                |
      | Tag.1.Key    | env              |
      | Tag.1.Value  | prod             |
    Then the request fails with "NotFoundResourceId"
    And the response matches the snapshot "tag-unknown-resource"
    And the app "tag_target" has the tags "none"

  @documented
  Scenario: Untag the keys given
    Given I tag the app "tag_target" with "env=prod, owner=payments, tier=gold"
    When I untag the app "tag_target" of "env, tier"
    Then the request succeeds
    And the response matches the snapshot "untagged"
    And the app "tag_target" has the tags "owner=payments"

  @documented
  Scenario: Untag everything with All
    Given I tag the app "tag_target" with "env=prod, owner=payments"
    When I call UntagResources with:
      | parameter    | value            |
      | ResourceType | app              |
      | ResourceId.1 | {app:tag_target} |
      | All          | true             |
    Then the request succeeds
    And the app "tag_target" has the tags "none"

  @documented
  Scenario: Without keys and without All nothing is untagged
    Given I tag the app "tag_target" with "env=prod"
    When I call UntagResources with:
      | parameter    | value            |
      | ResourceType | app              |
      | ResourceId.1 | {app:tag_target} |
    Then the request succeeds
    And the app "tag_target" has the tags "env=prod"

  @documented
  Scenario: With keys given, All is ignored
    Given I tag the app "tag_target" with "env=prod, owner=payments"
    When I call UntagResources with:
      | parameter    | value            |
      | ResourceType | app              |
      | ResourceId.1 | {app:tag_target} |
      | TagKey.1     | env              |
      | All          | true             |
    Then the app "tag_target" has the tags "owner=payments"

  @inferred
  Scenario: Untagging a key the app does not carry succeeds
    When I untag the app "tag_target" of "absent"
    Then the request succeeds

  @inferred
  Scenario: A tag value needs its key
    When I call TagResources with:
      | parameter    | value            |
      | ResourceType | app              |
      | ResourceId.1 | {app:tag_target} |
      | Tag.1.Value  | prod             |
    Then the request fails with "InvalidParameter.TagKey"

  @documented
  Scenario: Listing an app that does not exist
    When I call ListTagResources with:
      | parameter    | value |
      | ResourceType | app   |
      | ResourceId.1 | 1     |
    Then the request fails with "NotFoundResourceId"
    And the response matches the snapshot "list-unknown-resource"

  @inferred
  Scenario: ListTagResources by tag finds the apps that carry it
    Given an app named "tag_other"
    And I tag the app "tag_target" with "env=prod, owner=a"
    And I tag the app "tag_other" with "env=dev"
    When I call ListTagResources with:
      | parameter    | value |
      | ResourceType | app   |
      | Tag.1.Key    | env   |
      | Tag.1.Value  | prod  |
    Then the request succeeds
    And the tags listed are "env=prod, owner=a"

  @inferred
  Scenario: ListTagResources needs a resource or a tag
    When I call ListTagResources with:
      | parameter    | value |
      | ResourceType | app   |
    Then the request fails with "MissingResourceId"

  @documented
  Scenario: The tag list in XML
    Given requests are signed with v2
    And responses are asked for in XML
    And I tag the app "tag_target" with "env=prod"
    When I list the tags of the app "tag_target"
    Then the response matches the snapshot "listed-xml"

  @documented
  Scenario Outline: TagResources in XML (<action>)
    Given requests are signed with v2
    And responses are asked for in XML
    When I call <action> with:
      | parameter    | value            |
      | ResourceType | app              |
      | ResourceId.1 | {app:tag_target} |
      | Tag.1.Key    | env              |
      | TagKey.1     | env              |
    Then the request succeeds
    And the response matches the snapshot "<action>-xml"

    Examples:
      | action         |
      | TagResources   |
      | UntagResources |

  @inferred
  Scenario Outline: The resource type must be one the service knows: <type>
    When I call TagResources with:
      | parameter    | value            |
      | ResourceType | <type>           |
      | ResourceId.1 | {app:tag_target} |
      | Tag.1.Key    | env              |
    Then the request fails with "<code>"

    Examples:
      | type     | code                |
      | instance | InvalidResourceType |
      | App      | InvalidResourceType |
      | apiGroup | NotFoundResourceId  |

  @inferred
  Scenario: TagResources needs a resource type
    When I call TagResources with:
      | parameter    | value            |
      | ResourceId.1 | {app:tag_target} |
      | Tag.1.Key    | env              |
    Then the request fails with "MissingResourceType"

  @inferred
  Scenario: TagResources needs tags
    When I call TagResources with:
      | parameter    | value            |
      | ResourceType | app              |
      | ResourceId.1 | {app:tag_target} |
    Then the request fails with "MissingTag"

  @inferred
  Scenario: An app carries at most 20 tags
    Given I tag the app "tag_target" with "k1=v, k2=v, k3=v, k4=v, k5=v, k6=v, k7=v, k8=v, k9=v, k10=v"
    And I tag the app "tag_target" with "k11=v, k12=v, k13=v, k14=v, k15=v, k16=v, k17=v, k18=v, k19=v, k20=v"
    When I tag the app "tag_target" with "k21=v"
    Then the request fails with "ExceedLimitTag"
    When I tag the app "tag_target" with "k1=w"
    Then the request succeeds

  @documented
  Scenario: Deleting an app removes its tags with it
    Given I tag the app "tag_target" with "env=prod"
    When I delete the app "tag_target"
    And I list the tags of the app "tag_target"
    Then the request fails with "NotFoundResourceId"
