// Command go-compat drives the official Go SDKs, unmodified, against a running cloudapi-mock.
//
// Usage: go run . HOST:PORT
//
// It runs the app lifecycle of scripts/sdk-compat (python_sdks.py, node_sdks.js), the API
// groups' (groups.go), the APIs' and stages' (apis.go), the authorizations'
// (authorizations.go) and the throttling policies' (trafficcontrols.go), the last four in
// every configuration but go-classic-cli, through four client
// configurations, each using an SDK exactly as its users do, with only the
// endpoint, protocol and credentials changed:
//
//	go-classic       github.com/aliyun/alibaba-cloud-sdk-go services/cloudapi, pointed at the
//	                 mock as Terraform's provider does it: endpoints.AddEndpointMapping and
//	                 scheme HTTP (RPC, HMAC-SHA1, POST with every parameter in the query)
//	go-classic-cli   the same SDK's CommonRequest, the way the aliyun CLI calls an RPC action
//	                 (Product, Version, ApiName, Domain, Scheme, query parameters)
//	go-tea-v3        github.com/alibabacloud-go/cloudapi-20160714 on darabonba-openapi,
//	                 endpoint HOST:PORT, protocol http, default ACS3-HMAC-SHA256 signature
//	go-tea-v2        the same, SignatureAlgorithm "v2" (RPC, HMAC-SHA1)
//
// Prints one line per check ("ok ..." or "FAIL ..."); run.sh counts them.
//
// scripts/terraform/run.sh also uses it to act behind Terraform's back, through the SDK
// Terraform's provider is built on:
//
//	go run . create HOST:PORT NAME DESCRIPTION   prints the new AppId
//	go run . delete HOST:PORT APPID
//	go run . delete-api HOST:PORT GROUPID APIID   abolishes it from every stage, deletes it
//	go run . delete-group HOST:PORT GROUPID
package main

import (
	"fmt"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cloudapi"

	"os"
	"reflect"
	"strings"
)

const (
	accessKeyID     = "testid"
	accessKeySecret = "testsecret"
	region          = "cn-hangzhou"
)

// tag is one key/value pair; a slice of them keeps the order a test gave them in.
type tag struct{ Key, Value string }

type app struct {
	AppID       int64
	AppName     string
	Description string
	Tags        map[string]string // only DescribeAppAttributes answers tags
}

type tagRow struct{ ResourceID, ResourceType, TagKey, TagValue string }

type keys struct{ AppKey, AppSecret, AppCode string }

// sdkError is an error the SDK returned, reduced to what every check needs to show.
type sdkError struct {
	Action, Code, Message, RequestID string
	Status                           int
	Type                             string // the SDK's own error type, e.g. *errors.ServerError
}

func (e *sdkError) Error() string {
	return fmt.Sprintf("%s: code=%q status=%d message=%q request_id=%s (%s)",
		e.Action, e.Code, e.Status, e.Message, e.RequestID, e.Type)
}

// client is one configuration of one SDK; every method is one call of the action it names.
type client interface {
	create(name, description string, tags []tag) (int64, error)
	describe(appID int64) (app, error)
	attributesByName(name string) ([]app, error)
	appsByID(appID int64) ([]app, error)
	modify(appID int64, name, description string) error
	tag(appID int64, tags []tag) error
	untag(appID int64, keys []string) error
	listTags(appID int64) ([]tagRow, error)
	security(appID int64) (keys, error)
	resetSecret(appKey string) error
	delete(appID int64) error
}

// ---------------------------------------------------------------------------------------
// The scenario, the same for every configuration (python_sdks.py and node_sdks.js hold it too).

type checkFailed struct{ msg string }

func (e *checkFailed) Error() string { return e.msg }

func failf(format string, args ...interface{}) error {
	return &checkFailed{fmt.Sprintf(format, args...)}
}

func expectEqual(what string, expected, actual interface{}) error {
	if !reflect.DeepEqual(expected, actual) {
		return failf("%s: expected %#v, got %#v", what, expected, actual)
	}
	return nil
}

type texts struct {
	name, description, newName, newDescription string
	tags, moreTags                             []tag
}

// textsFor gives names, descriptions and tags for one configuration: each goes through the
// SDK's own encoding, so each carries spaces, reserved characters and non-ASCII text.
func textsFor(label string) texts {
	reserved := "* ~ + ' ( ) ! & = /"
	return texts{
		name:           label + "_应用_测试",
		description:    label + ": spaces,  double; " + reserved + " % : ? # [ ] \" 中文描述 é",
		newName:        label + "_改名_新",
		newDescription: label + " modified: a+b=c & d/e (f) 'g' !h ~i *j 100% 修改后的描述",
		tags:           []tag{{"env", "compat test"}, {"owner " + reserved, "值 = 负责人 / a+b"}},
		moreTags:       []tag{{"team", "平台 * ~ ( ) !"}, {"cost center", "a&b=c"}},
	}
}

