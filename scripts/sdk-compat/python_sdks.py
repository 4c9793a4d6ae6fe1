"""Drive the official Python SDKs against a running cloudapi-mock.

Usage: python python_sdks.py HOST:PORT

Runs the app lifecycle (run_scenario, below) and the API group lifecycle (run_group_scenario)
through four client configurations, each using the SDK exactly as its users do, with only the
endpoint, protocol and credentials changed:

  py-tea-v3    alibabacloud-cloudapi20160714, default ACS3-HMAC-SHA256 signature
  py-tea-v2    alibabacloud-cloudapi20160714, signature_algorithm="v2" (HMAC-SHA1)
  py-core-get  aliyun-python-sdk-core + aliyun-python-sdk-cloudapi, GET (its default)
  py-core-post aliyun-python-sdk-core + aliyun-python-sdk-cloudapi, POST

Prints one line per check ("ok ..." or "FAIL ..."); run.sh counts them.
"""

import json
import re
import sys
import traceback

ACCESS_KEY_ID = "testid"
ACCESS_KEY_SECRET = "testsecret"
REGION = "cn-hangzhou"


class SdkError(Exception):
    """An error the SDK raised, reduced to what every check needs to show."""

    def __init__(self, action, code, status=None, message=None, request_id=None, body=None):
        super().__init__(code)
        self.action = action
        self.code = code
        self.status = status
        self.message = message
        self.request_id = request_id
        self.body = body

    def __str__(self):
        parts = [f"{self.action}:", f"code={self.code!r}", f"status={self.status}", f"message={self.message!r}"]
        if self.request_id:
            parts.append(f"request_id={self.request_id}")
        if self.body is not None:
            parts.append(f"body={self.body}")
        return " ".join(parts)


# ---------------------------------------------------------------------------------------
# alibabacloud-cloudapi20160714 (Tea / "V2.0" SDK)


