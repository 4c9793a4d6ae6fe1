@apis
Feature: The lifecycle terraform's alicloud provider drives for an API
  resource "alicloud_api_gateway_api" (terraform-provider-alicloud,
  resource_alicloud_api_gateway_api.go, extension_api_gateway.go; reference/cloudapi-apis.md
  parts 4.2, 4.6, 4.7 and 9), with the classic Go SDK (V2 signatures):
  1. Create: CreateApi with camelCase documents, every constant and system parameter written
     in the catalog encoding (into RequestParameters, ServiceParameters with
     parameterCatalog CONSTANT or SYSTEM, and ServiceParametersMap), Visibility PRIVATE,
     ResultType JSON, ResultSample "Result Sample", AllowSignatureMethod HmacSHA256,
     WebSocketApiType COMMON; then for each of stage_names: DeployApi (Description
     "Terraform Deploy") and DescribeDeployedApi, which must succeed.
  2. Read: DescribeApi (ApiId, GroupId); the service type is MOCK when ServiceConfig.Mock is
     "TRUE", HTTP-VPC when ServiceVpcEnable is "TRUE", else HTTP; request_parameters are
     walked from ServiceParametersMap, constants and system parameters read from their lists.
  3. Update: ModifyApi with the whole definition, every parameter in the query; then
     re-deploy every listed stage and abolish the stages removed from the list.
  4. Delete: AbolishApi for each listed stage, DescribeDeployedApi (not found is fine),
     DeleteApi (NotFoundApi counts as success), then DescribeApi polled without sleeping
     until NotFoundApi.
  Its acceptance test (TestAccAliCloudApigatewayApi_param) expects one request parameter,
  one constant and one system parameter back from a definition that sent three (inferred:
  the service splits the catalog entries out).

  Background:
    Given requests are signed with v2
    And requests carry their parameters in the query
    And an API group named "tf_testacc_group"

  @documented
  Scenario: An HTTP backend with path, query, header and body parameters, a constant and a system parameter
    When I create an API in the API group "tf_testacc_group" with:
      | parameter            | value |
      | ApiName              | tf_testacc_http |
      | Description          | tf-testacc-api description |
      | AuthType             | APP |
      | Visibility           | PRIVATE |
      | ResultType           | JSON |
      | ResultSample         | Result Sample |
      | AllowSignatureMethod | HmacSHA256 |
      | WebSocketApiType     | COMMON |
      | BackendEnable        | false |
      | ForceNonceCheck      | true |
      | RequestConfig        | {"requestProtocol":"HTTP","requestHttpMethod":"POST","requestPath":"/weather/[city]","requestMode":"MAPPING","bodyFormat":"FORM"} |
      | ServiceConfig        | {"serviceProtocol":"HTTP","serviceAddress":"http://backend.example.com","serviceHttpMethod":"POST","servicePath":"/forecast/[city]","serviceTimeout":20,"contentTypeCatagory":"CLIENT","contentTypeValue":"","mock":"FALSE","mockResult":"","serviceVpcEnable":"FALSE","functionComputeConfig":{"fcRegionId":"","functionName":"","serviceName":"","roleArn":"","fcType":"","path":"","method":"","onlyBusinessPath":false,"qualifier":"","fcBaseUrl":""},"vpcConfig":{"name":"","vpcScheme":""},"aoneAppName":""} |
      | RequestParameters    | [{"parameterType":"STRING","name":"city","apiParameterName":"city","description":"the city","location":"PATH","required":"REQUIRED","defaultValue":""},{"parameterType":"INT","name":"days","apiParameterName":"days","description":"days ahead","location":"QUERY","required":"OPTIONAL","defaultValue":"1"},{"parameterType":"STRING","name":"traceId","apiParameterName":"X-Trace-Id","description":"a trace id","location":"HEAD","required":"OPTIONAL","defaultValue":""},{"parameterType":"STRING","name":"note","apiParameterName":"note","description":"a note","location":"BODY","required":"OPTIONAL","defaultValue":""},{"parameterType":"String","name":"version","apiParameterName":"version","description":"constant version","location":"HEAD","required":"REQUIRED","defaultValue":"2"},{"parameterType":"String","name":"clientIP","apiParameterName":"CaClientIp","description":"","location":"HEAD","required":"REQUIRED","defaultValue":""}] |
      | ServiceParameters    | [{"serviceParameterName":"city","location":"PATH","parameterType":"STRING","parameterCatalog":"REQUEST"},{"serviceParameterName":"days","location":"QUERY","parameterType":"INT","parameterCatalog":"REQUEST"},{"serviceParameterName":"traceId","location":"HEAD","parameterType":"STRING","parameterCatalog":"REQUEST"},{"serviceParameterName":"note","location":"BODY","parameterType":"STRING","parameterCatalog":"REQUEST"},{"serviceParameterName":"version","location":"HEAD","parameterType":"STRING","parameterCatalog":"CONSTANT"},{"serviceParameterName":"clientIP","location":"HEAD","parameterType":"STRING","parameterCatalog":"SYSTEM"}] |
      | ServiceParametersMap | [{"requestParameterName":"city","serviceParameterName":"city"},{"requestParameterName":"days","serviceParameterName":"days"},{"requestParameterName":"X-Trace-Id","serviceParameterName":"traceId"},{"requestParameterName":"note","serviceParameterName":"note"},{"requestParameterName":"version","serviceParameterName":"version"},{"requestParameterName":"CaClientIp","serviceParameterName":"clientIP"}] |
    Then the request succeeds
    When I deploy the API "tf_testacc_http" to RELEASE with the remark "Terraform Deploy"
    Then the request succeeds
    When I read the API "tf_testacc_http" as deployed in RELEASE
    Then the request succeeds
    When I deploy the API "tf_testacc_http" to TEST with the remark "Terraform Deploy"
    And I read the API "tf_testacc_http" as deployed in TEST
    Then the request succeeds
    # Read
    When I describe the API "tf_testacc_http"
    Then the request succeeds
    And the response at "ServiceConfig.Mock" is "FALSE"
    And the response at "ServiceConfig.ServiceVpcEnable" is "FALSE"
    And the response at "ServiceConfig.ServiceTimeout" is the JSON number 20
    And the response at "RequestConfig.RequestPath" is "/weather/[city]"
    And the response at "ServiceParametersMap.ServiceParameterMap" holds 4 items
    And the response at "RequestParameters.RequestParameter" holds 4 items
    And the response at "ConstantParameters.ConstantParameter[0].ServiceParameterName" is "version"
    And the response at "ConstantParameters.ConstantParameter[0].ConstantValue" is "2"
    And the response at "ConstantParameters.ConstantParameter[0].Location" is "HEAD"
    And the response at "SystemParameters.SystemParameter[0].ParameterName" is "CaClientIp"
    And the response at "SystemParameters.SystemParameter[0].ServiceParameterName" is "clientIP"
    And the response at "ForceNonceCheck" is the JSON boolean true
    And the API "tf_testacc_http" is deployed in "RELEASE, TEST"
    And the response matches the snapshot "http-read"
    # Update: the whole definition again, then re-deploy RELEASE; TEST left the list
    When I modify the API "tf_testacc_http" with:
      | parameter     | value |
      | Description   | tf-testacc-api description updated |
      | ServiceConfig | {"serviceProtocol":"HTTP","serviceAddress":"http://backend.example.com","serviceHttpMethod":"POST","servicePath":"/v2/forecast/[city]","serviceTimeout":30,"contentTypeCatagory":"CLIENT","contentTypeValue":"","mock":"FALSE","mockResult":"","serviceVpcEnable":"FALSE","functionComputeConfig":{"fcRegionId":"","functionName":"","serviceName":"","roleArn":"","fcType":"","path":"","method":"","onlyBusinessPath":false,"qualifier":"","fcBaseUrl":""},"vpcConfig":{"name":"","vpcScheme":""},"aoneAppName":""} |
    Then the request succeeds
    When I read the API "tf_testacc_http" as deployed in RELEASE
    Then the response at "ServiceConfig.ServicePath" is "/forecast/[city]"
    When I deploy the API "tf_testacc_http" to RELEASE with the remark "Terraform Deploy"
    And I read the API "tf_testacc_http" as deployed in RELEASE
    Then the request succeeds
    And the response at "ServiceConfig.ServicePath" is "/v2/forecast/[city]"
    And the response at "ServiceConfig.ServiceTimeout" is the JSON number 30
    When I abolish the API "tf_testacc_http" from TEST
    Then the request succeeds
    And the API "tf_testacc_http" is deployed in "RELEASE"
    # Delete
    When I abolish the API "tf_testacc_http" from RELEASE
    Then the request succeeds
    When I read the API "tf_testacc_http" as deployed in RELEASE
    Then the request fails with a not-found code terraform recognises
    When I delete the API "tf_testacc_http"
    Then the request succeeds
    And the API "tf_testacc_http" does not exist

  @documented
  Scenario: A Mock backend, deployed to RELEASE, updated and destroyed
    When I create an API in the API group "tf_testacc_group" with:
      | parameter            | value |
      | ApiName              | tf_testacc_mock |
      | Description          | a mocked API |
      | AuthType             | ANONYMOUS |
      | Visibility           | PRIVATE |
      | ResultType           | JSON |
      | ResultSample         | Result Sample |
      | AllowSignatureMethod | HmacSHA256 |
      | WebSocketApiType     | COMMON |
      | BackendEnable        | false |
      | RequestConfig        | {"requestProtocol":"HTTP","requestHttpMethod":"GET","requestPath":"/mocked","requestMode":"MAPPING","bodyFormat":""} |
      | ServiceConfig        | {"serviceProtocol":"HTTP","serviceAddress":"http://www.aliyun.com","serviceHttpMethod":"GET","servicePath":"","serviceTimeout":30,"contentTypeCatagory":"CLIENT","contentTypeValue":"","mock":"TRUE","mockResult":"mocked result","serviceVpcEnable":"FALSE","functionComputeConfig":{"fcRegionId":"","functionName":"","serviceName":"","roleArn":"","fcType":"","path":"","method":"","onlyBusinessPath":false,"qualifier":"","fcBaseUrl":""},"vpcConfig":{"name":"","vpcScheme":""},"aoneAppName":""} |
      | RequestParameters    | [] |
      | ServiceParameters    | [] |
      | ServiceParametersMap | [] |
    Then the request succeeds
    When I deploy the API "tf_testacc_mock" to RELEASE with the remark "Terraform Deploy"
    And I read the API "tf_testacc_mock" as deployed in RELEASE
    Then the request succeeds
    And the response field "StageName" is "RELEASE"
    And the response at "ServiceConfig.Mock" is "TRUE"
    And the response at "ServiceConfig.MockResult" is "mocked result"
    And the response matches the snapshot "mock-deployed"
    When I describe the API "tf_testacc_mock"
    Then the response at "ServiceConfig.Mock" is "TRUE"
    And the response at "Mock" is "OPEN"
    When I modify the API "tf_testacc_mock" with:
      | parameter     | value |
      | ServiceConfig | {"serviceProtocol":"HTTP","serviceAddress":"http://www.aliyun.com","serviceHttpMethod":"GET","servicePath":"","serviceTimeout":30,"contentTypeCatagory":"CLIENT","contentTypeValue":"","mock":"TRUE","mockResult":"mocked again","serviceVpcEnable":"FALSE","functionComputeConfig":{"fcRegionId":"","functionName":"","serviceName":"","roleArn":"","fcType":"","path":"","method":"","onlyBusinessPath":false,"qualifier":"","fcBaseUrl":""},"vpcConfig":{"name":"","vpcScheme":""},"aoneAppName":""} |
    And I deploy the API "tf_testacc_mock" to RELEASE with the remark "Terraform Deploy"
    And I read the API "tf_testacc_mock" as deployed in RELEASE
    Then the response at "ServiceConfig.MockResult" is "mocked again"
    When I abolish the API "tf_testacc_mock" from RELEASE
    And I read the API "tf_testacc_mock" as deployed in RELEASE
    Then the request fails with a not-found code terraform recognises
    When I delete the API "tf_testacc_mock"
    Then the request succeeds
    When I delete the API "tf_testacc_mock"
    Then the request fails with "NotFoundApi"
    And the API "tf_testacc_mock" does not exist

  @inferred
  Scenario: An import finds the stages an API runs in, and none for one never deployed
    Given the Mock-backend API "tf_testacc_imported" in the API group "tf_testacc_group"
    And the API "tf_testacc_imported" is deployed to PRE
    When I read the API "tf_testacc_imported" as deployed in RELEASE
    Then the request fails with "NotFoundStage"
    When I read the API "tf_testacc_imported" as deployed in PRE
    Then the request succeeds
    When I read the API "tf_testacc_imported" as deployed in TEST
    Then the request fails with "NotFoundStage"