func tagMap(tags []tag) map[string]string {
	m := map[string]string{}
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}

type scenario struct {
	config string
	c      client
	t      texts
	passed map[string]bool
	appID  int64
	name   string
	tags   map[string]string
	keys   keys
}

func (s *scenario) check(name string, needs []string, fn func() error) {
	var unmet []string
	for _, n := range needs {
		if !s.passed[n] {
			unmet = append(unmet, n)
		}
	}
	if len(unmet) > 0 {
		s.fail(name, "not run: needs "+strings.Join(unmet, ", "))
		return
	}
	err := func() (err error) {
		defer func() { // an SDK panic is a failed check too, with its cause
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return fn()
	}()
	if err != nil {
		s.fail(name, err.Error())
		return
	}
	s.passed[name] = true
	fmt.Printf("ok   %-16s %s\n", s.config, name)
}

func (s *scenario) fail(name, detail string) {
	fmt.Printf("FAIL %-16s %s: %s\n", s.config, name, strings.Join(strings.Fields(detail), " "))
}

func (s *scenario) describeIs(name, description string) error {
	a, err := s.c.describe(s.appID)
	if err != nil {
		return err
	}
	if err := expectEqual("AppId", s.appID, a.AppID); err != nil {
		return err
	}
	if err := expectEqual("AppName", name, a.AppName); err != nil {
		return err
	}
	return expectEqual("Description", description, a.Description)
}

func (s *scenario) tagsOfApp() (map[string]string, error) {
	rows, err := s.c.listTags(s.appID)
	if err != nil {
		return nil, err
	}
	got := map[string]string{}
	for _, r := range rows {
		if err := expectEqual("ResourceId", fmt.Sprint(s.appID), r.ResourceID); err != nil {
			return nil, err
		}
		if err := expectEqual("ResourceType", "app", r.ResourceType); err != nil {
			return nil, err
		}
		got[r.TagKey] = r.TagValue
	}
	return got, nil
}

// expectCode answers nil when err is an SDK error with the given code.
func expectCode(what, code string, err error) error {
	e, ok := err.(*sdkError)
	if !ok {
		return failf("%s: expected code %q, got %v", what, code, err)
	}
	if e.Code != code {
		return failf("%s: expected code %q, got %v", what, code, e)
	}
	return nil
}

func run(config string, c client) {
	s := &scenario{config: config, c: c, t: textsFor(strings.ReplaceAll(config, "-", "_")), passed: map[string]bool{}}
	t := s.t
	const create = "CreateApp with tags"

	s.check(create, nil, func() error {
		id, err := c.create(t.name, t.description, t.tags)
		if err != nil {
			return err
		}
		if id <= 0 {
			return failf("AppId: expected a positive integer, got %d", id)
		}
		s.appID, s.name, s.tags = id, t.name, tagMap(t.tags)
		return nil
	})

	s.check("DescribeApp returns name and description byte-identical", []string{create}, func() error {
		return s.describeIs(t.name, t.description)
	})

	s.check("DescribeAppAttributes by AppName, with tags", []string{create}, func() error {
		all, err := c.attributesByName(t.name)
		if err != nil {
			return err
		}
		var mine []app
		for _, a := range all {
			if a.AppID == s.appID {
				mine = append(mine, a)
			}
		}
		if len(mine) != 1 {
			return failf("AppName=%q: expected the app %d once, got %#v", t.name, s.appID, all)
		}
		if err := expectEqual("AppName", t.name, mine[0].AppName); err != nil {
			return err
		}
		if err := expectEqual("Description", t.description, mine[0].Description); err != nil {
			return err
		}
		return expectEqual("Tags", tagMap(t.tags), mine[0].Tags)
	})

	s.check("DescribeApps by AppId", []string{create}, func() error {
		apps, err := c.appsByID(s.appID)
		if err != nil {
			return err
		}
		return expectEqual("Apps.AppItem", []app{{AppID: s.appID, AppName: t.name, Description: t.description}}, apps)
	})

	s.check("ModifyApp name and description, then DescribeApp", []string{create}, func() error {
		if err := c.modify(s.appID, t.newName, t.newDescription); err != nil {
			return err
		}
		s.name = t.newName
		return s.describeIs(t.newName, t.newDescription)
	})

	s.check("TagResources, then ListTagResources", []string{create}, func() error {
		if err := c.tag(s.appID, t.moreTags); err != nil {
			return err
		}
		for k, v := range tagMap(t.moreTags) {
			s.tags[k] = v
		}
		got, err := s.tagsOfApp()
		if err != nil {
			return err
		}
		return expectEqual("ListTagResources", s.tags, got)
	})

	s.check("UntagResources, then ListTagResources", []string{create}, func() error {
		// one tag given at creation, and those TagResources added if it passed
		removed := []string{t.tags[0].Key}
		for _, m := range t.moreTags {
			if _, ok := s.tags[m.Key]; ok {
				removed = append(removed, m.Key)
			}
		}
		if err := c.untag(s.appID, removed); err != nil {
			return err
		}
		remaining := map[string]string{}
		for k, v := range s.tags {
			remaining[k] = v
		}
		for _, k := range removed {
			delete(remaining, k)
		}
		got, err := s.tagsOfApp()
		if err != nil {
			return err
		}
		return expectEqual("ListTagResources", remaining, got)
	})

	const security = "DescribeAppSecurity"
	s.check(security, []string{create}, func() error {
		k, err := c.security(s.appID)
		if err != nil {
			return err
		}
		if k.AppKey == "" || k.AppSecret == "" {
			return failf("AppKey and AppSecret: expected values, got %#v", k)
		}
		s.keys = k
		return nil
	})

	s.check("ResetAppSecret by AppKey, then DescribeAppSecurity", []string{security}, func() error {
		before := s.keys
		if err := c.resetSecret(before.AppKey); err != nil {
			return err
		}
		after, err := c.security(s.appID)
		if err != nil {
			return err
		}
		if err := expectEqual("AppKey", before.AppKey, after.AppKey); err != nil {
			return err
		}
		if after.AppSecret == "" || after.AppSecret == before.AppSecret {
			return failf("AppSecret: expected a new secret, was %q, now %q", before.AppSecret, after.AppSecret)
		}
		return nil
	})

	s.check("CreateApp with a taken name raises RepeatedAppName", []string{create}, func() error {
		other, err := c.create(s.name, "duplicate", nil)
		if err == nil {
			return failf("expected the SDK to return RepeatedAppName, it returned AppId %d", other)
		}
		return expectCode("CreateApp", "RepeatedAppName", err)
	})

	s.check("DeleteApp, then DescribeApp raises NotFoundApp", []string{create}, func() error {
		if err := c.delete(s.appID); err != nil {
			return err
		}
		_, err := c.describe(s.appID)
		if err == nil {
			return failf("DescribeApp after delete: expected NotFoundApp, it succeeded")
		}
		return expectCode("DescribeApp after delete", "NotFoundApp", err)
	})
}

// behindTerraform runs one call of the classic SDK for scripts/terraform/run.sh.
func behindTerraform(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: go-compat create|delete HOST:PORT ...")
	}
	c, err := newClassic(args[1])
	if err != nil {
		return err
	}
	switch {
	case args[0] == "create" && len(args) == 4:
		id, err := c.create(args[2], args[3], nil)
		if err != nil {
			return err
		}
		fmt.Println(id)
		return nil
	case args[0] == "delete" && len(args) == 3:
		var id int64
		if _, err := fmt.Sscan(args[2], &id); err != nil {
			return fmt.Errorf("APPID %q: %v", args[2], err)
		}
		return c.delete(id)
	case args[0] == "delete-api" && len(args) == 4:
		// What a user does by hand: take the API out of every stage, then delete it.
		a := c.(apiClient)
		for _, stage := range []string{"RELEASE", "PRE", "TEST"} {
			if err := a.abolish(args[2], args[3], stage); err != nil {
				return err
			}
		}
		return a.deleteApi(args[2], args[3])
	case args[0] == "delete-group" && len(args) == 3:
		r := cloudapi.CreateDeleteApiGroupRequest()
		r.GroupId = args[2]
		_, err := c.(*classic).c.DeleteApiGroup(r)
		return classicError("DeleteApiGroup", err)
	}
	return fmt.Errorf("usage: go-compat create HOST:PORT NAME DESCRIPTION | delete HOST:PORT APPID | delete-api HOST:PORT GROUPID APIID | delete-group HOST:PORT GROUPID")
}

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "create" || os.Args[1] == "delete" || os.Args[1] == "delete-api" || os.Args[1] == "delete-group") {
		if err := behindTerraform(os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go-compat HOST:PORT")
		os.Exit(2)
	}
	endpoint := os.Args[1]
	configs := []struct {
		name string
		make func() (client, error)
	}{
		{"go-classic", func() (client, error) { return newClassic(endpoint) }},
		{"go-classic-cli", func() (client, error) { return newCommon(endpoint) }},
		{"go-tea-v3", func() (client, error) { return newTea(endpoint, "") }},
		{"go-tea-v2", func() (client, error) { return newTea(endpoint, "v2") }},
	}
	for _, cfg := range configs {
		c, err := cfg.make()
		if err != nil {
			fmt.Printf("FAIL %-16s create the client: %v\n", cfg.name, err)
			continue
		}
		run(cfg.name, c)
		if g, ok := c.(groupClient); ok {
			runGroups(cfg.name, g)
			if a, ok := c.(apiClient); ok {
				runApis(cfg.name, a, g)
				if auth, ok := c.(authClient); ok {
					runAuthorizations(cfg.name, c, g, a, auth)
				}
				if tc, ok := c.(trafficClient); ok {
					runTrafficControls(cfg.name, g, a, tc)
				}
			}
		}
	}
}