class TeaClient:
    def __init__(self, endpoint, signature_algorithm=None):
        from alibabacloud_cloudapi20160714.client import Client
        from alibabacloud_cloudapi20160714 import models
        from alibabacloud_tea_openapi.models import Config

        config = Config(
            access_key_id=ACCESS_KEY_ID,
            access_key_secret=ACCESS_KEY_SECRET,
            endpoint=endpoint,
            protocol="http",
            region_id=REGION,
        )
        if signature_algorithm:
            config.signature_algorithm = signature_algorithm
        self.client = Client(config)
        self.m = models

    def _call(self, action, request):
        from darabonba.exceptions import ResponseException

        method = re.sub(r"(?<!^)(?=[A-Z])", "_", action).lower()  # DescribeApp -> describe_app
        try:
            return getattr(self.client, method)(request).body
        except ResponseException as e:
            raise SdkError(
                action,
                e.code,
                status=getattr(e, "status_code", None),
                message=getattr(e, "message", None),
                request_id=getattr(e, "request_id", None),
                body=json.dumps(getattr(e, "data", None), ensure_ascii=False),
            ) from e

    def create(self, name, description, tags):
        m = self.m
        request = m.CreateAppRequest(
            app_name=name,
            description=description,
            tag=[m.CreateAppRequestTag(key=k, value=v) for k, v in tags.items()],
        )
        return self._call("CreateApp", request).app_id

    def describe(self, app_id):
        body = self._call("DescribeApp", self.m.DescribeAppRequest(app_id=app_id))
        return {"AppId": body.app_id, "AppName": body.app_name, "Description": body.description}

    def attributes_by_name(self, name):
        request = self.m.DescribeAppAttributesRequest(app_name=name)
        body = self._call("DescribeAppAttributes", request)
        items = body.apps.app_attribute if body.apps and body.apps.app_attribute else []
        return [
            {
                "AppId": a.app_id,
                "AppName": a.app_name,
                "Description": a.description,
                "Tags": {t.key: t.value for t in (a.tags.tag_info if a.tags and a.tags.tag_info else [])},
            }
            for a in items
        ]

    def apps_by_id(self, app_id):
        body = self._call("DescribeApps", self.m.DescribeAppsRequest(app_id=app_id))
        items = body.apps.app_item if body.apps and body.apps.app_item else []
        return [{"AppId": a.app_id, "AppName": a.app_name, "Description": a.description} for a in items]

    def modify(self, app_id, name, description):
        request = self.m.ModifyAppRequest(app_id=app_id, app_name=name, description=description)
        self._call("ModifyApp", request)

    def tag(self, resource_id, tags, resource_type="app"):
        m = self.m
        request = m.TagResourcesRequest(
            resource_type=resource_type,
            resource_id=[str(resource_id)],
            tag=[m.TagResourcesRequestTag(key=k, value=v) for k, v in tags.items()],
        )
        self._call("TagResources", request)

    def untag(self, resource_id, keys, resource_type="app"):
        request = self.m.UntagResourcesRequest(
            resource_type=resource_type, resource_id=[str(resource_id)], tag_key=list(keys)
        )
        self._call("UntagResources", request)

    def list_tags(self, resource_id, resource_type="app"):
        request = self.m.ListTagResourcesRequest(resource_type=resource_type, resource_id=[str(resource_id)])
        body = self._call("ListTagResources", request)
        rows = body.tag_resources.tag_resource if body.tag_resources and body.tag_resources.tag_resource else []
        return [{"ResourceId": r.resource_id, "ResourceType": r.resource_type, "TagKey": r.tag_key, "TagValue": r.tag_value} for r in rows]

    def security(self, app_id):
        body = self._call("DescribeAppSecurity", self.m.DescribeAppSecurityRequest(app_id=app_id))
        return {"AppKey": body.app_key, "AppSecret": body.app_secret, "AppCode": body.app_code}

    def reset_secret(self, app_key):
        self._call("ResetAppSecret", self.m.ResetAppSecretRequest(app_key=app_key))

    def delete(self, app_id):
        self._call("DeleteApp", self.m.DeleteAppRequest(app_id=app_id))

    # API groups

    supports_base_path = True

    def create_group(self, name, description, base_path, tags):
        m = self.m
        request = m.CreateApiGroupRequest(
            group_name=name,
            description=description,
            base_path=base_path,
            tag=[m.CreateApiGroupRequestTag(key=k, value=v) for k, v in tags.items()],
        )
        body = self._call("CreateApiGroup", request)
        return {
            "GroupId": body.group_id,
            "GroupName": body.group_name,
            "SubDomain": body.sub_domain,
            "BasePath": body.base_path,
            "Description": body.description,
            "InstanceId": body.instance_id,
            "InstanceType": body.instance_type,
            "TagStatus": body.tag_status,
        }

    def describe_group(self, group_id):
        body = self._call("DescribeApiGroup", self.m.DescribeApiGroupRequest(group_id=group_id))
        stages = body.stage_items.stage_info if body.stage_items and body.stage_items.stage_info else []
        return {
            "GroupId": body.group_id,
            "GroupName": body.group_name,
            "Description": body.description,
            "BasePath": body.base_path,
            "SubDomain": body.sub_domain,
            "TrafficLimit": body.traffic_limit,
            "Stages": [(s.stage_name, s.stage_id) for s in stages],
        }

    def groups_by_name(self, name):
        body = self._call("DescribeApiGroups", self.m.DescribeApiGroupsRequest(group_name=name, page_size=50))
        attributes = body.api_group_attributes
        items = attributes.api_group_attribute if attributes and attributes.api_group_attribute else []
        return [
            {
                "GroupId": g.group_id,
                "GroupName": g.group_name,
                "Description": g.description,
                "Tags": {t.key: t.value for t in (g.tags.tag_info if g.tags and g.tags.tag_info else [])},
            }
            for g in items
        ]

    def modify_group(self, group_id, name, description, base_path):
        request = self.m.ModifyApiGroupRequest(
            group_id=group_id, group_name=name, description=description, base_path=base_path
        )
        self._call("ModifyApiGroup", request)

    def delete_group(self, group_id):
        self._call("DeleteApiGroup", self.m.DeleteApiGroupRequest(group_id=group_id))


