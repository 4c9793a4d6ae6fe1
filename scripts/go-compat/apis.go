package main

// APIs and stages, through the typed requests of both Go SDKs (python_sdks.py and
// node_sdks.js hold the same scenario): an API with a Mock backend and one with an HTTP
// backend (path, query, header and body parameters, a constant, a system parameter),
// deployed to RELEASE and TEST, the deployed copy read, modified and re-deployed, abolished,
// deleted. The classic SDK is the one Terraform's provider uses: CreateApi with its nine
// documents in the form body, ModifyApi with everything in the query.

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"

	teaapi "github.com/alibabacloud-go/cloudapi-20160714/v5/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cloudapi"
)

// apiDef is a definition by its wire names (ApiName, RequestConfig ...), each a field of
// both SDKs' CreateApi and ModifyApi requests.
type apiDef map[string]string

// apiView is what both SDKs answer for an API, reduced to what the checks compare; it is
// read from the SDK's own typed answer (which failed already if a type was wrong).
type apiView struct {
	ApiId, ApiName, Description, Mock, StageName, DeployedTime string
	RequestConfig                                              struct{ RequestPath, RequestHttpMethod string }
	ServiceConfig                                              struct {
		ServiceAddress, Mock, MockResult string
		ServiceTimeout, MockStatusCode   int
		MockHeaders                      struct {
			MockHeader []struct{ HeaderName, HeaderValue string }
		}
	}
	RequestParameters struct {
		RequestParameter []struct{ ApiParameterName, Location string }
	}
	ConstantParameters struct {
		ConstantParameter []struct{ ServiceParameterName, ConstantValue, Location string }
	}
	SystemParameters struct {
		SystemParameter []struct{ ParameterName, ServiceParameterName, Location string }
	}
	DeployedInfos struct {
		DeployedInfo []struct{ StageName, DeployedStatus string }
	}
}

func viewOf(typed interface{}) (apiView, error) {
	var v apiView
	text, err := json.Marshal(typed)
	if err == nil {
		err = json.Unmarshal(text, &v)
	}
	return v, err
}

func (v apiView) deployed() []string {
	out := []string{}
	for _, i := range v.DeployedInfos.DeployedInfo {
		if i.DeployedStatus == "DEPLOYED" {
			out = append(out, i.StageName)
		}
	}
	sort.Strings(out)
	return out
}

func (v apiView) params() []string {
	out := []string{}
	for _, p := range v.RequestParameters.RequestParameter {
		out = append(out, p.ApiParameterName+" "+p.Location)
	}
	sort.Strings(out)
	return out
}

type apiClient interface {
	createApi(groupID string, d apiDef) (string, error)
	modifyApi(groupID, apiID string, d apiDef) error
	describeApi(groupID, apiID string) (apiView, error)
	deploy(groupID, apiID, stage, remark string) error
	describeDeployed(groupID, apiID, stage string) (apiView, error)
	abolish(groupID, apiID, stage string) error
	deleteApi(groupID, apiID string) error
}

// fill sets the request's fields named by the definition: string fields (classic) or
// *string fields (Tea).
func fill(request interface{}, d apiDef) {
	v := reflect.ValueOf(request).Elem()
	for name, value := range d {
		f := v.FieldByName(name)
		switch {
		case !f.IsValid():
			panic("no field " + name + " in " + v.Type().String())
		case f.Kind() == reflect.String:
			f.SetString(value)
		default:
			f.Set(reflect.ValueOf(tea.String(value)))
		}
	}
}

// --- the classic SDK --------------------------------------------------------------------

func (k *classic) createApi(groupID string, d apiDef) (string, error) {
	r := cloudapi.CreateCreateApiRequest()
	r.GroupId = groupID
	fill(r, d)
	resp, err := k.c.CreateApi(r)
	if err != nil {
		return "", classicError("CreateApi", err)
	}
	return resp.ApiId, nil
}

func (k *classic) modifyApi(groupID, apiID string, d apiDef) error {
	r := cloudapi.CreateModifyApiRequest()
	r.GroupId, r.ApiId = groupID, apiID
	fill(r, d)
	_, err := k.c.ModifyApi(r)
	return classicError("ModifyApi", err)
}

