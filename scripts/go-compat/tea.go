package main

// The Tea ("V2.0") Go SDK: github.com/alibabacloud-go/cloudapi-20160714 on darabonba-openapi.

import (
	"errors"
	"fmt"
	"strconv"

	cloudapi "github.com/alibabacloud-go/cloudapi-20160714/v5/client"
	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
)

type teaClient struct{ c *cloudapi.Client }

func newTea(endpoint, signatureAlgorithm string) (client, error) {
	config := &openapi.Config{
		AccessKeyId:     tea.String(accessKeyID),
		AccessKeySecret: tea.String(accessKeySecret),
		Endpoint:        tea.String(endpoint),
		Protocol:        tea.String("http"),
		RegionId:        tea.String(region),
	}
	if signatureAlgorithm != "" {
		config.SignatureAlgorithm = tea.String(signatureAlgorithm)
	}
	c, err := cloudapi.NewClient(config)
	if err != nil {
		return nil, err
	}
	return &teaClient{c}, nil
}

// teaError reduces the SDK's error to an sdkError. darabonba-openapi 2.1 answers a 4xx with
// *client.ClientError, a 5xx with *client.ServerError and throttling with
// *client.ThrottlingError, each a dara.ResponseError; older releases answered *tea.SDKError.
func teaError(action string, err error) error {
	if err == nil {
		return nil
	}
	var response dara.ResponseError
	if errors.As(err, &response) {
		e := &sdkError{Action: action, Code: tea.StringValue(response.GetCode()),
			Status: tea.IntValue(response.GetStatusCode()), Message: response.Error(), Type: fmt.Sprintf("%T", err)}
		if data := response.GetData(); data != nil {
			e.RequestID = fmt.Sprint(data["RequestId"])
		}
		return e
	}
	var old *tea.SDKError
	if errors.As(err, &old) {
		return &sdkError{Action: action, Code: tea.StringValue(old.Code), Status: tea.IntValue(old.StatusCode),
			Message: tea.StringValue(old.Message), Type: fmt.Sprintf("%T", err)}
	}
	return err
}

func (k *teaClient) create(name, description string, tags []tag) (int64, error) {
	r := &cloudapi.CreateAppRequest{AppName: tea.String(name), Description: tea.String(description)}
	for _, t := range tags {
		r.Tag = append(r.Tag, &cloudapi.CreateAppRequestTag{Key: tea.String(t.Key), Value: tea.String(t.Value)})
	}
	resp, err := k.c.CreateApp(r)
	if err != nil {
		return 0, teaError("CreateApp", err)
	}
	return tea.Int64Value(resp.Body.AppId), nil
}

func (k *teaClient) describe(appID int64) (app, error) {
	resp, err := k.c.DescribeApp(&cloudapi.DescribeAppRequest{AppId: tea.Int64(appID)})
	if err != nil {
		return app{}, teaError("DescribeApp", err)
	}
	b := resp.Body
	return app{AppID: tea.Int64Value(b.AppId), AppName: tea.StringValue(b.AppName), Description: tea.StringValue(b.Description)}, nil
}

func (k *teaClient) attributesByName(name string) ([]app, error) {
	resp, err := k.c.DescribeAppAttributes(&cloudapi.DescribeAppAttributesRequest{AppName: tea.String(name)})
	if err != nil {
		return nil, teaError("DescribeAppAttributes", err)
	}
	var out []app
	if resp.Body.Apps == nil {
		return out, nil
	}
	for _, a := range resp.Body.Apps.AppAttribute {
		tags := map[string]string{}
		if a.Tags != nil {
			for _, t := range a.Tags.TagInfo {
				tags[tea.StringValue(t.Key)] = tea.StringValue(t.Value)
			}
		}
		out = append(out, app{AppID: tea.Int64Value(a.AppId), AppName: tea.StringValue(a.AppName),
			Description: tea.StringValue(a.Description), Tags: tags})
	}
	return out, nil
}

func (k *teaClient) appsByID(appID int64) ([]app, error) {
	resp, err := k.c.DescribeApps(&cloudapi.DescribeAppsRequest{AppId: tea.Int64(appID)})
	if err != nil {
		return nil, teaError("DescribeApps", err)
	}
	var out []app
	if resp.Body.Apps == nil {
		return out, nil
	}
	for _, a := range resp.Body.Apps.AppItem {
		out = append(out, app{AppID: tea.Int64Value(a.AppId), AppName: tea.StringValue(a.AppName),
			Description: tea.StringValue(a.Description)})
	}
	return out, nil
}

func (k *teaClient) modify(appID int64, name, description string) error {
	_, err := k.c.ModifyApp(&cloudapi.ModifyAppRequest{AppId: tea.Int64(appID), AppName: tea.String(name),
		Description: tea.String(description)})
	return teaError("ModifyApp", err)
}

func resourceIDs(appID int64) []*string { return []*string{tea.String(strconv.FormatInt(appID, 10))} }

func (k *teaClient) tag(appID int64, tags []tag) error {
	r := &cloudapi.TagResourcesRequest{ResourceType: tea.String("app"), ResourceId: resourceIDs(appID)}
	for _, t := range tags {
		r.Tag = append(r.Tag, &cloudapi.TagResourcesRequestTag{Key: tea.String(t.Key), Value: tea.String(t.Value)})
	}
	_, err := k.c.TagResources(r)
	return teaError("TagResources", err)
}

func (k *teaClient) untag(appID int64, keys []string) error {
	_, err := k.c.UntagResources(&cloudapi.UntagResourcesRequest{ResourceType: tea.String("app"),
		ResourceId: resourceIDs(appID), TagKey: tea.StringSlice(keys)})
	return teaError("UntagResources", err)
}

func (k *teaClient) listTags(appID int64) ([]tagRow, error) {
	resp, err := k.c.ListTagResources(&cloudapi.ListTagResourcesRequest{ResourceType: tea.String("app"),
		ResourceId: resourceIDs(appID)})
	if err != nil {
		return nil, teaError("ListTagResources", err)
	}
	var rows []tagRow
	if resp.Body.TagResources == nil {
		return rows, nil
	}
	for _, t := range resp.Body.TagResources.TagResource {
		rows = append(rows, tagRow{tea.StringValue(t.ResourceId), tea.StringValue(t.ResourceType),
			tea.StringValue(t.TagKey), tea.StringValue(t.TagValue)})
	}
	return rows, nil
}

func (k *teaClient) security(appID int64) (keys, error) {
	resp, err := k.c.DescribeAppSecurity(&cloudapi.DescribeAppSecurityRequest{AppId: tea.Int64(appID)})
	if err != nil {
		return keys{}, teaError("DescribeAppSecurity", err)
	}
	b := resp.Body
	return keys{tea.StringValue(b.AppKey), tea.StringValue(b.AppSecret), tea.StringValue(b.AppCode)}, nil
}

func (k *teaClient) resetSecret(appKey string) error {
	_, err := k.c.ResetAppSecret(&cloudapi.ResetAppSecretRequest{AppKey: tea.String(appKey)})
	return teaError("ResetAppSecret", err)
}

func (k *teaClient) delete(appID int64) error {
	_, err := k.c.DeleteApp(&cloudapi.DeleteAppRequest{AppId: tea.Int64(appID)})
	return teaError("DeleteApp", err)
}
