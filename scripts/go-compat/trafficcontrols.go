package main

// Throttling policies, through the typed requests of both Go SDKs (python_sdks.py and
// node_sdks.js hold the same scenario): a policy created with its three limits, read back by
// id and by name, modified, bound to an API in RELEASE and read back from the API's side
// (DescribeTrafficControlsByApi, and DescribeTrafficControls by GroupId, ApiId and
// StageName), refused deletion while bound (DependencyViolationTrafficControl), given special
// limits for an app and a user, one of them deleted, unbound, deleted, a second delete
// answering NotFoundTrafficControl.

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"

	teaapi "github.com/alibabacloud-go/cloudapi-20160714/v5/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cloudapi"
)

// limits are a policy's API, user and app limits.
type limits struct{ Api, User, App int }

// special is one special limit: APP or USER, the AppId or account UID, the limit.
type special struct {
	Type, Key string
	Value     int
}

// policy is one item of DescribeTrafficControls, reduced to what the checks compare.
type policy struct {
	ID, Name, Unit, Description, CreatedTime, ModifiedTime string
	Limits                                                 limits
	Specials                                               []special
}

// boundItem is one item of DescribeTrafficControlsByApi.
type boundItem struct{ ID, Name, BoundTime string }

// policyQuery is what DescribeTrafficControls is asked by; empty fields are not sent.
type policyQuery struct{ ID, Name, GroupID, ApiID, Stage string }

// trafficClient is one configuration's throttling policy actions.
type trafficClient interface {
	createTrafficControl(name, unit string, l limits, description string) (string, error)
	modifyTrafficControl(id, name, unit string, l limits, description string) error
	deleteTrafficControl(id string) error
	trafficControls(q policyQuery) (int, []policy, error)
	trafficControlsByApi(groupID, apiID, stage string) ([]boundItem, error)
	setTrafficControlApis(id, groupID string, apiIDs []string, stage string) error
	removeTrafficControlApis(id, groupID string, apiIDs []string, stage string) error
	addSpecial(id, kind, key string, value int) error
	deleteSpecial(id, kind, key string) error
}

// listedPolicies is what both SDKs' typed answers hold, read back through JSON (the SDK's
// own decoding failed already if a type was wrong).
type listedPolicies struct {
	TotalCount      int
	TrafficControls struct {
		TrafficControl []struct {
			TrafficControlId, TrafficControlName, TrafficControlUnit string
			Description, CreatedTime, ModifiedTime                   string
			ApiDefault, UserDefault, AppDefault                      int
			SpecialPolicies                                          struct {
				SpecialPolicy []struct {
					SpecialType string
					Specials    struct {
						Special []struct {
							SpecialKey   string
							TrafficValue int
						}
					}
				}
			}
		}
	}
	TrafficControlItems struct {
		TrafficControlItem []struct{ TrafficControlItemId, TrafficControlItemName, BoundTime string }
	}
}

func listedOf(typed interface{}) (listedPolicies, error) {
	var l listedPolicies
	text, err := json.Marshal(typed)
	if err == nil {
		err = json.Unmarshal(text, &l)
	}
	return l, err
}

func policiesOf(typed interface{}) (int, []policy, error) {
	l, err := listedOf(typed)
	policies := []policy{}
	for _, p := range l.TrafficControls.TrafficControl {
		specials := []special{}
		for _, k := range p.SpecialPolicies.SpecialPolicy {
			for _, s := range k.Specials.Special {
				specials = append(specials, special{k.SpecialType, s.SpecialKey, s.TrafficValue})
			}
		}
		sort.Slice(specials, func(i, j int) bool {
			return specials[i].Type+" "+specials[i].Key < specials[j].Type+" "+specials[j].Key
		})
		policies = append(policies, policy{ID: p.TrafficControlId, Name: p.TrafficControlName, Unit: p.TrafficControlUnit,
			Description: p.Description, CreatedTime: p.CreatedTime, ModifiedTime: p.ModifiedTime,
			Limits: limits{p.ApiDefault, p.UserDefault, p.AppDefault}, Specials: specials})
	}
	return l.TotalCount, policies, err
}