func (k *classic) describeApi(groupID, apiID string) (apiView, error) {
	r := cloudapi.CreateDescribeApiRequest()
	r.GroupId, r.ApiId = groupID, apiID
	resp, err := k.c.DescribeApi(r)
	if err != nil {
		return apiView{}, classicError("DescribeApi", err)
	}
	return viewOf(resp)
}

func (k *classic) deploy(groupID, apiID, stage, remark string) error {
	r := cloudapi.CreateDeployApiRequest()
	r.GroupId, r.ApiId, r.StageName, r.Description = groupID, apiID, stage, remark
	_, err := k.c.DeployApi(r)
	return classicError("DeployApi", err)
}

func (k *classic) describeDeployed(groupID, apiID, stage string) (apiView, error) {
	r := cloudapi.CreateDescribeDeployedApiRequest()
	r.GroupId, r.ApiId, r.StageName = groupID, apiID, stage
	resp, err := k.c.DescribeDeployedApi(r)
	if err != nil {
		return apiView{}, classicError("DescribeDeployedApi", err)
	}
	return viewOf(resp)
}

func (k *classic) abolish(groupID, apiID, stage string) error {
	r := cloudapi.CreateAbolishApiRequest()
	r.GroupId, r.ApiId, r.StageName = groupID, apiID, stage
	_, err := k.c.AbolishApi(r)
	return classicError("AbolishApi", err)
}

func (k *classic) deleteApi(groupID, apiID string) error {
	r := cloudapi.CreateDeleteApiRequest()
	r.GroupId, r.ApiId = groupID, apiID
	_, err := k.c.DeleteApi(r)
	return classicError("DeleteApi", err)
}

// --- the Tea SDK ------------------------------------------------------------------------

func (k *teaClient) createApi(groupID string, d apiDef) (string, error) {
	r := &teaapi.CreateApiRequest{GroupId: tea.String(groupID)}
	fill(r, d)
	resp, err := k.c.CreateApi(r)
	if err != nil {
		return "", teaError("CreateApi", err)
	}
	return tea.StringValue(resp.Body.ApiId), nil
}

func (k *teaClient) modifyApi(groupID, apiID string, d apiDef) error {
	r := &teaapi.ModifyApiRequest{GroupId: tea.String(groupID), ApiId: tea.String(apiID)}
	fill(r, d)
	_, err := k.c.ModifyApi(r)
	return teaError("ModifyApi", err)
}

func (k *teaClient) describeApi(groupID, apiID string) (apiView, error) {
	resp, err := k.c.DescribeApi(&teaapi.DescribeApiRequest{GroupId: tea.String(groupID), ApiId: tea.String(apiID)})
	if err != nil {
		return apiView{}, teaError("DescribeApi", err)
	}
	return viewOf(resp.Body)
}

func (k *teaClient) deploy(groupID, apiID, stage, remark string) error {
	_, err := k.c.DeployApi(&teaapi.DeployApiRequest{GroupId: tea.String(groupID), ApiId: tea.String(apiID),
		StageName: tea.String(stage), Description: tea.String(remark)})
	return teaError("DeployApi", err)
}

func (k *teaClient) describeDeployed(groupID, apiID, stage string) (apiView, error) {
	resp, err := k.c.DescribeDeployedApi(&teaapi.DescribeDeployedApiRequest{GroupId: tea.String(groupID),
		ApiId: tea.String(apiID), StageName: tea.String(stage)})
	if err != nil {
		return apiView{}, teaError("DescribeDeployedApi", err)
	}
	return viewOf(resp.Body)
}

func (k *teaClient) abolish(groupID, apiID, stage string) error {
	_, err := k.c.AbolishApi(&teaapi.AbolishApiRequest{GroupId: tea.String(groupID), ApiId: tea.String(apiID),
		StageName: tea.String(stage)})
	return teaError("AbolishApi", err)
}

func (k *teaClient) deleteApi(groupID, apiID string) error {
	_, err := k.c.DeleteApi(&teaapi.DeleteApiRequest{GroupId: tea.String(groupID), ApiId: tea.String(apiID)})
	return teaError("DeleteApi", err)
}

// --- the definitions and the scenario ---------------------------------------------------

func jsonText(v interface{}) string {
	text, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(text)
}

type obj = map[string]interface{}

