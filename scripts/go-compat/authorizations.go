package main

// App-to-API authorization, through the typed requests of both Go SDKs (python_sdks.py and
// node_sdks.js hold the same scenario): two apps authorized on an API never deployed, for a
// limited time, read from the provider's side (DescribeAuthorizedApps, as Terraform's
// alicloud_api_gateway_app_attachment reads it) and the app's (DescribeAuthorizedApis,
// DescribeApisByApp); one app granted and revoked in TEST the other way (SetApisAuthorities,
// RemoveApisAuthorities); both revoked, a second revoke answering NotFoundAuthorization,
// which Terraform's delete takes as success.

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	teaapi "github.com/alibabacloud-go/cloudapi-20160714/v5/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cloudapi"
)

// grant is one listed authorization, reduced to what the checks compare: the app's or the
// API's id, the stage, the expiry as answered (AuthVaildTime, the models' spelling) and, for
// the provider's view, the description.
type grant struct{ ID, Stage, Until, Description string }

// authClient is one configuration's authorization actions.
type authClient interface {
	setAppsAuth(groupID, apiID string, appIDs []int64, stage, description, until string) error
	removeAppsAuth(groupID, apiID string, appIDs []int64, stage string) error
	setApisAuth(appID int64, apiIDs []string, stage string) error
	removeApisAuth(appID int64, apiIDs []string, stage string) error
	authorizedApps(groupID, apiID, stage string) ([]grant, error)
	authorizedApis(appID int64) ([]grant, error)
	apisByApp(appID int64) ([]grant, error)
}

// listed is what both SDKs' typed answers hold, read back through JSON (the SDK's own
// decoding failed already if a type was wrong).
type listed struct {
	AuthorizedApps struct {
		AuthorizedApp []struct {
			AppId                                 int64
			StageName, AuthVaildTime, Description string
		}
	}
	AuthorizedApis struct {
		AuthorizedApi []struct{ ApiId, StageName, AuthVaildTime string }
	}
	AppApiRelationInfos struct {
		AppApiRelationInfo []struct{ ApiId, StageName, AuthVaildTime string }
	}
}

func grantsOf(typed interface{}) ([]grant, error) {
	var l listed
	text, err := json.Marshal(typed)
	if err == nil {
		err = json.Unmarshal(text, &l)
	}
	grants := []grant{}
	for _, a := range l.AuthorizedApps.AuthorizedApp {
		grants = append(grants, grant{fmt.Sprint(a.AppId), a.StageName, a.AuthVaildTime, a.Description})
	}
	for _, a := range l.AuthorizedApis.AuthorizedApi {
		grants = append(grants, grant{a.ApiId, a.StageName, a.AuthVaildTime, ""})
	}
	for _, a := range l.AppApiRelationInfos.AppApiRelationInfo {
		grants = append(grants, grant{a.ApiId, a.StageName, a.AuthVaildTime, ""})
	}
	sort.Slice(grants, func(i, j int) bool {
		return grants[i].ID+" "+grants[i].Stage < grants[j].ID+" "+grants[j].Stage
	})
	return grants, err
}

func joinIDs(ids []int64) string {
	texts := make([]string, len(ids))
	for i, id := range ids {
		texts[i] = fmt.Sprint(id)
	}
	return strings.Join(texts, ",")
}

// --- the classic SDK (Terraform's) ------------------------------------------------------

func (k *classic) setAppsAuth(groupID, apiID string, appIDs []int64, stage, description, until string) error {
	r := cloudapi.CreateSetAppsAuthoritiesRequest()
	r.GroupId, r.ApiId, r.AppIds, r.StageName = groupID, apiID, joinIDs(appIDs), stage
	r.Description, r.AuthValidTime = description, until
	_, err := k.c.SetAppsAuthorities(r)
	return classicError("SetAppsAuthorities", err)
}

func (k *classic) removeAppsAuth(groupID, apiID string, appIDs []int64, stage string) error {
	r := cloudapi.CreateRemoveAppsAuthoritiesRequest()
	r.GroupId, r.ApiId, r.AppIds, r.StageName = groupID, apiID, joinIDs(appIDs), stage
	_, err := k.c.RemoveAppsAuthorities(r)
	return classicError("RemoveAppsAuthorities", err)
}

func (k *classic) setApisAuth(appID int64, apiIDs []string, stage string) error {
	r := cloudapi.CreateSetApisAuthoritiesRequest()
	r.AppId, r.ApiIds, r.StageName = requests.NewInteger64(appID), strings.Join(apiIDs, ","), stage
	_, err := k.c.SetApisAuthorities(r)
	return classicError("SetApisAuthorities", err)
}

