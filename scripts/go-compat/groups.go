package main

// API groups, through the typed requests of both Go SDKs: CreateApiGroup with tags,
// DescribeApiGroup, DescribeApiGroups by name, ModifyApiGroup, the group's tags
// (ResourceType=apiGroup), a taken name, DeleteApiGroup.

import (
	"strings"

	teaapi "github.com/alibabacloud-go/cloudapi-20160714/v5/client"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/cloudapi"
)

type group struct {
	GroupID, GroupName, Description, SubDomain string
}

type groupClient interface {
	createGroup(name, description string, tags []tag) (group, error)
	describeGroup(id string) (group, error)
	groupsByName(name string) ([]group, error)
	modifyGroup(id, name, description string) error
	tagGroup(id string, tags []tag) error
	listGroupTags(id string) (map[string]string, error)
	deleteGroup(id string) error
}

// --- the classic SDK --------------------------------------------------------------------

func (k *classic) createGroup(name, description string, tags []tag) (group, error) {
	r := cloudapi.CreateCreateApiGroupRequest()
	r.GroupName = name
	r.Description = description
	if len(tags) > 0 {
		ts := make([]cloudapi.CreateApiGroupTag, 0, len(tags))
		for _, t := range tags {
			ts = append(ts, cloudapi.CreateApiGroupTag{Key: t.Key, Value: t.Value})
		}
		r.Tag = &ts
	}
	resp, err := k.c.CreateApiGroup(r)
	if err != nil {
		return group{}, classicError("CreateApiGroup", err)
	}
	return group{resp.GroupId, resp.GroupName, resp.Description, resp.SubDomain}, nil
}

func (k *classic) describeGroup(id string) (group, error) {
	r := cloudapi.CreateDescribeApiGroupRequest()
	r.GroupId = id
	resp, err := k.c.DescribeApiGroup(r)
	if err != nil {
		return group{}, classicError("DescribeApiGroup", err)
	}
	return group{resp.GroupId, resp.GroupName, resp.Description, resp.SubDomain}, nil
}

func (k *classic) groupsByName(name string) ([]group, error) {
	r := cloudapi.CreateDescribeApiGroupsRequest()
	r.GroupName = name
	resp, err := k.c.DescribeApiGroups(r)
	if err != nil {
		return nil, classicError("DescribeApiGroups", err)
	}
	var out []group
	for _, g := range resp.ApiGroupAttributes.ApiGroupAttribute {
		out = append(out, group{g.GroupId, g.GroupName, g.Description, g.SubDomain})
	}
	return out, nil
}

func (k *classic) modifyGroup(id, name, description string) error {
	r := cloudapi.CreateModifyApiGroupRequest()
	r.GroupId = id
	r.GroupName = name
	r.Description = description
	_, err := k.c.ModifyApiGroup(r)
	return classicError("ModifyApiGroup", err)
}

func (k *classic) tagGroup(id string, tags []tag) error {
	r := cloudapi.CreateTagResourcesRequest()
	r.ResourceType = "apiGroup"
	r.ResourceId = &[]string{id}
	ts := make([]cloudapi.TagResourcesTag, 0, len(tags))
	for _, t := range tags {
		ts = append(ts, cloudapi.TagResourcesTag{Key: t.Key, Value: t.Value})
	}
	r.Tag = &ts
	_, err := k.c.TagResources(r)
	return classicError("TagResources", err)
}

func (k *classic) listGroupTags(id string) (map[string]string, error) {
	r := cloudapi.CreateListTagResourcesRequest()
	r.ResourceType = "apiGroup"
	r.ResourceId = &[]string{id}
	resp, err := k.c.ListTagResources(r)
	if err != nil {
		return nil, classicError("ListTagResources", err)
	}
	out := map[string]string{}
	for _, t := range resp.TagResources.TagResource {
		if t.ResourceId != id || t.ResourceType != "apiGroup" {
			return nil, failf("ListTagResources: a row of %s %q in the answer for apiGroup %q", t.ResourceType, t.ResourceId, id)
		}
		out[t.TagKey] = t.TagValue
	}
	return out, nil
}