func mockDefinition(name, result string) apiDef {
	return apiDef{
		"ApiName": name, "Visibility": "PRIVATE", "AuthType": "ANONYMOUS", "Description": "a Mock-backend API",
		"ResultType": "JSON", "ResultSample": result,
		"RequestConfig": jsonText(obj{"RequestProtocol": "HTTP,HTTPS", "RequestHttpMethod": "GET",
			"RequestPath": "/" + name, "RequestMode": "PASSTHROUGH"}),
		"ServiceConfig": jsonText(obj{"ServiceProtocol": "HTTP", "ServiceAddress": "http://www.aliyun.com",
			"ServiceHttpMethod": "GET", "ServicePath": "/mock", "ServiceTimeout": "10000", "Mock": "TRUE",
			"MockResult": result, "MockStatusCode": 200,
			"MockHeaders": []obj{{"HeaderName": "Content-Type", "HeaderValue": "application/json"}}}),
	}
}

func httpDefinition(name, address string) apiDef {
	return apiDef{
		"ApiName": name, "Visibility": "PRIVATE", "AuthType": "APP", "Description": "today's forecast for a city: 天气",
		"ResultType": "JSON", "ResultSample": `{"forecast":"sunny"}`,
		"RequestConfig": jsonText(obj{"RequestProtocol": "HTTP", "RequestHttpMethod": "POST",
			"RequestPath": "/weather/[city]", "RequestMode": "MAPPING", "BodyFormat": "FORM"}),
		"ServiceConfig": jsonText(obj{"ServiceProtocol": "HTTP", "ServiceAddress": address,
			"ServicePath": "/v1/forecast/[cityName]", "ServiceHttpMethod": "POST", "ServiceTimeout": 3000,
			"Mock": "FALSE", "ServiceVpcEnable": "FALSE"}),
		"RequestParameters": jsonText([]obj{
			{"ApiParameterName": "city", "Location": "PATH", "ParameterType": "String", "Required": "REQUIRED"},
			{"ApiParameterName": "days", "Location": "QUERY", "ParameterType": "Int", "Required": "OPTIONAL", "DefaultValue": "3"},
			{"ApiParameterName": "X-Trace-Id", "Location": "HEAD", "ParameterType": "String", "Required": "OPTIONAL"},
			{"ApiParameterName": "note", "Location": "BODY", "ParameterType": "String", "Required": "OPTIONAL"},
		}),
		"ServiceParameters": jsonText([]obj{
			{"ServiceParameterName": "cityName", "Location": "PATH", "ParameterType": "STRING", "ParameterCatalog": "REQUEST"},
			{"ServiceParameterName": "days", "Location": "QUERY", "ParameterType": "NUMBER", "ParameterCatalog": "REQUEST"},
			{"ServiceParameterName": "X-Trace-Id", "Location": "HEAD", "ParameterType": "STRING", "ParameterCatalog": "REQUEST"},
			{"ServiceParameterName": "note", "Location": "BODY", "ParameterType": "STRING", "ParameterCatalog": "REQUEST"},
		}),
		"ServiceParametersMap": jsonText([]obj{
			{"ServiceParameterName": "cityName", "RequestParameterName": "city"},
			{"ServiceParameterName": "days", "RequestParameterName": "days"},
			{"ServiceParameterName": "X-Trace-Id", "RequestParameterName": "X-Trace-Id"},
			{"ServiceParameterName": "note", "RequestParameterName": "note"},
		}),
		"ConstantParameters": jsonText([]obj{{"ServiceParameterName": "apiVersion", "ConstantValue": "2",
			"Location": "HEAD", "Description": "the backend's version"}}),
		"SystemParameters": jsonText([]obj{{"ParameterName": "CaClientIp", "ServiceParameterName": "clientIp", "Location": "HEAD"}}),
	}
}