func boundItemsOf(typed interface{}) ([]boundItem, error) {
	l, err := listedOf(typed)
	items := []boundItem{}
	for _, i := range l.TrafficControlItems.TrafficControlItem {
		items = append(items, boundItem{i.TrafficControlItemId, i.TrafficControlItemName, i.BoundTime})
	}
	return items, err
}

// --- the classic SDK (Terraform's) ------------------------------------------------------

func (k *classic) createTrafficControl(name, unit string, l limits, description string) (string, error) {
	r := cloudapi.CreateCreateTrafficControlRequest()
	r.TrafficControlName, r.TrafficControlUnit, r.Description = name, unit, description
	r.ApiDefault, r.UserDefault, r.AppDefault = requests.NewInteger(l.Api), requests.NewInteger(l.User), requests.NewInteger(l.App)
	resp, err := k.c.CreateTrafficControl(r)
	if err != nil {
		return "", classicError("CreateTrafficControl", err)
	}
	return resp.TrafficControlId, nil
}

func (k *classic) modifyTrafficControl(id, name, unit string, l limits, description string) error {
	r := cloudapi.CreateModifyTrafficControlRequest()
	r.TrafficControlId, r.TrafficControlName, r.TrafficControlUnit, r.Description = id, name, unit, description
	r.ApiDefault, r.UserDefault, r.AppDefault = requests.NewInteger(l.Api), requests.NewInteger(l.User), requests.NewInteger(l.App)
	_, err := k.c.ModifyTrafficControl(r)
	return classicError("ModifyTrafficControl", err)
}

func (k *classic) deleteTrafficControl(id string) error {
	r := cloudapi.CreateDeleteTrafficControlRequest()
	r.TrafficControlId = id
	_, err := k.c.DeleteTrafficControl(r)
	return classicError("DeleteTrafficControl", err)
}

func (k *classic) trafficControls(q policyQuery) (int, []policy, error) {
	r := cloudapi.CreateDescribeTrafficControlsRequest()
	r.TrafficControlId, r.TrafficControlName, r.GroupId, r.ApiId, r.StageName = q.ID, q.Name, q.GroupID, q.ApiID, q.Stage
	r.PageSize = requests.NewInteger(100)
	resp, err := k.c.DescribeTrafficControls(r)
	if err != nil {
		return 0, nil, classicError("DescribeTrafficControls", err)
	}
	return policiesOf(resp)
}

func (k *classic) trafficControlsByApi(groupID, apiID, stage string) ([]boundItem, error) {
	r := cloudapi.CreateDescribeTrafficControlsByApiRequest()
	r.GroupId, r.ApiId, r.StageName = groupID, apiID, stage
	resp, err := k.c.DescribeTrafficControlsByApi(r)
	if err != nil {
		return nil, classicError("DescribeTrafficControlsByApi", err)
	}
	return boundItemsOf(resp)
}

func (k *classic) setTrafficControlApis(id, groupID string, apiIDs []string, stage string) error {
	r := cloudapi.CreateSetTrafficControlApisRequest()
	r.TrafficControlId, r.GroupId, r.ApiIds, r.StageName = id, groupID, strings.Join(apiIDs, ","), stage
	_, err := k.c.SetTrafficControlApis(r)
	return classicError("SetTrafficControlApis", err)
}

func (k *classic) removeTrafficControlApis(id, groupID string, apiIDs []string, stage string) error {
	r := cloudapi.CreateRemoveTrafficControlApisRequest()
	r.TrafficControlId, r.GroupId, r.ApiIds, r.StageName = id, groupID, strings.Join(apiIDs, ","), stage
	_, err := k.c.RemoveTrafficControlApis(r)
	return classicError("RemoveTrafficControlApis", err)
}

func (k *classic) addSpecial(id, kind, key string, value int) error {
	r := cloudapi.CreateAddTrafficSpecialControlRequest()
	r.TrafficControlId, r.SpecialType, r.SpecialKey, r.TrafficValue = id, kind, key, requests.NewInteger(value)
	_, err := k.c.AddTrafficSpecialControl(r)
	return classicError("AddTrafficSpecialControl", err)
}

func (k *classic) deleteSpecial(id, kind, key string) error {
	r := cloudapi.CreateDeleteTrafficSpecialControlRequest()
	r.TrafficControlId, r.SpecialType, r.SpecialKey = id, kind, key
	_, err := k.c.DeleteTrafficSpecialControl(r)
	return classicError("DeleteTrafficSpecialControl", err)
}

