@apis
Feature: Define an API in a group
  An API group holds APIs. CreateApi defines one: what the consumer sends (RequestConfig and
  RequestParameters), what the gateway sends to the backend (ServiceConfig, ServiceParameters
  and their map, constants, system parameters), samples and error samples. No stage runs it
  until it is deployed.

  Documented (CreateApi doc and SDK models; reference/cloudapi-apis.md parts 4.1, 4.3, 4.8, 12):
  - GroupId, ApiName, Visibility, RequestConfig and ServiceConfig are required; the answer is
    the RequestId and the new ApiId (32 lowercase hexadecimal characters in every example).
  - "The API name must be unique in the group"; "the request path must be unique in the
    group"; ApiName has 4 to 50 characters, letters, digits, underscores or Chinese
    characters, and starts with a letter or a Chinese character.
  - Visibility is PUBLIC or PRIVATE. The documents are JSON strings; the nine big ones
    travel in the form body with the SDKs, in the query with the classic clients.
  - A Mock backend is ServiceConfig.Mock "TRUE" with MockResult, MockStatusCode, MockHeaders.
  Inferred (templates of the service's codes; reference part 8): Missing<Param> for a missing
  required parameter, InvalidApiName for a bad name, RepeatedApiName and RepeatedApiPath for
  a clash in the group, Invalid<Document> naming the member for a malformed document or an
  unknown enumeration value, NotFoundApiGroup for a group that does not exist.

  Background:
    Given an API group named "weather_group"

  @documented
  Scenario: A Mock-backend API is created and answered with its ApiId
    When I create the Mock-backend API "forecast" in the API group "weather_group"
    Then the request succeeds
    And the response field "ApiId" is 32 lowercase hexadecimal characters
    And the response matches the snapshot "created"

  @documented
  Scenario: The HTTP-backend API is defined exactly as sent
    When I create an API in the API group "weather_group" with:
      | parameter            | value |
      | ApiName              | weather |
      | Visibility           | PRIVATE |
      | AuthType             | APP |
      | Description          | today's forecast for a city |
      | ResultType           | JSON |
      | ResultSample         | {"city":"hangzhou","forecast":"sunny"} |
      | RequestConfig        | {"RequestProtocol":"HTTP","RequestHttpMethod":"POST","RequestPath":"/weather/[city]","RequestMode":"MAPPING","BodyFormat":"FORM"} |
      | ServiceConfig        | {"ServiceProtocol":"HTTP","ServiceAddress":"http://backend.example.com:8080","ServicePath":"/v1/forecast/[cityName]","ServiceHttpMethod":"POST","ServiceTimeout":3000,"ContentTypeCatagory":"CLIENT","Mock":"FALSE","ServiceVpcEnable":"FALSE"} |
      | RequestParameters    | [{"ApiParameterName":"city","Location":"PATH","ParameterType":"String","Required":"REQUIRED","Description":"the city"},{"ApiParameterName":"days","Location":"QUERY","ParameterType":"Int","Required":"OPTIONAL","DefaultValue":"3","MinValue":1,"MaxValue":14},{"ApiParameterName":"X-Trace-Id","Location":"HEAD","ParameterType":"String","Required":"OPTIONAL"},{"ApiParameterName":"note","Location":"BODY","ParameterType":"String","Required":"OPTIONAL","MaxLength":200}] |
      | ServiceParameters    | [{"ServiceParameterName":"cityName","Location":"PATH","ParameterType":"STRING","ParameterCatalog":"REQUEST"},{"ServiceParameterName":"days","Location":"QUERY","ParameterType":"NUMBER","ParameterCatalog":"REQUEST"},{"ServiceParameterName":"X-Trace-Id","Location":"HEAD","ParameterType":"STRING","ParameterCatalog":"REQUEST"},{"ServiceParameterName":"note","Location":"BODY","ParameterType":"STRING","ParameterCatalog":"REQUEST"}] |
      | ServiceParametersMap | [{"ServiceParameterName":"cityName","RequestParameterName":"city"},{"ServiceParameterName":"days","RequestParameterName":"days"},{"ServiceParameterName":"X-Trace-Id","RequestParameterName":"X-Trace-Id"},{"ServiceParameterName":"note","RequestParameterName":"note"}] |
      | ConstantParameters   | [{"ServiceParameterName":"apiVersion","ConstantValue":"2","Location":"HEAD","Description":"the backend's API version"}] |
      | SystemParameters     | [{"ParameterName":"CaClientIp","ServiceParameterName":"clientIp","Location":"HEAD"}] |
      | ErrorCodeSamples     | [{"Code":"400","Message":"Missing the parameter city","Description":"city is required"}] |
    Then the request succeeds
    When I describe the API "weather"
    Then the request succeeds
    And the response at "RequestConfig.RequestPath" is "/weather/[city]"
    And the response at "ServiceConfig.ServiceAddress" is "http://backend.example.com:8080"
    And the response at "ServiceConfig.ServiceTimeout" is the JSON number 3000
    And the response at "RequestParameters.RequestParameter" holds 4 items
    And the response at "ServiceParametersMap.ServiceParameterMap" holds 4 items
    And the response at "ConstantParameters.ConstantParameter[0].ConstantValue" is "2"
    And the response at "SystemParameters.SystemParameter[0].ParameterName" is "CaClientIp"
    And the response matches the snapshot "http-backend-described"

  @documented
  Scenario: The documents may travel in a form body
    Given requests carry their parameters in a form body
    When I create the HTTP-backend API "weather_form" in the API group "weather_group"
    Then the request succeeds
    When I describe the API "weather_form"
    Then the response at "RequestConfig.RequestPath" is "/weather/[city]"
    And the response at "RequestParameters.RequestParameter" holds 4 items

  @documented
  Scenario: The documents may travel in the query, as the classic clients send them
    Given requests are signed with v2
    And requests carry their parameters in the query
    When I create the HTTP-backend API "weather_query" in the API group "weather_group"
    Then the request succeeds
    When I describe the API "weather_query"
    Then the response at "ServiceConfig.ServicePath" is "/v1/forecast/[cityName]"

  @inferred
  Scenario Outline: <parameter> is required
    When I create the Mock-backend API "incomplete" in the API group "weather_group" with:
      | parameter   | value    |
      | <parameter> | (absent) |
    Then the request fails with "<code>"

    Examples:
      | parameter     | code                 |
      | ApiName       | MissingApiName       |
      | Visibility    | MissingVisibility    |
      | RequestConfig | MissingRequestConfig |
      | ServiceConfig | MissingServiceConfig |

  @inferred
  Scenario: GroupId is required
    When I call CreateApi with:
      | parameter     | value |
      | ApiName       | no_group |
      | Visibility    | PRIVATE |
      | RequestConfig | {"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/no_group","RequestMode":"PASSTHROUGH"} |
      | ServiceConfig | {"ServiceProtocol":"HTTP","ServiceTimeout":1000,"Mock":"TRUE","MockResult":"ok"} |
    Then the request fails with "MissingGroupId"
    And the response matches the snapshot "missing-group-id"

  @documented
  Scenario: A group that does not exist is not found
    When I create the Mock-backend API "orphan" in the API group "0123456789abcdef0123456789abcdef"
    Then the request fails with "NotFoundApiGroup"

  @inferred
  Scenario: Two APIs of a group may not share a name
    Given the Mock-backend API "forecast" in the API group "weather_group"
    When I create the Mock-backend API "forecast" in the API group "weather_group" with:
      | parameter     | value |
      | RequestConfig | {"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/another_path","RequestMode":"PASSTHROUGH"} |
    Then the request fails with "RepeatedApiName"
    And the response matches the snapshot "repeated-name"

  @inferred
  Scenario: Two APIs of a group may not share a request path
    Given the Mock-backend API "forecast" in the API group "weather_group"
    When I create the Mock-backend API "forecast_again" in the API group "weather_group" with:
      | parameter     | value |
      | RequestConfig | {"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/forecast","RequestMode":"PASSTHROUGH"} |
    Then the request fails with "RepeatedApiPath"
    And the response matches the snapshot "repeated-path"

  @inferred
  Scenario: The same name and path are free in another group
    Given an API group named "other_group"
    And the Mock-backend API "forecast" in the API group "weather_group"
    When I create the Mock-backend API "forecast" in the API group "other_group"
    Then the request succeeds

  @inferred @exact-names
  Scenario Outline: An API name breaking the rule is refused: <why>
    When I create the Mock-backend API "<name>" in the API group "weather_group"
    Then the request fails with "InvalidApiName"

    Examples:
      | why                      | name                                                |
      | three characters         | abc                                                 |
      | a digit first            | 1forecast                                           |
      | an underscore first      | _forecast                                           |
      | a hyphen inside          | fore-cast                                           |
      | fifty-one characters     | abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijk |

  @inferred @exact-names
  Scenario Outline: An API name within the rule is accepted: <why>
    When I create the Mock-backend API "<name>" in the API group "weather_group"
    Then the request succeeds

    Examples:
      | why                      | name                                               |
      | four characters          | abcd                                               |
      | fifty characters         | abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij |
      | Chinese characters       | 天气预报                                            |

  @documented
  Scenario Outline: Visibility is PUBLIC or PRIVATE: <value>
    When I create the Mock-backend API "visible_<value>" in the API group "weather_group" with:
      | parameter  | value   |
      | Visibility | <value> |
    Then the request succeeds

    Examples:
      | value   |
      | PUBLIC  |
      | PRIVATE |

  @inferred
  Scenario: Any other visibility is refused
    When I create the Mock-backend API "visible_to_all" in the API group "weather_group" with:
      | parameter  | value    |
      | Visibility | EVERYONE |
    Then the request fails with "InvalidVisibility"

  @inferred
  Scenario: A RequestConfig that is not JSON is refused, naming the document
    When I create the Mock-backend API "broken" in the API group "weather_group" with:
      | parameter     | value                    |
      | RequestConfig | {"RequestProtocol":"HTTP" |
    Then the request fails with "InvalidRequestConfig"
    And the error message names "RequestConfig"
    And the response matches the snapshot "malformed-request-config"

  @inferred
  Scenario Outline: A RequestConfig without <member> is refused, naming it
    When I create the Mock-backend API "incomplete" in the API group "weather_group" with:
      | parameter     | value      |
      | RequestConfig | <document> |
    Then the request fails with "InvalidRequestConfig"
    And the error message names "<member>"

    Examples:
      | member            | document                                                                               |
      | RequestProtocol   | {"RequestHttpMethod":"GET","RequestPath":"/incomplete","RequestMode":"PASSTHROUGH"}      |
      | RequestHttpMethod | {"RequestProtocol":"HTTP","RequestPath":"/incomplete","RequestMode":"PASSTHROUGH"}       |
      | RequestPath       | {"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestMode":"PASSTHROUGH"}         |
      | RequestMode       | {"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/incomplete"}         |

  @inferred
  Scenario Outline: An unknown <member> is refused, naming it
    When I create the Mock-backend API "unknown_value" in the API group "weather_group" with:
      | parameter   | value      |
      | <parameter> | <document> |
    Then the request fails with "<code>"
    And the error message names "<member>"

    Examples:
      | parameter     | code                 | member            | document |
      | RequestConfig | InvalidRequestConfig | RequestHttpMethod | {"RequestProtocol":"HTTP","RequestHttpMethod":"FETCH","RequestPath":"/unknown_value","RequestMode":"PASSTHROUGH"} |
      | RequestConfig | InvalidRequestConfig | RequestMode       | {"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/unknown_value","RequestMode":"MIRROR"} |
      | ServiceConfig | InvalidServiceConfig | ServiceProtocol   | {"ServiceProtocol":"CARRIER_PIGEON","ServiceTimeout":1000} |

  @inferred
  Scenario: A ServiceConfig without ServiceTimeout is refused, naming it
    When I create the Mock-backend API "no_timeout" in the API group "weather_group" with:
      | parameter     | value                                                          |
      | ServiceConfig | {"ServiceProtocol":"HTTP","Mock":"TRUE","MockResult":"ok"}      |
    Then the request fails with "InvalidServiceConfig"
    And the error message names "ServiceTimeout"

  @inferred
  Scenario: Request parameters that are not a JSON list are refused, naming the document
    When I create the HTTP-backend API "weather_broken" in the API group "weather_group" with:
      | parameter         | value             |
      | RequestParameters | [{"ApiParameterName": |
    Then the request fails with "InvalidRequestParameters"
    And the error message names "RequestParameters"

  @inferred
  Scenario: Document keys are matched in any case, and numbers may come as strings
    When I create the Mock-backend API "camel_case" in the API group "weather_group" with:
      | parameter     | value |
      | RequestConfig | {"requestProtocol":"HTTP","requestHttpMethod":"GET","requestPath":"/camel_case","requestMode":"PASSTHROUGH","bodyFormat":""} |
      | ServiceConfig | {"serviceProtocol":"HTTP","serviceAddress":"http://www.aliyun.com","serviceHttpMethod":"GET","servicePath":"/mock","serviceTimeout":"30","mock":"TRUE","mockResult":"camel","mockStatusCode":"201"} |
    Then the request succeeds
    When I describe the API "camel_case"
    Then the response at "RequestConfig.RequestPath" is "/camel_case"
    And the response at "ServiceConfig.ServiceTimeout" is the JSON number 30
    And the response at "ServiceConfig.MockStatusCode" is the JSON number 201
    And the response at "ServiceConfig.Mock" is "TRUE"