func runApis(config string, c apiClient, groups groupClient) {
	label := strings.ReplaceAll(config, "-", "_")
	mockName, httpName := label+"_mock_api", label+"_http_api"
	s := &scenario{config: config, passed: map[string]bool{}}
	var group, mockID, httpID string
	const (
		grouped      = "CreateApiGroup for the APIs"
		mocked       = "CreateApi with a Mock backend"
		http         = "CreateApi with an HTTP backend"
		deployedMock = "DeployApi to RELEASE and TEST, then DescribeDeployedApi"
		deployedHTTP = "DeployApi the HTTP backend to RELEASE, then DescribeDeployedApi"
		abolished    = "AbolishApi from every stage, then DescribeDeployedApi raises NotFoundStage"
	)
	all := func(errs ...error) error {
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	}
	s.check(grouped, nil, func() error {
		g, err := groups.createGroup(label+"_apis", "the group of the API checks", nil)
		group = g.GroupID
		return err
	})
	s.check(mocked, []string{grouped}, func() error {
		id, err := c.createApi(group, mockDefinition(mockName, `{"forecast":"sunny"}`))
		if err != nil {
			return err
		}
		if len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
			return failf("ApiId: expected 32 lower-case hexadecimal characters, got %q", id)
		}
		mockID = id
		return nil
	})
	s.check(http, []string{grouped}, func() error {
		id, err := c.createApi(group, httpDefinition(httpName, "http://backend.example.com:8080"))
		httpID = id
		return err
	})
	s.check("DescribeApi: the Mock backend, typed as the SDK models say", []string{mocked}, func() error {
		v, err := c.describeApi(group, mockID)
		if err != nil {
			return err
		}
		headers := v.ServiceConfig.MockHeaders.MockHeader
		return all(
			expectEqual("ApiName", mockName, v.ApiName),
			expectEqual("RequestConfig.RequestPath", "/"+mockName, v.RequestConfig.RequestPath),
			expectEqual("ServiceConfig.Mock", "TRUE", v.ServiceConfig.Mock),
			expectEqual("Mock", "OPEN", v.Mock),
			expectEqual("ServiceConfig.MockResult", `{"forecast":"sunny"}`, v.ServiceConfig.MockResult),
			expectEqual("ServiceConfig.MockStatusCode", 200, v.ServiceConfig.MockStatusCode),
			expectEqual("ServiceConfig.ServiceTimeout", 10000, v.ServiceConfig.ServiceTimeout),
			expectEqual("ServiceConfig.MockHeaders", 1, len(headers)),
			expectEqual("DeployedInfos", 3, len(v.DeployedInfos.DeployedInfo)),
			expectEqual("DeployedInfos DEPLOYED", []string{}, v.deployed()),
		)
	})
	s.check("DescribeApi: path, query, header, body parameters, constant, system parameter", []string{http}, func() error {
		v, err := c.describeApi(group, httpID)
		if err != nil {
			return err
		}
		return all(
			expectEqual("RequestConfig.RequestPath", "/weather/[city]", v.RequestConfig.RequestPath),
			expectEqual("ServiceConfig.ServiceAddress", "http://backend.example.com:8080", v.ServiceConfig.ServiceAddress),
			expectEqual("ServiceConfig.Mock", "FALSE", v.ServiceConfig.Mock),
			expectEqual("ServiceConfig.ServiceTimeout", 3000, v.ServiceConfig.ServiceTimeout),
			expectEqual("RequestParameters", []string{"X-Trace-Id HEAD", "city PATH", "days QUERY", "note BODY"}, v.params()),
			expectEqual("ConstantParameters", 1, len(v.ConstantParameters.ConstantParameter)),
			expectEqual("SystemParameters", 1, len(v.SystemParameters.SystemParameter)),
			expectEqual("Description", "today's forecast for a city: 天气", v.Description),
		)
	})
	s.check(deployedMock, []string{mocked}, func() error {
		for _, stage := range []string{"RELEASE", "TEST"} {
			if err := c.deploy(group, mockID, stage, "first "+stage+" deploy"); err != nil {
				return err
			}
		}
		v, err := c.describeDeployed(group, mockID, "RELEASE")
		if err != nil {
			return err
		}
		if v.DeployedTime == "" {
			return failf("DeployedTime: expected a time")
		}
		d, err := c.describeApi(group, mockID)
		return all(err,
			expectEqual("StageName", "RELEASE", v.StageName),
			expectEqual("ServiceConfig.MockResult", `{"forecast":"sunny"}`, v.ServiceConfig.MockResult),
			expectEqual("DeployedInfos DEPLOYED", []string{"RELEASE", "TEST"}, d.deployed()))
	})
	s.check(deployedHTTP, []string{http}, func() error {
		if err := c.deploy(group, httpID, "RELEASE", "first deploy"); err != nil {
			return err
		}
		v, err := c.describeDeployed(group, httpID, "RELEASE")
		return all(err, expectEqual("RequestConfig.RequestPath", "/weather/[city]", v.RequestConfig.RequestPath),
			expectEqual("ConstantParameters", 1, len(v.ConstantParameters.ConstantParameter)))
	})
	s.check("ModifyApi changes the draft only, until DeployApi", []string{deployedMock}, func() error {
		if err := c.modifyApi(group, mockID, mockDefinition(mockName, `{"forecast":"rain"}`)); err != nil {
			return err
		}
		draft, err := c.describeApi(group, mockID)
		if err != nil {
			return err
		}
		before, err := c.describeDeployed(group, mockID, "RELEASE")
		if err != nil {
			return err
		}
		if err := c.deploy(group, mockID, "RELEASE", "second deploy"); err != nil {
			return err
		}
		after, err := c.describeDeployed(group, mockID, "RELEASE")
		if err != nil {
			return err
		}
		test, err := c.describeDeployed(group, mockID, "TEST")
		return all(err,
			expectEqual("the draft's MockResult", `{"forecast":"rain"}`, draft.ServiceConfig.MockResult),
			expectEqual("RELEASE before re-deploying", `{"forecast":"sunny"}`, before.ServiceConfig.MockResult),
			expectEqual("RELEASE after re-deploying", `{"forecast":"rain"}`, after.ServiceConfig.MockResult),
			expectEqual("TEST keeps its copy", `{"forecast":"sunny"}`, test.ServiceConfig.MockResult))
	})
	s.check("ModifyApi the HTTP backend, re-deploy", []string{deployedHTTP}, func() error {
		if err := c.modifyApi(group, httpID, httpDefinition(httpName, "http://backend-v2.example.com:8080")); err != nil {
			return err
		}
		if err := c.deploy(group, httpID, "RELEASE", "second deploy"); err != nil {
			return err
		}
		v, err := c.describeDeployed(group, httpID, "RELEASE")
		return all(err, expectEqual("ServiceConfig.ServiceAddress", "http://backend-v2.example.com:8080", v.ServiceConfig.ServiceAddress))
	})
	s.check("DeleteApi of a deployed API is refused", []string{deployedMock}, func() error {
		if err := c.deleteApi(group, mockID); err == nil {
			return failf("DeleteApi of a deployed API: expected a refusal, it succeeded")
		}
		return nil
	})
	s.check(abolished, []string{mocked, http}, func() error {
		for _, stage := range []string{"RELEASE", "TEST"} {
			if err := c.abolish(group, mockID, stage); err != nil {
				return err
			}
		}
		if err := c.abolish(group, httpID, "RELEASE"); err != nil {
			return err
		}
		_, err := c.describeDeployed(group, mockID, "RELEASE")
		if err == nil {
			return failf("DescribeDeployedApi after AbolishApi: expected NotFoundStage, it succeeded")
		}
		if err := expectCode("DescribeDeployedApi after AbolishApi", "NotFoundStage", err); err != nil {
			return err
		}
		v, err := c.describeApi(group, mockID)
		return all(err, expectEqual("DeployedInfos DEPLOYED", []string{}, v.deployed()))
	})
	s.check("DeleteApi, then DescribeApi raises NotFoundApi; DeleteApiGroup", []string{abolished}, func() error {
		for _, id := range []*string{&mockID, &httpID} {
			if err := c.deleteApi(group, *id); err != nil {
				return err
			}
			if _, err := c.describeApi(group, *id); err == nil {
				return failf("DescribeApi after DeleteApi: expected NotFoundApi, it succeeded")
			} else if err := expectCode("DescribeApi after DeleteApi", "NotFoundApi", err); err != nil {
				return err
			}
			*id = ""
		}
		err := groups.deleteGroup(group)
		if err == nil {
			group = ""
		}
		return err
	})
	// Whatever failed, leave the mock as it was: abolish, delete the APIs, then the group.
	if group != "" {
		for _, id := range []string{mockID, httpID} {
			if id == "" {
				continue
			}
			for _, stage := range []string{"RELEASE", "PRE", "TEST"} {
				_ = c.abolish(group, id, stage)
			}
			_ = c.deleteApi(group, id)
		}
		_ = groups.deleteGroup(group)
	}
}