// --- the Tea SDK ------------------------------------------------------------------------

func (k *teaClient) createTrafficControl(name, unit string, l limits, description string) (string, error) {
	resp, err := k.c.CreateTrafficControl(&teaapi.CreateTrafficControlRequest{TrafficControlName: tea.String(name),
		TrafficControlUnit: tea.String(unit), ApiDefault: tea.Int32(int32(l.Api)), UserDefault: tea.Int32(int32(l.User)),
		AppDefault: tea.Int32(int32(l.App)), Description: tea.String(description)})
	if err != nil {
		return "", teaError("CreateTrafficControl", err)
	}
	return tea.StringValue(resp.Body.TrafficControlId), nil
}

func (k *teaClient) modifyTrafficControl(id, name, unit string, l limits, description string) error {
	_, err := k.c.ModifyTrafficControl(&teaapi.ModifyTrafficControlRequest{TrafficControlId: tea.String(id),
		TrafficControlName: tea.String(name), TrafficControlUnit: tea.String(unit), ApiDefault: tea.Int32(int32(l.Api)),
		UserDefault: tea.Int32(int32(l.User)), AppDefault: tea.Int32(int32(l.App)), Description: tea.String(description)})
	return teaError("ModifyTrafficControl", err)
}

func (k *teaClient) deleteTrafficControl(id string) error {
	_, err := k.c.DeleteTrafficControl(&teaapi.DeleteTrafficControlRequest{TrafficControlId: tea.String(id)})
	return teaError("DeleteTrafficControl", err)
}

func (k *teaClient) trafficControls(q policyQuery) (int, []policy, error) {
	resp, err := k.c.DescribeTrafficControls(&teaapi.DescribeTrafficControlsRequest{TrafficControlId: optional(q.ID),
		TrafficControlName: optional(q.Name), GroupId: optional(q.GroupID), ApiId: optional(q.ApiID),
		StageName: optional(q.Stage), PageSize: tea.Int32(100)})
	if err != nil {
		return 0, nil, teaError("DescribeTrafficControls", err)
	}
	return policiesOf(resp.Body)
}

func (k *teaClient) trafficControlsByApi(groupID, apiID, stage string) ([]boundItem, error) {
	resp, err := k.c.DescribeTrafficControlsByApi(&teaapi.DescribeTrafficControlsByApiRequest{GroupId: tea.String(groupID),
		ApiId: tea.String(apiID), StageName: tea.String(stage)})
	if err != nil {
		return nil, teaError("DescribeTrafficControlsByApi", err)
	}
	return boundItemsOf(resp.Body)
}

func (k *teaClient) setTrafficControlApis(id, groupID string, apiIDs []string, stage string) error {
	_, err := k.c.SetTrafficControlApis(&teaapi.SetTrafficControlApisRequest{TrafficControlId: tea.String(id),
		GroupId: tea.String(groupID), ApiIds: tea.String(strings.Join(apiIDs, ",")), StageName: tea.String(stage)})
	return teaError("SetTrafficControlApis", err)
}

func (k *teaClient) removeTrafficControlApis(id, groupID string, apiIDs []string, stage string) error {
	_, err := k.c.RemoveTrafficControlApis(&teaapi.RemoveTrafficControlApisRequest{TrafficControlId: tea.String(id),
		GroupId: tea.String(groupID), ApiIds: tea.String(strings.Join(apiIDs, ",")), StageName: tea.String(stage)})
	return teaError("RemoveTrafficControlApis", err)
}

func (k *teaClient) addSpecial(id, kind, key string, value int) error {
	_, err := k.c.AddTrafficSpecialControl(&teaapi.AddTrafficSpecialControlRequest{TrafficControlId: tea.String(id),
		SpecialType: tea.String(kind), SpecialKey: tea.String(key), TrafficValue: tea.Int32(int32(value))})
	return teaError("AddTrafficSpecialControl", err)
}

func (k *teaClient) deleteSpecial(id, kind, key string) error {
	_, err := k.c.DeleteTrafficSpecialControl(&teaapi.DeleteTrafficSpecialControlRequest{TrafficControlId: tea.String(id),
		SpecialType: tea.String(kind), SpecialKey: tea.String(key)})
	return teaError("DeleteTrafficSpecialControl", err)
}