func (k *classic) removeApisAuth(appID int64, apiIDs []string, stage string) error {
	r := cloudapi.CreateRemoveApisAuthoritiesRequest()
	r.AppId, r.ApiIds, r.StageName = requests.NewInteger64(appID), strings.Join(apiIDs, ","), stage
	_, err := k.c.RemoveApisAuthorities(r)
	return classicError("RemoveApisAuthorities", err)
}

// authorizedApps sends what Terraform's DescribeApiGatewayAppAttachment sends: GroupId, ApiId,
// StageName, no PageSize.
func (k *classic) authorizedApps(groupID, apiID, stage string) ([]grant, error) {
	r := cloudapi.CreateDescribeAuthorizedAppsRequest()
	r.GroupId, r.ApiId, r.StageName = groupID, apiID, stage
	resp, err := k.c.DescribeAuthorizedApps(r)
	if err != nil {
		return nil, classicError("DescribeAuthorizedApps", err)
	}
	return grantsOf(resp)
}

func (k *classic) authorizedApis(appID int64) ([]grant, error) {
	r := cloudapi.CreateDescribeAuthorizedApisRequest()
	r.AppId = requests.NewInteger64(appID)
	resp, err := k.c.DescribeAuthorizedApis(r)
	if err != nil {
		return nil, classicError("DescribeAuthorizedApis", err)
	}
	return grantsOf(resp)
}

// The request's own Method field (the filter by the API's HTTP method) shadows the embedded
// RpcRequest's, so CreateDescribeApisByAppRequest's `request.Method = requests.POST` sets the
// filter: every DescribeApisByApp of this SDK asks for POST APIs unless told otherwise. The
// check's API answers GET.
func (k *classic) apisByApp(appID int64) ([]grant, error) {
	r := cloudapi.CreateDescribeApisByAppRequest()
	r.AppId = requests.NewInteger64(appID)
	r.Method = "GET"
	resp, err := k.c.DescribeApisByApp(r)
	if err != nil {
		return nil, classicError("DescribeApisByApp", err)
	}
	return grantsOf(resp)
}

// --- the Tea SDK ------------------------------------------------------------------------

func optional(text string) *string {
	if text == "" {
		return nil
	}
	return tea.String(text)
}

func (k *teaClient) setAppsAuth(groupID, apiID string, appIDs []int64, stage, description, until string) error {
	_, err := k.c.SetAppsAuthorities(&teaapi.SetAppsAuthoritiesRequest{GroupId: tea.String(groupID), ApiId: tea.String(apiID),
		AppIds: tea.String(joinIDs(appIDs)), StageName: tea.String(stage), Description: optional(description),
		AuthValidTime: optional(until)})
	return teaError("SetAppsAuthorities", err)
}

func (k *teaClient) removeAppsAuth(groupID, apiID string, appIDs []int64, stage string) error {
	_, err := k.c.RemoveAppsAuthorities(&teaapi.RemoveAppsAuthoritiesRequest{GroupId: tea.String(groupID),
		ApiId: tea.String(apiID), AppIds: tea.String(joinIDs(appIDs)), StageName: tea.String(stage)})
	return teaError("RemoveAppsAuthorities", err)
}

func (k *teaClient) setApisAuth(appID int64, apiIDs []string, stage string) error {
	_, err := k.c.SetApisAuthorities(&teaapi.SetApisAuthoritiesRequest{AppId: tea.Int64(appID),
		ApiIds: tea.String(strings.Join(apiIDs, ",")), StageName: tea.String(stage)})
	return teaError("SetApisAuthorities", err)
}

func (k *teaClient) removeApisAuth(appID int64, apiIDs []string, stage string) error {
	_, err := k.c.RemoveApisAuthorities(&teaapi.RemoveApisAuthoritiesRequest{AppId: tea.Int64(appID),
		ApiIds: tea.String(strings.Join(apiIDs, ",")), StageName: tea.String(stage)})
	return teaError("RemoveApisAuthorities", err)
}

func (k *teaClient) authorizedApps(groupID, apiID, stage string) ([]grant, error) {
	resp, err := k.c.DescribeAuthorizedApps(&teaapi.DescribeAuthorizedAppsRequest{GroupId: tea.String(groupID),
		ApiId: tea.String(apiID), StageName: optional(stage)})
	if err != nil {
		return nil, teaError("DescribeAuthorizedApps", err)
	}
	return grantsOf(resp.Body)
}

func (k *teaClient) authorizedApis(appID int64) ([]grant, error) {
	resp, err := k.c.DescribeAuthorizedApis(&teaapi.DescribeAuthorizedApisRequest{AppId: tea.Int64(appID)})
	if err != nil {
		return nil, teaError("DescribeAuthorizedApis", err)
	}
	return grantsOf(resp.Body)
}