# ---------------------------------------------------------------------------------------
# aliyun-python-sdk-core + aliyun-python-sdk-cloudapi (the classic SDK)


class CoreClient:
    def __init__(self, endpoint, method):
        from aliyunsdkcore.client import AcsClient

        host, port = endpoint.rsplit(":", 1)
        self.host = host
        self.method = method
        self.client = AcsClient(ACCESS_KEY_ID, ACCESS_KEY_SECRET, REGION, port=int(port))

    def _call(self, action, setup):
        import importlib
        from aliyunsdkcore.acs_exception.exceptions import ClientException, ServerException

        module = importlib.import_module(f"aliyunsdkcloudapi.request.v20160714.{action}Request")
        request = getattr(module, f"{action}Request")()
        request.set_endpoint(self.host)
        request.set_method(self.method)
        setup(request)
        try:
            raw = self.client.do_action_with_exception(request)
        except ServerException as e:
            raise SdkError(
                action,
                e.get_error_code(),
                status=e.get_http_status(),
                message=e.get_error_msg(),
                request_id=e.get_request_id(),
            ) from e
        except ClientException as e:
            raise SdkError(action, e.get_error_code(), message=e.get_error_msg()) from e
        return json.loads(raw)

    def create(self, name, description, tags):
        def setup(r):
            r.set_AppName(name)
            r.set_Description(description)
            r.set_Tags([{"Key": k, "Value": v} for k, v in tags.items()])

        return self._call("CreateApp", setup)["AppId"]

    def describe(self, app_id):
        body = self._call("DescribeApp", lambda r: r.set_AppId(app_id))
        return {k: body.get(k) for k in ("AppId", "AppName", "Description")}

    def attributes_by_name(self, name):
        body = self._call("DescribeAppAttributes", lambda r: r.set_AppName(name))
        items = (body.get("Apps") or {}).get("AppAttribute") or []
        return [
            {
                "AppId": a.get("AppId"),
                "AppName": a.get("AppName"),
                "Description": a.get("Description"),
                "Tags": {t.get("Key"): t.get("Value") for t in ((a.get("Tags") or {}).get("TagInfo") or [])},
            }
            for a in items
        ]

    def apps_by_id(self, app_id):
        body = self._call("DescribeApps", lambda r: r.set_AppId(app_id))
        items = (body.get("Apps") or {}).get("AppItem") or []
        return [{k: a.get(k) for k in ("AppId", "AppName", "Description")} for a in items]

    def modify(self, app_id, name, description):
        def setup(r):
            r.set_AppId(app_id)
            r.set_AppName(name)
            r.set_Description(description)

        self._call("ModifyApp", setup)

    def tag(self, resource_id, tags, resource_type="app"):
        def setup(r):
            r.set_ResourceType(resource_type)
            r.set_ResourceIds([str(resource_id)])
            r.set_Tags([{"Key": k, "Value": v} for k, v in tags.items()])

        self._call("TagResources", setup)

    def untag(self, resource_id, keys, resource_type="app"):
        def setup(r):
            r.set_ResourceType(resource_type)
            r.set_ResourceIds([str(resource_id)])
            r.set_TagKeys(list(keys))

        self._call("UntagResources", setup)

    def list_tags(self, resource_id, resource_type="app"):
        def setup(r):
            r.set_ResourceType(resource_type)
            r.set_ResourceIds([str(resource_id)])

        body = self._call("ListTagResources", setup)
        rows = (body.get("TagResources") or {}).get("TagResource") or []
        return [{k: row.get(k) for k in ("ResourceId", "ResourceType", "TagKey", "TagValue")} for row in rows]

    def security(self, app_id):
        body = self._call("DescribeAppSecurity", lambda r: r.set_AppId(app_id))
        return {k: body.get(k) for k in ("AppKey", "AppSecret", "AppCode")}

    def reset_secret(self, app_key):
        self._call("ResetAppSecret", lambda r: r.set_AppKey(app_key))

    def delete(self, app_id):
        self._call("DeleteApp", lambda r: r.set_AppId(app_id))

    # API groups. The classic SDK's CreateApiGroupRequest and ModifyApiGroupRequest have no
    # BasePath setter: its users cannot send one, so neither does this client.

    supports_base_path = False

    def create_group(self, name, description, base_path, tags):
        def setup(r):
            r.set_GroupName(name)
            r.set_Description(description)
            r.set_Tags([{"Key": k, "Value": v} for k, v in tags.items()])

        body = self._call("CreateApiGroup", setup)
        keys = ("GroupId", "GroupName", "SubDomain", "BasePath", "Description", "InstanceId", "InstanceType", "TagStatus")
        return {k: body.get(k) for k in keys}

    def describe_group(self, group_id):
        body = self._call("DescribeApiGroup", lambda r: r.set_GroupId(group_id))
        stages = (body.get("StageItems") or {}).get("StageInfo") or []
        group = {k: body.get(k) for k in ("GroupId", "GroupName", "Description", "BasePath", "SubDomain", "TrafficLimit")}
        group["Stages"] = [(s.get("StageName"), s.get("StageId")) for s in stages]
        return group

    def groups_by_name(self, name):
        def setup(r):
            r.set_GroupName(name)
            r.set_PageSize(50)

        body = self._call("DescribeApiGroups", setup)
        items = (body.get("ApiGroupAttributes") or {}).get("ApiGroupAttribute") or []
        return [
            {
                "GroupId": g.get("GroupId"),
                "GroupName": g.get("GroupName"),
                "Description": g.get("Description"),
                "Tags": {t.get("Key"): t.get("Value") for t in ((g.get("Tags") or {}).get("TagInfo") or [])},
            }
            for g in items
        ]

    def modify_group(self, group_id, name, description, base_path):
        def setup(r):
            r.set_GroupId(group_id)
            r.set_GroupName(name)
            r.set_Description(description)

        self._call("ModifyApiGroup", setup)

    def delete_group(self, group_id):
        self._call("DeleteApiGroup", lambda r: r.set_GroupId(group_id))


