@apis
Feature: Change an API's definition
  ModifyApi replaces the definition being edited; what the stages run changes only at the
  next DeployApi.

  Documented (ModifyApi SDK remarks and doc; reference/cloudapi-apis.md parts 4.6 and 12):
  - "Partial updates are not supported": ApiId, ApiName, Visibility, RequestConfig and
    ServiceConfig are required, and the call replaces the definition.
  - ForceNonceCheck and DisableInternet keep their values when absent.
  - The name and the request path stay unique in the group.
  - Terraform's Go SDK sends every parameter of ModifyApi in the query.
  Inferred: re-sending the API's own name and path is no conflict; a name or path another API
  of the group holds is RepeatedApiName / RepeatedApiPath; an unknown ApiId is NotFoundApi;
  an optional document left out is cleared (full replacement).

  Background:
    Given an API group named "modify_group"
    And the HTTP-backend API "weather" in the API group "modify_group"

  @documented
  Scenario: The new definition replaces the old one
    When I modify the API "weather" with:
      | parameter     | value |
      | Description   | the forecast, renamed |
      | ApiName       | weather_today |
      | ServiceConfig | {"ServiceProtocol":"HTTP","ServiceAddress":"http://backend.example.com:9090","ServicePath":"/v2/forecast/[cityName]","ServiceHttpMethod":"POST","ServiceTimeout":5000,"Mock":"FALSE","ServiceVpcEnable":"FALSE"} |
    Then the request succeeds
    And the response matches the snapshot "modified"
    When I describe the API "weather_today"
    Then the response field "ApiName" is "weather_today"
    And the response field "Description" is "the forecast, renamed"
    And the response at "ServiceConfig.ServiceAddress" is "http://backend.example.com:9090"
    And the response at "ServiceConfig.ServiceTimeout" is the JSON number 5000
    And the response matches the snapshot "described-after-modify"

  @documented
  Scenario: Every parameter may come in the query, as terraform's Go SDK sends them
    Given requests are signed with v2
    And requests carry their parameters in the query
    When I modify the API "weather" with:
      | parameter   | value             |
      | Description | sent in the query |
    Then the request succeeds
    When I describe the API "weather"
    Then the response field "Description" is "sent in the query"
    And the response at "RequestParameters.RequestParameter" holds 4 items

  @inferred
  Scenario: Its own name and path are no conflict
    When I modify the API "weather" without changes
    Then the request succeeds

  @inferred
  Scenario: The name of another API of the group is refused
    Given the Mock-backend API "forecast" in the API group "modify_group"
    When I modify the API "weather" with:
      | parameter | value    |
      | ApiName   | forecast |
    Then the request fails with "RepeatedApiName"

  @inferred
  Scenario: The path of another API of the group is refused
    Given the Mock-backend API "forecast" in the API group "modify_group"
    When I modify the API "weather" with:
      | parameter     | value |
      | RequestConfig | {"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/forecast","RequestMode":"PASSTHROUGH"} |
    Then the request fails with "RepeatedApiPath"

  @documented
  Scenario: ForceNonceCheck and DisableInternet keep their values when absent
    When I modify the API "weather" with:
      | parameter       | value |
      | ForceNonceCheck | true  |
      | DisableInternet | true  |
    Then the request succeeds
    When I modify the API "weather" with:
      | parameter       | value            |
      | ForceNonceCheck | (absent)         |
      | DisableInternet | (absent)         |
      | Description     | flags not resent |
    Then the request succeeds
    When I describe the API "weather"
    Then the response at "ForceNonceCheck" is the JSON boolean true
    And the response at "DisableInternet" is the JSON boolean true

  @inferred
  Scenario: An optional document left out is cleared
    When I modify the API "weather" with:
      | parameter        | value    |
      | ErrorCodeSamples | (absent) |
    Then the request succeeds
    When I describe the API "weather"
    Then the response at "ErrorCodeSamples.ErrorCodeSample" holds 0 items

  @inferred
  Scenario Outline: <parameter> is required
    When I modify the API "weather" with:
      | parameter   | value    |
      | <parameter> | (absent) |
    Then the request fails with "<code>"

    Examples:
      | parameter     | code                 |
      | ApiName       | MissingApiName       |
      | Visibility    | MissingVisibility    |
      | RequestConfig | MissingRequestConfig |
      | ServiceConfig | MissingServiceConfig |

  @documented
  Scenario: An API id nobody has is not found
    When I call ModifyApi with:
      | parameter     | value |
      | ApiId         | 0123456789abcdef0123456789abcdef |
      | ApiName       | nobody |
      | Visibility    | PRIVATE |
      | RequestConfig | {"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/nobody","RequestMode":"PASSTHROUGH"} |
      | ServiceConfig | {"ServiceProtocol":"HTTP","ServiceTimeout":1000,"Mock":"TRUE","MockResult":"ok"} |
    Then the request fails with "NotFoundApi"
    And the response matches the snapshot "unknown-api"