// --- the scenario -----------------------------------------------------------------------

var timeText = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

func expectTime(what, value string) error {
	if !timeText.MatchString(value) {
		return failf("%s: expected a time like 2016-02-23T12:46:24Z, got %q", what, value)
	}
	return nil
}

func runTrafficControls(config string, groups groupClient, apis apiClient, tc trafficClient) {
	label := strings.ReplaceAll(config, "-", "_")
	s := &scenario{config: config, passed: map[string]bool{}}
	const (
		made      = "CreateApiGroup and CreateApi for the throttling policy"
		created   = "CreateTrafficControl: MINUTE, API, user and app limits"
		bound     = "SetTrafficControlApis in RELEASE, then DescribeTrafficControlsByApi"
		unbound   = "RemoveTrafficControlApis, then DescribeTrafficControlsByApi"
		remark    = "the SDK check's policy: 限流 a+b=c & d"
		newRemark = "modified: 每小时 100% (f) 'g'"
		appKey    = "10000000042"
		userKey   = "1234567890123456"
	)
	name, newName := label+"_policy", label+"_policy_v2"
	var group, api, id string

	onePolicy := func(total int, policies []policy, err error) (policy, error) {
		if err != nil {
			return policy{}, err
		}
		if err := expectEqual("TotalCount", 1, total); err != nil {
			return policy{}, err
		}
		if len(policies) != 1 {
			return policy{}, failf("TrafficControls.TrafficControl: expected the policy once, got %#v", policies)
		}
		return policies[0], nil
	}
	expectPolicy := func(p policy, policyName, unit string, l limits, description string) error {
		for _, e := range []error{
			expectEqual("TrafficControlId", id, p.ID),
			expectEqual("TrafficControlName", policyName, p.Name),
			expectEqual("TrafficControlUnit", unit, p.Unit),
			expectEqual("ApiDefault, UserDefault, AppDefault", l, p.Limits),
			expectEqual("Description", description, p.Description),
			expectTime("CreatedTime", p.CreatedTime),
			expectTime("ModifiedTime", p.ModifiedTime),
		} {
			if e != nil {
				return e
			}
		}
		return nil
	}
	none := func(what string, total int, policies []policy, err error) error {
		if err != nil {
			return err
		}
		return expectEqual(what, []interface{}{0, []policy{}}, []interface{}{total, policies})
	}

	s.check(made, nil, func() error {
		g, err := groups.createGroup(label+"_traffic", "the group of the throttling checks", nil)
		if err != nil {
			return err
		}
		group = g.GroupID
		api, err = apis.createApi(group, mockDefinition(label+"_traffic_api", `{"forecast":"sunny"}`))
		return err
	})
	s.check(created, nil, func() error {
		got, err := tc.createTrafficControl(name, "MINUTE", limits{100, 50, 20}, remark)
		if err != nil {
			return err
		}
		if got == "" {
			return failf("TrafficControlId: expected an id, got %q", got)
		}
		id = got
		return nil
	})
	s.check("DescribeTrafficControls by TrafficControlId: the policy as created", []string{created}, func() error {
		p, err := onePolicy(tc.trafficControls(policyQuery{ID: id}))
		if err != nil {
			return err
		}
		if err := expectPolicy(p, name, "MINUTE", limits{100, 50, 20}, remark); err != nil {
			return err
		}
		return expectEqual("SpecialPolicies", []special{}, p.Specials)
	})
	s.check("ModifyTrafficControl, then DescribeTrafficControls by TrafficControlName", []string{created}, func() error {
		if err := tc.modifyTrafficControl(id, newName, "HOUR", limits{200, 100, 40}, newRemark); err != nil {
			return err
		}
		p, err := onePolicy(tc.trafficControls(policyQuery{Name: newName}))
		if err != nil {
			return err
		}
		if err := expectPolicy(p, newName, "HOUR", limits{200, 100, 40}, newRemark); err != nil {
			return err
		}
		total, policies, err := tc.trafficControls(policyQuery{Name: name})
		return none("DescribeTrafficControls by the old name", total, policies, err)
	})
	s.check(bound, []string{made, created}, func() error {
		if err := tc.setTrafficControlApis(id, group, []string{api}, "RELEASE"); err != nil {
			return err
		}
		items, err := tc.trafficControlsByApi(group, api, "RELEASE")
		if err != nil {
			return err
		}
		if len(items) != 1 {
			return failf("TrafficControlItems: expected the policy once, got %#v", items)
		}
		if err := expectEqual("TrafficControlItems (id, name)", boundItem{id, newName, items[0].BoundTime}, items[0]); err != nil {
			return err
		}
		if err := expectTime("BoundTime", items[0].BoundTime); err != nil {
			return err
		}
		items, err = tc.trafficControlsByApi(group, api, "TEST")
		if err != nil {
			return err
		}
		return expectEqual("DescribeTrafficControlsByApi in TEST", []boundItem{}, items)
	})
	s.check("DescribeTrafficControls by GroupId, ApiId and StageName", []string{bound}, func() error {
		p, err := onePolicy(tc.trafficControls(policyQuery{GroupID: group, ApiID: api, Stage: "RELEASE"}))
		if err != nil {
			return err
		}
		if err := expectEqual("TrafficControlId", id, p.ID); err != nil {
			return err
		}
		total, policies, err := tc.trafficControls(policyQuery{GroupID: group, ApiID: api, Stage: "TEST"})
		return none("DescribeTrafficControls in TEST", total, policies, err)
	})
	s.check("DeleteTrafficControl of a bound policy raises DependencyViolationTrafficControl", []string{bound}, func() error {
		err := tc.deleteTrafficControl(id)
		if err == nil {
			return failf("DeleteTrafficControl of a bound policy: expected DependencyViolationTrafficControl, it succeeded")
		}
		return expectCode("DeleteTrafficControl of a bound policy", "DependencyViolationTrafficControl", err)
	})
	s.check("AddTrafficSpecialControl for an app and a user, then DeleteTrafficSpecialControl", []string{created}, func() error {
		if err := tc.addSpecial(id, "APP", appKey, 10); err != nil {
			return err
		}
		if err := tc.addSpecial(id, "USER", userKey, 30); err != nil {
			return err
		}
		p, err := onePolicy(tc.trafficControls(policyQuery{ID: id}))
		if err != nil {
			return err
		}
		if err := expectEqual("SpecialPolicies", []special{{"APP", appKey, 10}, {"USER", userKey, 30}}, p.Specials); err != nil {
			return err
		}
		if err := tc.deleteSpecial(id, "APP", appKey); err != nil {
			return err
		}
		if p, err = onePolicy(tc.trafficControls(policyQuery{ID: id})); err != nil {
			return err
		}
		return expectEqual("SpecialPolicies after DeleteTrafficSpecialControl", []special{{"USER", userKey, 30}}, p.Specials)
	})
	s.check(unbound, []string{bound}, func() error {
		if err := tc.removeTrafficControlApis(id, group, []string{api}, "RELEASE"); err != nil {
			return err
		}
		items, err := tc.trafficControlsByApi(group, api, "RELEASE")
		if err != nil {
			return err
		}
		return expectEqual("DescribeTrafficControlsByApi", []boundItem{}, items)
	})
	s.check("DeleteTrafficControl, then a second raises NotFoundTrafficControl", []string{unbound}, func() error {
		if err := tc.deleteTrafficControl(id); err != nil {
			return err
		}
		total, policies, err := tc.trafficControls(policyQuery{ID: id})
		if err := none("DescribeTrafficControls by TrafficControlId", total, policies, err); err != nil {
			return err
		}
		gone := id
		id = ""
		err = tc.deleteTrafficControl(gone)
		if err == nil {
			return failf("DeleteTrafficControl again: expected NotFoundTrafficControl, it succeeded")
		}
		return expectCode("DeleteTrafficControl again", "NotFoundTrafficControl", err)
	})
	// Whatever failed, leave the mock as it was: the API (its bindings with it), the policy,
	// the group.
	if api != "" {
		_ = apis.deleteApi(group, api)
	}
	if id != "" {
		_ = tc.deleteTrafficControl(id)
	}
	if group != "" {
		_ = groups.deleteGroup(group)
	}
}
