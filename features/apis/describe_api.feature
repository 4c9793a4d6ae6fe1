@apis
Feature: Read an API's definition
  DescribeApi answers the definition being edited (the draft), which may differ from what a
  stage runs. Its documents come back as nested objects, in PascalCase, with the wrappers of
  the SDK models.

  Documented (DescribeApi SDK model; terraform-provider-alicloud resource_alicloud_api_gateway_api.go;
  reference/cloudapi-apis.md parts 4.4, 4.8, 9 and 12):
  - Lists are wrapped: RequestParameters.RequestParameter[], ServiceParameters.ServiceParameter[],
    ServiceParametersMap.ServiceParameterMap[], ConstantParameters.ConstantParameter[],
    SystemParameters.SystemParameter[], ErrorCodeSamples.ErrorCodeSample[],
    DeployedInfos.DeployedInfo[], TagList.Tag[], ServiceConfig.MockHeaders.MockHeader[].
  - ServiceConfig.Mock and ServiceConfig.ServiceVpcEnable are the strings "TRUE"/"FALSE"
    (terraform picks its service type by comparing them with "TRUE"); the top-level Mock is
    OPEN or CLOSED; ServiceTimeout and MockStatusCode are numbers; ForceNonceCheck,
    DisableInternet and BackendEnable are booleans.
  - DeployedStatus is DEPLOYED or NONDEPLOYED; an unknown ApiId is NotFoundApi (terraform
    maps it to "gone").
  Inferred: DeployedInfos lists RELEASE, PRE and TEST always; a constant or system parameter
  sent in the catalog encoding (terraform's) comes back only under ConstantParameters and
  SystemParameters (part 4.2); MissingApiId without an ApiId.

  Background:
    Given an API group named "read_group"

  @documented
  Scenario: The Mock-backend definition, with the types the SDKs and terraform read
    Given the Mock-backend API "forecast" in the API group "read_group"
    When I describe the API "forecast"
    Then the request succeeds
    And the response at "ServiceConfig.Mock" is "TRUE"
    And the response at "Mock" is "OPEN"
    And the response at "ServiceConfig.MockStatusCode" is the JSON number 200
    And the response at "ServiceConfig.ServiceTimeout" is the JSON number 10000
    And the response at "ServiceConfig.MockHeaders.MockHeader[0].HeaderName" is "Content-Type"
    And the response at "ForceNonceCheck" is the JSON boolean false
    And the response at "DisableInternet" is the JSON boolean false
    And the response matches the snapshot "mock-backend"

  @documented
  Scenario: The HTTP-backend definition says its backend is neither Mock nor VPC
    Given the HTTP-backend API "weather" in the API group "read_group"
    When I describe the API "weather"
    Then the request succeeds
    And the response at "ServiceConfig.Mock" is "FALSE"
    And the response at "ServiceConfig.ServiceVpcEnable" is "FALSE"
    And the response at "Mock" is "CLOSED"
    And the response at "RequestParameters.RequestParameter[0].Location" is "PATH"
    And the response at "RequestParameters.RequestParameter[1].MaxValue" is the JSON number 14
    And the response at "ErrorCodeSamples.ErrorCodeSample[0].Code" is "400"
    And the response matches the snapshot "http-backend"

  @inferred
  Scenario: A new API is deployed in no stage
    Given the Mock-backend API "forecast" in the API group "read_group"
    When I describe the API "forecast"
    Then the response at "DeployedInfos.DeployedInfo" holds 3 items
    And the API "forecast" is deployed in "none"

  @documented
  Scenario Outline: An API id nobody has is not found: <id>
    When I call DescribeApi with:
      | parameter | value |
      | ApiId     | <id>  |
    Then the request fails with "NotFoundApi"

    Examples:
      | id                               |
      | 0123456789abcdef0123456789abcdef |
      | not-an-api-id                    |

  @documented
  Scenario: The message of NotFoundApi, as terraform's read sees it
    When I call DescribeApi with:
      | parameter | value                            |
      | ApiId     | 0123456789abcdef0123456789abcdef |
    Then the request fails with "NotFoundApi"
    And the response matches the snapshot "not-found"

  @inferred
  Scenario: DescribeApi needs an ApiId
    When I call DescribeApi
    Then the request fails with "MissingApiId"

  @documented
  Scenario: DescribeApi with the GroupId of a group that does not exist
    Given the Mock-backend API "forecast" in the API group "read_group"
    When I call DescribeApi with:
      | parameter | value                            |
      | ApiId     | {api:forecast}                   |
      | GroupId   | 0123456789abcdef0123456789abcdef |
    Then the request fails with "NotFoundApiGroup"

  @inferred
  Scenario: Constants and system parameters in the catalog encoding come back on their own
    When I create an API in the API group "read_group" with:
      | parameter            | value |
      | ApiName              | catalog_encoded |
      | Visibility           | PRIVATE |
      | AuthType             | APP |
      | RequestConfig        | {"RequestProtocol":"HTTP","RequestHttpMethod":"GET","RequestPath":"/catalog/[city]","RequestMode":"MAPPING"} |
      | ServiceConfig        | {"ServiceProtocol":"HTTP","ServiceAddress":"http://backend.example.com","ServicePath":"/catalog/[city]","ServiceHttpMethod":"GET","ServiceTimeout":1000,"Mock":"FALSE","ServiceVpcEnable":"FALSE"} |
      | RequestParameters    | [{"ApiParameterName":"city","Location":"PATH","ParameterType":"String","Required":"REQUIRED"},{"ApiParameterName":"version","Location":"HEAD","ParameterType":"String","Required":"REQUIRED","DefaultValue":"2","Description":"the version"},{"ApiParameterName":"CaClientIp","Location":"HEAD","ParameterType":"String","Required":"REQUIRED"}] |
      | ServiceParameters    | [{"ServiceParameterName":"city","Location":"PATH","ParameterType":"STRING","ParameterCatalog":"REQUEST"},{"ServiceParameterName":"version","Location":"HEAD","ParameterType":"STRING","ParameterCatalog":"CONSTANT"},{"ServiceParameterName":"clientIP","Location":"HEAD","ParameterType":"STRING","ParameterCatalog":"SYSTEM"}] |
      | ServiceParametersMap | [{"ServiceParameterName":"city","RequestParameterName":"city"},{"ServiceParameterName":"version","RequestParameterName":"version"},{"ServiceParameterName":"clientIP","RequestParameterName":"CaClientIp"}] |
    Then the request succeeds
    When I describe the API "catalog_encoded"
    Then the response at "RequestParameters.RequestParameter" holds 1 item
    And the response at "ServiceParameters.ServiceParameter" holds 1 item
    And the response at "ServiceParametersMap.ServiceParameterMap" holds 1 item
    And the response at "ConstantParameters.ConstantParameter[0].ServiceParameterName" is "version"
    And the response at "ConstantParameters.ConstantParameter[0].ConstantValue" is "2"
    And the response at "SystemParameters.SystemParameter[0].ParameterName" is "CaClientIp"
    And the response at "SystemParameters.SystemParameter[0].ServiceParameterName" is "clientIP"
    And the response matches the snapshot "catalog-split"

  @documented
  Scenario: DescribeApi answers in XML, its lists as repeated elements
    Given requests are signed with v2
    And responses are asked for in XML
    And the Mock-backend API "forecast_xml" in the API group "read_group"
    When I describe the API "forecast_xml"
    Then the request succeeds
    And the response is XML
    And the response matches the snapshot "mock-backend-xml"