# ---------------------------------------------------------------------------------------
# The scenario, the same for every configuration; node_sdks.js mirrors it.


class Report:
    def __init__(self, config):
        self.config = config

    def ok(self, check):
        print(f"ok   {self.config:<13} {check}", flush=True)

    def fail(self, check, detail):
        detail = " ".join(str(detail).split("\n"))
        print(f"FAIL {self.config:<13} {check}: {detail}", flush=True)


class CheckFailed(Exception):
    pass


def expect_equal(what, expected, actual):
    if expected != actual:
        raise CheckFailed(f"{what}: expected {expected!r}, got {actual!r}")


def texts(label):
    """Names, descriptions and tags for one configuration: each goes through the SDK's own
    encoding, so each carries spaces, reserved characters and non-ASCII text."""
    reserved = "* ~ + ' ( ) ! & = /"
    return {
        "name": f"{label}_应用_测试",
        "description": f"{label}: spaces,  double; {reserved} % : ? # [ ] \" 中文描述 é",
        "new_name": f"{label}_改名_新",
        "new_description": f"{label} modified: a+b=c & d/e (f) 'g' !h ~i *j 100% 修改后的描述",
        "tags": {"env": "compat test", f"owner {reserved}": "值 = 负责人 / a+b"},
        "more_tags": {"team": "平台 * ~ ( ) !", "cost center": "a&b=c"},
    }


