package main

// The classic Go SDK (github.com/aliyun/alibaba-cloud-sdk-go), the one Terraform's alicloud
// provider and the aliyun CLI are built on.

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/endpoints"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cloudapi"
)

// classicError reduces the SDK's error to an sdkError: *errors.ServerError for any answer
// outside 2xx, *errors.ClientError for what failed on this side.
func classicError(action string, err error) error {
	switch e := err.(type) {
	case *sdkerrors.ServerError:
		return &sdkError{Action: action, Code: e.ErrorCode(), Message: e.Message(), RequestID: e.RequestId(),
			Status: e.HttpStatus(), Type: fmt.Sprintf("%T", err)}
	case *sdkerrors.ClientError:
		return &sdkError{Action: action, Code: e.ErrorCode(), Message: e.Message(), Type: fmt.Sprintf("%T", err)}
	}
	return err
}

func classicConfig() *sdk.Config {
	// Terraform's provider: sdk.NewConfig()...WithScheme(protocol), protocol "HTTP" here.
	return sdk.NewConfig().WithScheme("HTTP")
}

// classic: the typed requests of services/cloudapi, as Terraform's provider makes them.
type classic struct{ c *cloudapi.Client }

func newClassic(endpoint string) (client, error) {
	// What the provider does with `endpoints { apigateway = "HOST:PORT" }`.
	if err := endpoints.AddEndpointMapping(region, "cloudapi", endpoint); err != nil {
		return nil, err
	}
	c, err := cloudapi.NewClientWithOptions(region, classicConfig(),
		credentials.NewAccessKeyCredential(accessKeyID, accessKeySecret))
	if err != nil {
		return nil, err
	}
	return &classic{c}, nil
}

func id(appID int64) requests.Integer { return requests.NewInteger64(appID) }

func (k *classic) create(name, description string, tags []tag) (int64, error) {
	r := cloudapi.CreateCreateAppRequest()
	r.AppName = name
	r.Description = description
	if len(tags) > 0 {
		ts := make([]cloudapi.CreateAppTag, 0, len(tags))
		for _, t := range tags {
			ts = append(ts, cloudapi.CreateAppTag{Key: t.Key, Value: t.Value})
		}
		r.Tag = &ts
	}
	resp, err := k.c.CreateApp(r)
	if err != nil {
		return 0, classicError("CreateApp", err)
	}
	return resp.AppId, nil
}

func (k *classic) describe(appID int64) (app, error) {
	r := cloudapi.CreateDescribeAppRequest()
	r.AppId = id(appID)
	resp, err := k.c.DescribeApp(r)
	if err != nil {
		return app{}, classicError("DescribeApp", err)
	}
	return app{AppID: resp.AppId, AppName: resp.AppName, Description: resp.Description}, nil
}

func (k *classic) attributesByName(name string) ([]app, error) {
	r := cloudapi.CreateDescribeAppAttributesRequest()
	r.AppName = name
	resp, err := k.c.DescribeAppAttributes(r)
	if err != nil {
		return nil, classicError("DescribeAppAttributes", err)
	}
	var out []app
	for _, a := range resp.Apps.AppAttribute {
		tags := map[string]string{}
		for _, t := range a.Tags.TagInfo {
			tags[t.Key] = t.Value
		}
		out = append(out, app{AppID: a.AppId, AppName: a.AppName, Description: a.Description, Tags: tags})
	}
	return out, nil
}

func (k *classic) appsByID(appID int64) ([]app, error) {
	r := cloudapi.CreateDescribeAppsRequest()
	r.AppId = id(appID)
	resp, err := k.c.DescribeApps(r)
	if err != nil {
		return nil, classicError("DescribeApps", err)
	}
	var out []app
	for _, a := range resp.Apps.AppItem {
		out = append(out, app{AppID: a.AppId, AppName: a.AppName, Description: a.Description})
	}
	return out, nil
}