func (k *classic) deleteGroup(id string) error {
	r := cloudapi.CreateDeleteApiGroupRequest()
	r.GroupId = id
	_, err := k.c.DeleteApiGroup(r)
	return classicError("DeleteApiGroup", err)
}

// --- the Tea SDK ------------------------------------------------------------------------

func (k *teaClient) createGroup(name, description string, tags []tag) (group, error) {
	r := &teaapi.CreateApiGroupRequest{GroupName: tea.String(name), Description: tea.String(description)}
	for _, t := range tags {
		r.Tag = append(r.Tag, &teaapi.CreateApiGroupRequestTag{Key: tea.String(t.Key), Value: tea.String(t.Value)})
	}
	resp, err := k.c.CreateApiGroup(r)
	if err != nil {
		return group{}, teaError("CreateApiGroup", err)
	}
	b := resp.Body
	return group{tea.StringValue(b.GroupId), tea.StringValue(b.GroupName), tea.StringValue(b.Description),
		tea.StringValue(b.SubDomain)}, nil
}

func (k *teaClient) describeGroup(id string) (group, error) {
	resp, err := k.c.DescribeApiGroup(&teaapi.DescribeApiGroupRequest{GroupId: tea.String(id)})
	if err != nil {
		return group{}, teaError("DescribeApiGroup", err)
	}
	b := resp.Body
	return group{tea.StringValue(b.GroupId), tea.StringValue(b.GroupName), tea.StringValue(b.Description),
		tea.StringValue(b.SubDomain)}, nil
}

func (k *teaClient) groupsByName(name string) ([]group, error) {
	resp, err := k.c.DescribeApiGroups(&teaapi.DescribeApiGroupsRequest{GroupName: tea.String(name)})
	if err != nil {
		return nil, teaError("DescribeApiGroups", err)
	}
	var out []group
	if resp.Body.ApiGroupAttributes == nil {
		return out, nil
	}
	for _, g := range resp.Body.ApiGroupAttributes.ApiGroupAttribute {
		out = append(out, group{tea.StringValue(g.GroupId), tea.StringValue(g.GroupName),
			tea.StringValue(g.Description), tea.StringValue(g.SubDomain)})
	}
	return out, nil
}

func (k *teaClient) modifyGroup(id, name, description string) error {
	_, err := k.c.ModifyApiGroup(&teaapi.ModifyApiGroupRequest{GroupId: tea.String(id), GroupName: tea.String(name),
		Description: tea.String(description)})
	return teaError("ModifyApiGroup", err)
}

func (k *teaClient) tagGroup(id string, tags []tag) error {
	r := &teaapi.TagResourcesRequest{ResourceType: tea.String("apiGroup"), ResourceId: []*string{tea.String(id)}}
	for _, t := range tags {
		r.Tag = append(r.Tag, &teaapi.TagResourcesRequestTag{Key: tea.String(t.Key), Value: tea.String(t.Value)})
	}
	_, err := k.c.TagResources(r)
	return teaError("TagResources", err)
}

func (k *teaClient) listGroupTags(id string) (map[string]string, error) {
	resp, err := k.c.ListTagResources(&teaapi.ListTagResourcesRequest{ResourceType: tea.String("apiGroup"),
		ResourceId: []*string{tea.String(id)}})
	if err != nil {
		return nil, teaError("ListTagResources", err)
	}
	out := map[string]string{}
	if resp.Body.TagResources == nil {
		return out, nil
	}
	for _, t := range resp.Body.TagResources.TagResource {
		if tea.StringValue(t.ResourceId) != id || tea.StringValue(t.ResourceType) != "apiGroup" {
			return nil, failf("ListTagResources: a row of %s %q in the answer for apiGroup %q",
				tea.StringValue(t.ResourceType), tea.StringValue(t.ResourceId), id)
		}
		out[tea.StringValue(t.TagKey)] = tea.StringValue(t.TagValue)
	}
	return out, nil
}