def checker(config):
    """check(name, needs, fn): runs fn unless a check it needs failed, and reports one line."""
    report = Report(config)
    passed = set()

    def check(name, needs=(), fn=None):
        unmet = [n for n in needs if n not in passed]
        if unmet:
            report.fail(name, f"not run: needs {', '.join(unmet)}")
            return
        try:
            fn()
        except SdkError as e:
            report.fail(name, e)
            return
        except CheckFailed as e:
            report.fail(name, e)
            return
        except Exception as e:  # an SDK crash is a failed check too, with its cause
            report.fail(name, f"{type(e).__name__}: {e} | {traceback.format_exc(limit=3)}")
            return
        passed.add(name)
        report.ok(name)

    return check


def run_scenario(config, client):
    t = texts(config.replace("-", "_"))
    state = {}
    check = checker(config)

    def create():
        app_id = client.create(t["name"], t["description"], t["tags"])
        if not isinstance(app_id, int) or app_id <= 0:
            raise CheckFailed(f"AppId: expected a positive integer, got {app_id!r}")
        state["app_id"] = app_id
        state["name"] = t["name"]
        state["tags"] = dict(t["tags"])

    def describe(name, description):
        app = client.describe(state["app_id"])
        expect_equal("AppId", state["app_id"], app["AppId"])
        expect_equal("AppName", name, app["AppName"])
        expect_equal("Description", description, app["Description"])

    def attributes():
        apps = [a for a in client.attributes_by_name(t["name"]) if a["AppId"] == state["app_id"]]
        if len(apps) != 1:
            raise CheckFailed(f"AppName={t['name']!r}: expected the app {state['app_id']} once, got {apps!r}")
        expect_equal("AppName", t["name"], apps[0]["AppName"])
        expect_equal("Description", t["description"], apps[0]["Description"])
        expect_equal("Tags", t["tags"], apps[0]["Tags"])

    def apps_by_id():
        apps = client.apps_by_id(state["app_id"])
        expect_equal("Apps.AppItem", [{"AppId": state["app_id"], "AppName": t["name"], "Description": t["description"]}], apps)

    def modify():
        client.modify(state["app_id"], t["new_name"], t["new_description"])
        state["name"] = t["new_name"]
        describe(t["new_name"], t["new_description"])

    def tags_of_app():
        rows = client.list_tags(state["app_id"])
        for row in rows:
            expect_equal("ResourceId", str(state["app_id"]), row["ResourceId"])
            expect_equal("ResourceType", "app", row["ResourceType"])
        return {row["TagKey"]: row["TagValue"] for row in rows}

    def tag():
        client.tag(state["app_id"], t["more_tags"])
        state["tags"].update(t["more_tags"])
        expect_equal("ListTagResources", state["tags"], tags_of_app())

    def untag():
        # one tag given at creation, and those TagResources added if it passed
        removed = [next(iter(t["tags"]))] + [k for k in t["more_tags"] if k in state["tags"]]
        client.untag(state["app_id"], removed)
        remaining = {k: v for k, v in state["tags"].items() if k not in removed}
        expect_equal("ListTagResources", remaining, tags_of_app())

    def security():
        keys = client.security(state["app_id"])
        for field in ("AppKey", "AppSecret"):
            if not keys.get(field):
                raise CheckFailed(f"{field}: expected a value, got {keys!r}")
        state["keys"] = keys

    def reset_secret():
        before = state["keys"]
        client.reset_secret(before["AppKey"])
        after = client.security(state["app_id"])
        expect_equal("AppKey", before["AppKey"], after["AppKey"])
        if not after["AppSecret"] or after["AppSecret"] == before["AppSecret"]:
            raise CheckFailed(f"AppSecret: expected a new secret, was {before['AppSecret']!r}, now {after['AppSecret']!r}")

    def duplicate():
        try:
            other = client.create(state["name"], "duplicate", {})
        except SdkError as e:
            if e.code != "RepeatedAppName":
                raise CheckFailed(f"expected code 'RepeatedAppName', got {e}") from e
            return
        raise CheckFailed(f"expected the SDK to raise RepeatedAppName, it returned AppId {other!r}")

    def delete():
        client.delete(state["app_id"])
        try:
            client.describe(state["app_id"])
        except SdkError as e:
            if e.code != "NotFoundApp":
                raise CheckFailed(f"DescribeApp after delete: expected code 'NotFoundApp', got {e}") from e
            return
        raise CheckFailed("DescribeApp after delete: expected NotFoundApp, it succeeded")

    check("CreateApp with tags", fn=create)
    check("DescribeApp returns name and description byte-identical", ["CreateApp with tags"],
          lambda: describe(t["name"], t["description"]))
    check("DescribeAppAttributes by AppName, with tags", ["CreateApp with tags"], attributes)
    check("DescribeApps by AppId", ["CreateApp with tags"], apps_by_id)
    check("ModifyApp name and description, then DescribeApp", ["CreateApp with tags"], modify)
    check("TagResources, then ListTagResources", ["CreateApp with tags"], tag)
    check("UntagResources, then ListTagResources", ["CreateApp with tags"], untag)
    check("DescribeAppSecurity", ["CreateApp with tags"], security)
    check("ResetAppSecret by AppKey, then DescribeAppSecurity", ["DescribeAppSecurity"], reset_secret)
    check("CreateApp with a taken name raises RepeatedAppName", ["CreateApp with tags"], duplicate)
    check("DeleteApp, then DescribeApp raises NotFoundApp", ["CreateApp with tags"], delete)