func (k *classic) modify(appID int64, name, description string) error {
	r := cloudapi.CreateModifyAppRequest()
	r.AppId = id(appID)
	r.AppName = name
	r.Description = description
	_, err := k.c.ModifyApp(r)
	return classicError("ModifyApp", err)
}

func (k *classic) tag(appID int64, tags []tag) error {
	r := cloudapi.CreateTagResourcesRequest()
	r.ResourceType = "app"
	r.ResourceId = &[]string{strconv.FormatInt(appID, 10)}
	ts := make([]cloudapi.TagResourcesTag, 0, len(tags))
	for _, t := range tags {
		ts = append(ts, cloudapi.TagResourcesTag{Key: t.Key, Value: t.Value})
	}
	r.Tag = &ts
	_, err := k.c.TagResources(r)
	return classicError("TagResources", err)
}

func (k *classic) untag(appID int64, keys []string) error {
	r := cloudapi.CreateUntagResourcesRequest()
	r.ResourceType = "app"
	r.ResourceId = &[]string{strconv.FormatInt(appID, 10)}
	r.TagKey = &keys
	_, err := k.c.UntagResources(r)
	return classicError("UntagResources", err)
}

func (k *classic) listTags(appID int64) ([]tagRow, error) {
	r := cloudapi.CreateListTagResourcesRequest()
	r.ResourceType = "app"
	r.ResourceId = &[]string{strconv.FormatInt(appID, 10)}
	resp, err := k.c.ListTagResources(r)
	if err != nil {
		return nil, classicError("ListTagResources", err)
	}
	var out []tagRow
	for _, t := range resp.TagResources.TagResource {
		out = append(out, tagRow{t.ResourceId, t.ResourceType, t.TagKey, t.TagValue})
	}
	return out, nil
}

func (k *classic) security(appID int64) (keys, error) {
	r := cloudapi.CreateDescribeAppSecurityRequest()
	r.AppId = id(appID)
	resp, err := k.c.DescribeAppSecurity(r)
	if err != nil {
		return keys{}, classicError("DescribeAppSecurity", err)
	}
	return keys{resp.AppKey, resp.AppSecret, resp.AppCode}, nil
}

func (k *classic) resetSecret(appKey string) error {
	r := cloudapi.CreateResetAppSecretRequest()
	r.AppKey = appKey
	_, err := k.c.ResetAppSecret(r)
	return classicError("ResetAppSecret", err)
}

func (k *classic) delete(appID int64) error {
	r := cloudapi.CreateDeleteAppRequest()
	r.AppId = id(appID)
	_, err := k.c.DeleteApp(r)
	return classicError("DeleteApp", err)
}

// common: the SDK's CommonRequest, as the aliyun CLI builds every RPC call: product, version
// and action by name, the endpoint as Domain, parameters flattened by the caller
// (Tag.1.Key=...), the answer as raw JSON.
type common struct {
	c        *sdk.Client
	endpoint string
}

func newCommon(endpoint string) (client, error) {
	c, err := sdk.NewClientWithOptions(region, classicConfig(),
		credentials.NewAccessKeyCredential(accessKeyID, accessKeySecret))
	if err != nil {
		return nil, err
	}
	return &common{c, endpoint}, nil
}

func (k *common) call(action string, params map[string]string, into interface{}) error {
	r := requests.NewCommonRequest()
	r.Method = requests.POST
	r.Scheme = "http"
	r.Domain = k.endpoint
	r.Product = "CloudAPI"
	r.Version = "2016-07-14"
	r.ApiName = action
	r.QueryParams["RegionId"] = region
	for name, value := range params {
		r.QueryParams[name] = value
	}
	resp, err := k.c.ProcessCommonRequest(r)
	if err != nil {
		return classicError(action, err)
	}
	if into == nil {
		return nil
	}
	if err := json.Unmarshal(resp.GetHttpContentBytes(), into); err != nil {
		return fmt.Errorf("%s: cannot decode the answer %q: %v", action, resp.GetHttpContentString(), err)
	}
	return nil
}