func (k *teaClient) deleteGroup(id string) error {
	_, err := k.c.DeleteApiGroup(&teaapi.DeleteApiGroupRequest{GroupId: tea.String(id)})
	return teaError("DeleteApiGroup", err)
}

// --- the scenario -----------------------------------------------------------------------

func runGroups(config string, c groupClient) {
	label := strings.ReplaceAll(config, "-", "_")
	reserved := "* ~ + ' ( ) ! & = /"
	name := label + "_分组"
	description := label + " group: spaces,  " + reserved + " % : ? # 中文描述"
	newName := label + "_分组_改"
	newDescription := label + " group modified: a+b=c & d/e 100% 修改后"
	tags := []tag{{"env", "compat test"}, {"owner " + reserved, "值 = 负责人"}}
	moreTags := []tag{{"team", "平台 * ~ ( ) !"}}

	s := &scenario{config: config, passed: map[string]bool{}}
	var id, current string
	const create = "CreateApiGroup with tags"
	s.check(create, nil, func() error {
		g, err := c.createGroup(name, description, tags)
		if err != nil {
			return err
		}
		if g.GroupID == "" || g.SubDomain == "" {
			return failf("GroupId and SubDomain: expected values, got %#v", g)
		}
		if err := expectEqual("GroupName", name, g.GroupName); err != nil {
			return err
		}
		id, current = g.GroupID, name
		return nil
	})
	describeIs := func(wantName, wantDescription string) error {
		g, err := c.describeGroup(id)
		if err != nil {
			return err
		}
		if err := expectEqual("GroupId", id, g.GroupID); err != nil {
			return err
		}
		if err := expectEqual("GroupName", wantName, g.GroupName); err != nil {
			return err
		}
		return expectEqual("Description", wantDescription, g.Description)
	}
	s.check("DescribeApiGroup returns name and description byte-identical", []string{create}, func() error {
		return describeIs(name, description)
	})
	s.check("DescribeApiGroups by GroupName", []string{create}, func() error {
		all, err := c.groupsByName(name)
		if err != nil {
			return err
		}
		for _, g := range all {
			if g.GroupID == id {
				return expectEqual("Description", description, g.Description)
			}
		}
		return failf("GroupName=%q: expected the group %s, got %#v", name, id, all)
	})
	s.check("ListTagResources of the group shows the tags it was created with", []string{create}, func() error {
		got, err := c.listGroupTags(id)
		if err != nil {
			return err
		}
		return expectEqual("ListTagResources", tagMap(tags), got)
	})
	s.check("TagResources with ResourceType apiGroup, then ListTagResources", []string{create}, func() error {
		if err := c.tagGroup(id, moreTags); err != nil {
			return err
		}
		got, err := c.listGroupTags(id)
		if err != nil {
			return err
		}
		want := tagMap(append(append([]tag{}, tags...), moreTags...))
		return expectEqual("ListTagResources", want, got)
	})
	s.check("ModifyApiGroup name and description, then DescribeApiGroup", []string{create}, func() error {
		if err := c.modifyGroup(id, newName, newDescription); err != nil {
			return err
		}
		current = newName
		return describeIs(newName, newDescription)
	})
	s.check("CreateApiGroup with a taken name raises RepeatedGroupName", []string{create}, func() error {
		other, err := c.createGroup(current, "duplicate", nil)
		if err == nil {
			_ = c.deleteGroup(other.GroupID)
			return failf("expected the SDK to return RepeatedGroupName, it returned GroupId %s", other.GroupID)
		}
		return expectCode("CreateApiGroup", "RepeatedGroupName", err)
	})
	s.check("DeleteApiGroup, then DescribeApiGroup raises NotFoundApiGroup", []string{create}, func() error {
		if err := c.deleteGroup(id); err != nil {
			return err
		}
		_, err := c.describeGroup(id)
		if err == nil {
			return failf("DescribeApiGroup after delete: expected NotFoundApiGroup, it succeeded")
		}
		return expectCode("DescribeApiGroup after delete", "NotFoundApiGroup", err)
	})
}