HEX32 = re.compile(r"^[0-9a-f]{32}$")


def group_texts(label):
    """A group's names, description and tags: the name rules of CreateApiGroup (a letter or
    Chinese character first, then letters, digits, _ and Chinese), the rest as free as an app's."""
    t = texts(label)
    return {
        "name": f"{label}_分组_测试",
        "description": t["description"],
        "base_path": "/compat",
        "new_name": f"{label}_分组_改名",
        "new_description": t["new_description"],
        "new_base_path": "/compat/v2",
        "tags": {"env": "compat test"},
        "more_tags": t["more_tags"],
    }


def run_group_scenario(config, client):
    """The API group lifecycle, the same for every configuration; node_sdks.js mirrors it."""
    t = group_texts(config.replace("-", "_"))
    state = {}
    check = checker(config)
    base_path = t["base_path"] if client.supports_base_path else None

    def create():
        group = client.create_group(t["name"], t["description"], base_path, t["tags"])
        group_id = group["GroupId"]
        if not isinstance(group_id, str) or not HEX32.match(group_id):
            raise CheckFailed(f"GroupId: expected 32 lower-case hexadecimal characters, got {group_id!r}")
        expect_equal("GroupName", t["name"], group["GroupName"])
        expect_equal("SubDomain", f"{group_id}-{REGION}.alicloudapi.com", group["SubDomain"])
        expect_equal("BasePath", base_path or "/", group["BasePath"])
        expect_equal("InstanceId", "api-shared-vpc-001", group["InstanceId"])
        expect_equal("InstanceType", "VPC_SHARED", group["InstanceType"])
        expect_equal("TagStatus", True, group["TagStatus"])
        state.update(group_id=group_id, sub_domain=group["SubDomain"], name=t["name"], tags=dict(t["tags"]))

    def describe(name, description, path):
        group = client.describe_group(state["group_id"])
        expect_equal("GroupId", state["group_id"], group["GroupId"])
        expect_equal("GroupName", name, group["GroupName"])
        expect_equal("Description", description, group["Description"])
        expect_equal("BasePath", path, group["BasePath"])
        expect_equal("SubDomain", state["sub_domain"], group["SubDomain"])
        expect_equal("TrafficLimit", 500, group["TrafficLimit"])
        expect_equal("StageItems.StageInfo[].StageName", ["RELEASE", "PRE", "TEST"], [n for n, _ in group["Stages"]])
        ids = [i for _, i in group["Stages"]]
        if len(set(ids)) != 3 or not all(isinstance(i, str) and re.match(r"^[0-9a-fA-F]{32}$", i) for i in ids):
            raise CheckFailed(f"StageItems.StageInfo[].StageId: expected three distinct 32-hex ids, got {ids!r}")

    def listed():
        groups = [g for g in client.groups_by_name(t["name"]) if g["GroupId"] == state["group_id"]]
        if len(groups) != 1:
            raise CheckFailed(f"GroupName={t['name']!r}: expected the group {state['group_id']} once, got {groups!r}")
        expect_equal("GroupName", t["name"], groups[0]["GroupName"])
        expect_equal("Description", t["description"], groups[0]["Description"])
        expect_equal("Tags", t["tags"], groups[0]["Tags"])

    def modify():
        new_path = t["new_base_path"] if client.supports_base_path else None
        client.modify_group(state["group_id"], t["new_name"], t["new_description"], new_path)
        state["name"] = t["new_name"]
        describe(t["new_name"], t["new_description"], new_path or base_path or "/")

    def tags_of_group():
        rows = client.list_tags(state["group_id"], resource_type="apiGroup")
        for row in rows:
            expect_equal("ResourceId", state["group_id"], row["ResourceId"])
            expect_equal("ResourceType", "apiGroup", row["ResourceType"])
        return {row["TagKey"]: row["TagValue"] for row in rows}

    def tag():
        client.tag(state["group_id"], t["more_tags"], resource_type="apiGroup")
        state["tags"].update(t["more_tags"])
        expect_equal("ListTagResources", state["tags"], tags_of_group())

    def untag():
        removed = [next(iter(t["tags"]))] + [k for k in t["more_tags"] if k in state["tags"]]
        client.untag(state["group_id"], removed, resource_type="apiGroup")
        remaining = {k: v for k, v in state["tags"].items() if k not in removed}
        expect_equal("ListTagResources", remaining, tags_of_group())

    def duplicate():
        try:
            other = client.create_group(state["name"], "duplicate", None, {})
        except SdkError as e:
            if e.code != "RepeatedGroupName":
                raise CheckFailed(f"expected code 'RepeatedGroupName', got {e}") from e
            return
        raise CheckFailed(f"expected the SDK to raise RepeatedGroupName, it returned {other!r}")

    def delete():
        client.delete_group(state["group_id"])
        try:
            client.describe_group(state["group_id"])
        except SdkError as e:
            if e.code != "NotFoundApiGroup":
                raise CheckFailed(f"DescribeApiGroup after delete: expected code 'NotFoundApiGroup', got {e}") from e
            return
        raise CheckFailed("DescribeApiGroup after delete: expected NotFoundApiGroup, it succeeded")

    created = "CreateApiGroup with a tag"
    check(created, fn=create)
    check("DescribeApiGroup returns name, description, base path and stages", [created],
          lambda: describe(t["name"], t["description"], base_path or "/"))
    check("DescribeApiGroups by GroupName, with tags", [created], listed)
    check("ModifyApiGroup name, description (and base path), then DescribeApiGroup", [created], modify)
    check("TagResources on the group, then ListTagResources", [created], tag)
    check("UntagResources on the group, then ListTagResources", [created], untag)
    check("CreateApiGroup with a taken name raises RepeatedGroupName", [created], duplicate)
    check("DeleteApiGroup, then DescribeApiGroup raises NotFoundApiGroup", [created], delete)


def main():
    endpoint = sys.argv[1]
    configs = [
        ("py-tea-v3", lambda: TeaClient(endpoint)),
        ("py-tea-v2", lambda: TeaClient(endpoint, signature_algorithm="v2")),
        ("py-core-get", lambda: CoreClient(endpoint, "GET")),
        ("py-core-post", lambda: CoreClient(endpoint, "POST")),
    ]
    for config, make in configs:
        try:
            client = make()
        except Exception as e:
            Report(config).fail("create the client", f"{type(e).__name__}: {e}")
            continue
        run_scenario(config, client)
        run_group_scenario(config, client)


if __name__ == "__main__":
    main()