func flatTags(params map[string]string, tags []tag) {
	for i, t := range tags {
		params[fmt.Sprintf("Tag.%d.Key", i+1)] = t.Key
		params[fmt.Sprintf("Tag.%d.Value", i+1)] = t.Value
	}
}

func (k *common) create(name, description string, tags []tag) (int64, error) {
	params := map[string]string{"AppName": name, "Description": description}
	flatTags(params, tags)
	var out struct{ AppId int64 }
	err := k.call("CreateApp", params, &out)
	return out.AppId, err
}

func (k *common) describe(appID int64) (app, error) {
	var out struct {
		AppId                int64
		AppName, Description string
	}
	err := k.call("DescribeApp", map[string]string{"AppId": fmt.Sprint(appID)}, &out)
	return app{AppID: out.AppId, AppName: out.AppName, Description: out.Description}, err
}

func (k *common) attributesByName(name string) ([]app, error) {
	var out struct {
		Apps struct {
			AppAttribute []struct {
				AppId                int64
				AppName, Description string
				Tags                 struct{ TagInfo []struct{ Key, Value string } }
			}
		}
	}
	if err := k.call("DescribeAppAttributes", map[string]string{"AppName": name}, &out); err != nil {
		return nil, err
	}
	var apps []app
	for _, a := range out.Apps.AppAttribute {
		tags := map[string]string{}
		for _, t := range a.Tags.TagInfo {
			tags[t.Key] = t.Value
		}
		apps = append(apps, app{AppID: a.AppId, AppName: a.AppName, Description: a.Description, Tags: tags})
	}
	return apps, nil
}

func (k *common) appsByID(appID int64) ([]app, error) {
	var out struct {
		Apps struct {
			AppItem []struct {
				AppId                int64
				AppName, Description string
			}
		}
	}
	if err := k.call("DescribeApps", map[string]string{"AppId": fmt.Sprint(appID)}, &out); err != nil {
		return nil, err
	}
	var apps []app
	for _, a := range out.Apps.AppItem {
		apps = append(apps, app{AppID: a.AppId, AppName: a.AppName, Description: a.Description})
	}
	return apps, nil
}

func (k *common) modify(appID int64, name, description string) error {
	return k.call("ModifyApp", map[string]string{"AppId": fmt.Sprint(appID), "AppName": name, "Description": description}, nil)
}

func (k *common) tag(appID int64, tags []tag) error {
	params := map[string]string{"ResourceType": "app", "ResourceId.1": fmt.Sprint(appID)}
	flatTags(params, tags)
	return k.call("TagResources", params, nil)
}

func (k *common) untag(appID int64, keys []string) error {
	params := map[string]string{"ResourceType": "app", "ResourceId.1": fmt.Sprint(appID)}
	for i, key := range keys {
		params[fmt.Sprintf("TagKey.%d", i+1)] = key
	}
	return k.call("UntagResources", params, nil)
}

func (k *common) listTags(appID int64) ([]tagRow, error) {
	var out struct {
		TagResources struct {
			TagResource []struct{ ResourceId, ResourceType, TagKey, TagValue string }
		}
	}
	err := k.call("ListTagResources", map[string]string{"ResourceType": "app", "ResourceId.1": fmt.Sprint(appID)}, &out)
	var rows []tagRow
	for _, t := range out.TagResources.TagResource {
		rows = append(rows, tagRow{t.ResourceId, t.ResourceType, t.TagKey, t.TagValue})
	}
	return rows, err
}

func (k *common) security(appID int64) (keys, error) {
	var out struct{ AppKey, AppSecret, AppCode string }
	err := k.call("DescribeAppSecurity", map[string]string{"AppId": fmt.Sprint(appID)}, &out)
	return keys{out.AppKey, out.AppSecret, out.AppCode}, err
}

func (k *common) resetSecret(appKey string) error {
	return k.call("ResetAppSecret", map[string]string{"AppKey": appKey}, nil)
}

func (k *common) delete(appID int64) error {
	return k.call("DeleteApp", map[string]string{"AppId": fmt.Sprint(appID)}, nil)
}