func (k *teaClient) apisByApp(appID int64) ([]grant, error) {
	resp, err := k.c.DescribeApisByApp(&teaapi.DescribeApisByAppRequest{AppId: tea.Int64(appID)})
	if err != nil {
		return nil, teaError("DescribeApisByApp", err)
	}
	return grantsOf(resp.Body)
}

// --- the scenario -----------------------------------------------------------------------

func runAuthorizations(config string, c client, groups groupClient, apis apiClient, auth authClient) {
	label := strings.ReplaceAll(config, "-", "_")
	s := &scenario{config: config, passed: map[string]bool{}}
	const (
		made    = "CreateApiGroup, CreateApi (AuthType APP), two CreateApp"
		granted = "SetAppsAuthorities: two apps, RELEASE, AuthValidTime, then DescribeAuthorizedApps"
		remark  = "granted by the SDK check: 授权"
		until   = "Tue,05Oct203816:00:00GMT"
		iso     = "2038-10-05T16:00:00Z"
		rfc     = "Tue, 05 Oct 2038 16:00:00 GMT"
	)
	var group, api string
	var apps []int64
	s.check(made, nil, func() error {
		g, err := groups.createGroup(label+"_auth", "the group of the authorization checks", nil)
		if err != nil {
			return err
		}
		group = g.GroupID
		d := mockDefinition(label+"_auth_api", `{"forecast":"sunny"}`)
		d["AuthType"] = "APP"
		if api, err = apis.createApi(group, d); err != nil {
			return err
		}
		for _, n := range []string{"reader", "writer"} {
			id, err := c.create(label+"_auth_"+n, "an app to authorize", nil)
			if err != nil {
				return err
			}
			apps = append(apps, id)
		}
		return nil
	})
	s.check(granted, []string{made}, func() error {
		if err := auth.setAppsAuth(group, api, apps, "RELEASE", remark, until); err != nil {
			return err
		}
		expected := []grant{}
		for _, app := range apps {
			expected = append(expected, grant{fmt.Sprint(app), "RELEASE", iso, remark})
		}
		sort.Slice(expected, func(i, j int) bool { return expected[i].ID < expected[j].ID })
		got, err := auth.authorizedApps(group, api, "RELEASE")
		if err != nil {
			return err
		}
		return expectEqual("DescribeAuthorizedApps", expected, got)
	})
	s.check("DescribeAuthorizedApis and DescribeApisByApp: the app's view", []string{granted}, func() error {
		got, err := auth.authorizedApis(apps[0])
		if err != nil {
			return err
		}
		if err := expectEqual("DescribeAuthorizedApis", []grant{{api, "RELEASE", iso, ""}}, got); err != nil {
			return err
		}
		got, err = auth.apisByApp(apps[0])
		if err != nil {
			return err
		}
		return expectEqual("DescribeApisByApp", []grant{{api, "RELEASE", rfc, ""}}, got)
	})
	s.check("SetApisAuthorities in TEST, then RemoveApisAuthorities", []string{granted}, func() error {
		if err := auth.setApisAuth(apps[0], []string{api}, "TEST"); err != nil {
			return err
		}
		got, err := auth.authorizedApis(apps[0])
		if err != nil {
			return err
		}
		if err := expectEqual("DescribeAuthorizedApis", []grant{{api, "RELEASE", iso, ""}, {api, "TEST", "", ""}}, got); err != nil {
			return err
		}
		if err := auth.removeApisAuth(apps[0], []string{api}, "TEST"); err != nil {
			return err
		}
		got, err = auth.authorizedApps(group, api, "TEST")
		if err != nil {
			return err
		}
		return expectEqual("DescribeAuthorizedApps in TEST", []grant{}, got)
	})
	s.check("RemoveAppsAuthorities, then a second raises NotFoundAuthorization", []string{granted}, func() error {
		if err := auth.removeAppsAuth(group, api, apps, "RELEASE"); err != nil {
			return err
		}
		got, err := auth.authorizedApps(group, api, "")
		if err != nil {
			return err
		}
		if err := expectEqual("DescribeAuthorizedApps", []grant{}, got); err != nil {
			return err
		}
		err = auth.removeAppsAuth(group, api, apps[:1], "RELEASE")
		if err == nil {
			return failf("RemoveAppsAuthorities again: expected NotFoundAuthorization, it succeeded")
		}
		return expectCode("RemoveAppsAuthorities again", "NotFoundAuthorization", err)
	})
	// Whatever failed, leave the mock as it was: the apps (their authorizations with them),
	// the API, the group.
	for _, app := range apps {
		_ = c.delete(app)
	}
	if api != "" {
		_ = apis.deleteApi(group, api)
	}
	if group != "" {
		_ = groups.deleteGroup(group)
	}
}
