"""Drive the official Python SDKs against a running cloudapi-mock.

Usage: python python_sdks.py HOST:PORT

Runs the app lifecycle (run_scenario, below), the API group lifecycle (run_group_scenario),
the API and stage lifecycle (run_api_scenario), the authorizations (run_authorization_scenario)
and the throttling policies (run_traffic_control_scenario) through four client configurations,
each using the SDK exactly as its users do, with only the endpoint, protocol and credentials
changed:

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

    # APIs and stages

    def create_api(self, group_id, d):
        request = self.m.CreateApiRequest(group_id=group_id, **_tea_fields(d))
        return self._call("CreateApi", request).api_id

    def modify_api(self, group_id, api_id, d):
        request = self.m.ModifyApiRequest(group_id=group_id, api_id=api_id, **_tea_fields(d))
        self._call("ModifyApi", request)

    def describe_api(self, group_id, api_id):
        body = self._call("DescribeApi", self.m.DescribeApiRequest(group_id=group_id, api_id=api_id))
        api = _tea_api(body)
        infos = body.deployed_infos.deployed_info if body.deployed_infos and body.deployed_infos.deployed_info else []
        api["Mock"] = body.mock
        api["Deployed"] = sorted(i.stage_name for i in infos if i.deployed_status == "DEPLOYED")
        api["Stages"] = sorted(i.stage_name for i in infos)
        return api

    def deploy(self, group_id, api_id, stage, remark):
        request = self.m.DeployApiRequest(group_id=group_id, api_id=api_id, stage_name=stage, description=remark)
        self._call("DeployApi", request)

    def describe_deployed(self, group_id, api_id, stage):
        request = self.m.DescribeDeployedApiRequest(group_id=group_id, api_id=api_id, stage_name=stage)
        body = self._call("DescribeDeployedApi", request)
        api = _tea_api(body)
        api["StageName"] = body.stage_name
        api["DeployedTime"] = body.deployed_time
        return api

    def deployed_in_group(self, group_id, stage):
        request = self.m.DescribeDeployedApisRequest(group_id=group_id, stage_name=stage, page_size=100)
        body = self._call("DescribeDeployedApis", request)
        items = body.deployed_apis.deployed_api_item if body.deployed_apis and body.deployed_apis.deployed_api_item else []
        return sorted((i.api_id, i.stage_name) for i in items)

    def abolish(self, group_id, api_id, stage):
        request = self.m.AbolishApiRequest(group_id=group_id, api_id=api_id, stage_name=stage)
        self._call("AbolishApi", request)

    def delete_api(self, group_id, api_id):
        self._call("DeleteApi", self.m.DeleteApiRequest(group_id=group_id, api_id=api_id))


    # App-to-API authorization

    def set_apps_auth(self, group_id, api_id, app_ids, stage, description=None, valid_time=None):
        request = self.m.SetAppsAuthoritiesRequest(group_id=group_id, api_id=api_id, app_ids=",".join(map(str, app_ids)),
                                                   stage_name=stage, description=description, auth_valid_time=valid_time)
        self._call("SetAppsAuthorities", request)

    def remove_apps_auth(self, group_id, api_id, app_ids, stage):
        request = self.m.RemoveAppsAuthoritiesRequest(group_id=group_id, api_id=api_id,
                                                      app_ids=",".join(map(str, app_ids)), stage_name=stage)
        self._call("RemoveAppsAuthorities", request)

    def set_apis_auth(self, app_id, api_ids, stage):
        request = self.m.SetApisAuthoritiesRequest(app_id=app_id, api_ids=",".join(api_ids), stage_name=stage)
        self._call("SetApisAuthorities", request)

    def remove_apis_auth(self, app_id, api_ids, stage):
        request = self.m.RemoveApisAuthoritiesRequest(app_id=app_id, api_ids=",".join(api_ids), stage_name=stage)
        self._call("RemoveApisAuthorities", request)

    def authorized_apps(self, group_id, api_id, stage=None):
        request = self.m.DescribeAuthorizedAppsRequest(group_id=group_id, api_id=api_id, stage_name=stage)
        body = self._call("DescribeAuthorizedApps", request)
        items = body.authorized_apps.authorized_app if body.authorized_apps and body.authorized_apps.authorized_app else []
        return sorted((i.app_id, i.stage_name, i.auth_vaild_time, i.description) for i in items)

    def authorized_apis(self, app_id):
        body = self._call("DescribeAuthorizedApis", self.m.DescribeAuthorizedApisRequest(app_id=app_id))
        items = body.authorized_apis.authorized_api if body.authorized_apis and body.authorized_apis.authorized_api else []
        return sorted((i.api_id, i.stage_name, i.auth_vaild_time) for i in items)

    def apis_by_app(self, app_id):
        body = self._call("DescribeApisByApp", self.m.DescribeApisByAppRequest(app_id=app_id))
        infos = body.app_api_relation_infos
        items = infos.app_api_relation_info if infos and infos.app_api_relation_info else []
        return sorted((i.api_id, i.stage_name, i.auth_vaild_time) for i in items)

    # Throttling policies

    def create_traffic_control(self, name, unit, api, user, app, description):
        request = self.m.CreateTrafficControlRequest(traffic_control_name=name, traffic_control_unit=unit, api_default=api,
                                                     user_default=user, app_default=app, description=description)
        return self._call("CreateTrafficControl", request).traffic_control_id

    def modify_traffic_control(self, policy_id, name, unit, api, user, app, description):
        request = self.m.ModifyTrafficControlRequest(traffic_control_id=policy_id, traffic_control_name=name,
                                                     traffic_control_unit=unit, api_default=api, user_default=user,
                                                     app_default=app, description=description)
        self._call("ModifyTrafficControl", request)

    def delete_traffic_control(self, policy_id):
        self._call("DeleteTrafficControl", self.m.DeleteTrafficControlRequest(traffic_control_id=policy_id))

    def traffic_controls(self, policy_id=None, name=None, group_id=None, api_id=None, stage=None):
        request = self.m.DescribeTrafficControlsRequest(traffic_control_id=policy_id, traffic_control_name=name,
                                                        group_id=group_id, api_id=api_id, stage_name=stage, page_size=100)
        body = self._call("DescribeTrafficControls", request)
        items = body.traffic_controls.traffic_control if body.traffic_controls and body.traffic_controls.traffic_control else []
        policies = []
        for p in items:
            kinds = p.special_policies.special_policy if p.special_policies and p.special_policies.special_policy else []
            specials = sorted((k.special_type, s.special_key, s.traffic_value)
                              for k in kinds for s in (k.specials.special if k.specials and k.specials.special else []))
            policies.append({
                "TrafficControlId": p.traffic_control_id, "TrafficControlName": p.traffic_control_name,
                "TrafficControlUnit": p.traffic_control_unit, "ApiDefault": p.api_default, "UserDefault": p.user_default,
                "AppDefault": p.app_default, "Description": p.description, "CreatedTime": p.created_time,
                "ModifiedTime": p.modified_time, "Specials": specials,
            })
        return body.total_count, policies

    def traffic_controls_by_api(self, group_id, api_id, stage):
        request = self.m.DescribeTrafficControlsByApiRequest(group_id=group_id, api_id=api_id, stage_name=stage)
        body = self._call("DescribeTrafficControlsByApi", request)
        items = body.traffic_control_items
        items = items.traffic_control_item if items and items.traffic_control_item else []
        return [(i.traffic_control_item_id, i.traffic_control_item_name, i.bound_time) for i in items]

    def set_traffic_control_apis(self, policy_id, group_id, api_ids, stage):
        request = self.m.SetTrafficControlApisRequest(traffic_control_id=policy_id, group_id=group_id,
                                                      api_ids=",".join(api_ids), stage_name=stage)
        self._call("SetTrafficControlApis", request)

    def remove_traffic_control_apis(self, policy_id, group_id, api_ids, stage):
        request = self.m.RemoveTrafficControlApisRequest(traffic_control_id=policy_id, group_id=group_id,
                                                         api_ids=",".join(api_ids), stage_name=stage)
        self._call("RemoveTrafficControlApis", request)

    def add_special(self, policy_id, kind, key, value):
        request = self.m.AddTrafficSpecialControlRequest(traffic_control_id=policy_id, special_type=kind,
                                                         special_key=key, traffic_value=value)
        self._call("AddTrafficSpecialControl", request)

    def delete_special(self, policy_id, kind, key):
        request = self.m.DeleteTrafficSpecialControlRequest(traffic_control_id=policy_id, special_type=kind, special_key=key)
        self._call("DeleteTrafficSpecialControl", request)


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

    # APIs and stages: the classic SDK sends every parameter, the JSON documents included, in
    # the query (add_query_param), GET or POST alike.

    def _definition(self, r, d):
        for key, value in d.items():
            getattr(r, f"set_{key}")(value)

    def create_api(self, group_id, d):
        def setup(r):
            r.set_GroupId(group_id)
            self._definition(r, d)

        return self._call("CreateApi", setup)["ApiId"]

    def modify_api(self, group_id, api_id, d):
        def setup(r):
            r.set_GroupId(group_id)
            r.set_ApiId(api_id)
            self._definition(r, d)

        self._call("ModifyApi", setup)

    def describe_api(self, group_id, api_id):
        def setup(r):
            r.set_GroupId(group_id)
            r.set_ApiId(api_id)

        body = self._call("DescribeApi", setup)
        api = _json_api(body)
        infos = (body.get("DeployedInfos") or {}).get("DeployedInfo") or []
        api["Mock"] = body.get("Mock")
        api["Deployed"] = sorted(i.get("StageName") for i in infos if i.get("DeployedStatus") == "DEPLOYED")
        api["Stages"] = sorted(i.get("StageName") for i in infos)
        return api

    def _in_stage(self, group_id, api_id, stage):
        def setup(r):
            r.set_GroupId(group_id)
            r.set_ApiId(api_id)
            r.set_StageName(stage)

        return setup

    def deploy(self, group_id, api_id, stage, remark):
        in_stage = self._in_stage(group_id, api_id, stage)

        def setup(r):
            in_stage(r)
            r.set_Description(remark)

        self._call("DeployApi", setup)

    def describe_deployed(self, group_id, api_id, stage):
        body = self._call("DescribeDeployedApi", self._in_stage(group_id, api_id, stage))
        api = _json_api(body)
        api["StageName"] = body.get("StageName")
        api["DeployedTime"] = body.get("DeployedTime")
        return api

    def deployed_in_group(self, group_id, stage):
        def setup(r):
            r.set_GroupId(group_id)
            r.set_StageName(stage)
            r.set_PageSize(100)

        body = self._call("DescribeDeployedApis", setup)
        items = (body.get("DeployedApis") or {}).get("DeployedApiItem") or []
        return sorted((i.get("ApiId"), i.get("StageName")) for i in items)

    def abolish(self, group_id, api_id, stage):
        self._call("AbolishApi", self._in_stage(group_id, api_id, stage))

    def delete_api(self, group_id, api_id):
        def setup(r):
            r.set_GroupId(group_id)
            r.set_ApiId(api_id)

        self._call("DeleteApi", setup)


    # App-to-API authorization

    def set_apps_auth(self, group_id, api_id, app_ids, stage, description=None, valid_time=None):
        def setup(r):
            r.set_GroupId(group_id)
            r.set_ApiId(api_id)
            r.set_AppIds(",".join(map(str, app_ids)))
            r.set_StageName(stage)
            if description is not None:
                r.set_Description(description)
            if valid_time is not None:
                r.set_AuthValidTime(valid_time)

        self._call("SetAppsAuthorities", setup)

    def remove_apps_auth(self, group_id, api_id, app_ids, stage):
        def setup(r):
            r.set_GroupId(group_id)
            r.set_ApiId(api_id)
            r.set_AppIds(",".join(map(str, app_ids)))
            r.set_StageName(stage)

        self._call("RemoveAppsAuthorities", setup)

    def set_apis_auth(self, app_id, api_ids, stage):
        def setup(r):
            r.set_AppId(app_id)
            r.set_ApiIds(",".join(api_ids))
            r.set_StageName(stage)

        self._call("SetApisAuthorities", setup)

    def remove_apis_auth(self, app_id, api_ids, stage):
        def setup(r):
            r.set_AppId(app_id)
            r.set_ApiIds(",".join(api_ids))
            r.set_StageName(stage)

        self._call("RemoveApisAuthorities", setup)

    def authorized_apps(self, group_id, api_id, stage=None):
        def setup(r):
            r.set_GroupId(group_id)
            r.set_ApiId(api_id)
            if stage is not None:
                r.set_StageName(stage)

        body = self._call("DescribeAuthorizedApps", setup)
        items = (body.get("AuthorizedApps") or {}).get("AuthorizedApp") or []
        return sorted((i.get("AppId"), i.get("StageName"), i.get("AuthVaildTime"), i.get("Description")) for i in items)

    def authorized_apis(self, app_id):
        body = self._call("DescribeAuthorizedApis", lambda r: r.set_AppId(app_id))
        items = (body.get("AuthorizedApis") or {}).get("AuthorizedApi") or []
        return sorted((i.get("ApiId"), i.get("StageName"), i.get("AuthVaildTime")) for i in items)

    def apis_by_app(self, app_id):
        body = self._call("DescribeApisByApp", lambda r: r.set_AppId(app_id))
        items = (body.get("AppApiRelationInfos") or {}).get("AppApiRelationInfo") or []
        return sorted((i.get("ApiId"), i.get("StageName"), i.get("AuthVaildTime")) for i in items)

    # Throttling policies

    def _traffic_control_fields(self, r, name, unit, api, user, app, description):
        for key, value in (("TrafficControlName", name), ("TrafficControlUnit", unit), ("ApiDefault", api),
                           ("UserDefault", user), ("AppDefault", app), ("Description", description)):
            if value is not None:
                getattr(r, f"set_{key}")(value)

    def create_traffic_control(self, name, unit, api, user, app, description):
        setup = lambda r: self._traffic_control_fields(r, name, unit, api, user, app, description)
        return self._call("CreateTrafficControl", setup)["TrafficControlId"]

    def modify_traffic_control(self, policy_id, name, unit, api, user, app, description):
        def setup(r):
            r.set_TrafficControlId(policy_id)
            self._traffic_control_fields(r, name, unit, api, user, app, description)

        self._call("ModifyTrafficControl", setup)

    def delete_traffic_control(self, policy_id):
        self._call("DeleteTrafficControl", lambda r: r.set_TrafficControlId(policy_id))

    def traffic_controls(self, policy_id=None, name=None, group_id=None, api_id=None, stage=None):
        def setup(r):
            for key, value in (("TrafficControlId", policy_id), ("TrafficControlName", name), ("GroupId", group_id),
                               ("ApiId", api_id), ("StageName", stage)):
                if value is not None:
                    getattr(r, f"set_{key}")(value)
            r.set_PageSize(100)

        body = self._call("DescribeTrafficControls", setup)
        items = (body.get("TrafficControls") or {}).get("TrafficControl") or []
        policies = []
        for p in items:
            kinds = (p.get("SpecialPolicies") or {}).get("SpecialPolicy") or []
            specials = sorted((k.get("SpecialType"), s.get("SpecialKey"), s.get("TrafficValue"))
                              for k in kinds for s in ((k.get("Specials") or {}).get("Special") or []))
            keys = ("TrafficControlId", "TrafficControlName", "TrafficControlUnit", "ApiDefault", "UserDefault",
                    "AppDefault", "Description", "CreatedTime", "ModifiedTime")
            policies.append(dict({k: p.get(k) for k in keys}, Specials=specials))
        return body.get("TotalCount"), policies

    def traffic_controls_by_api(self, group_id, api_id, stage):
        body = self._call("DescribeTrafficControlsByApi", self._in_stage(group_id, api_id, stage))
        items = (body.get("TrafficControlItems") or {}).get("TrafficControlItem") or []
        return [(i.get("TrafficControlItemId"), i.get("TrafficControlItemName"), i.get("BoundTime")) for i in items]

    def _bindings(self, policy_id, group_id, api_ids, stage):
        def setup(r):
            r.set_TrafficControlId(policy_id)
            r.set_GroupId(group_id)
            r.set_ApiIds(",".join(api_ids))
            r.set_StageName(stage)

        return setup

    def set_traffic_control_apis(self, policy_id, group_id, api_ids, stage):
        self._call("SetTrafficControlApis", self._bindings(policy_id, group_id, api_ids, stage))

    def remove_traffic_control_apis(self, policy_id, group_id, api_ids, stage):
        self._call("RemoveTrafficControlApis", self._bindings(policy_id, group_id, api_ids, stage))

    def add_special(self, policy_id, kind, key, value):
        def setup(r):
            r.set_TrafficControlId(policy_id)
            r.set_SpecialType(kind)
            r.set_SpecialKey(key)
            r.set_TrafficValue(value)

        self._call("AddTrafficSpecialControl", setup)

    def delete_special(self, policy_id, kind, key):
        def setup(r):
            r.set_TrafficControlId(policy_id)
            r.set_SpecialType(kind)
            r.set_SpecialKey(key)

        self._call("DeleteTrafficSpecialControl", setup)


# ---------------------------------------------------------------------------------------
# What both SDK families answer for an API, reduced to what the checks compare.


def _tea_fields(d):
    """A definition's wire names (ApiName, RequestConfig ...) as the Tea models' fields."""
    return {re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower(): value for key, value in d.items()}


def _tea_api(body):
    rc, sc = body.request_config, body.service_config
    headers = sc.mock_headers.mock_header if sc and sc.mock_headers and sc.mock_headers.mock_header else []
    params = body.request_parameters.request_parameter if body.request_parameters and body.request_parameters.request_parameter else []
    constants = body.constant_parameters.constant_parameter if body.constant_parameters and body.constant_parameters.constant_parameter else []
    system = body.system_parameters.system_parameter if body.system_parameters and body.system_parameters.system_parameter else []
    return {
        "ApiId": body.api_id,
        "ApiName": body.api_name,
        "Description": body.description,
        "RequestPath": rc.request_path if rc else None,
        "RequestHttpMethod": rc.request_http_method if rc else None,
        "ServiceAddress": sc.service_address if sc else None,
        "ServiceTimeout": sc.service_timeout if sc else None,
        "ServiceMock": sc.mock if sc else None,
        "MockResult": sc.mock_result if sc else None,
        "MockStatusCode": sc.mock_status_code if sc else None,
        "MockHeaders": [(h.header_name, h.header_value) for h in headers],
        "RequestParameters": sorted((p.api_parameter_name, p.location) for p in params),
        "ConstantParameters": [(c.service_parameter_name, c.constant_value, c.location) for c in constants],
        "SystemParameters": [(p.parameter_name, p.service_parameter_name, p.location) for p in system],
    }


def _json_api(body):
    rc, sc = body.get("RequestConfig") or {}, body.get("ServiceConfig") or {}
    items = lambda outer, inner, b=body: (b.get(outer) or {}).get(inner) or []
    headers = (sc.get("MockHeaders") or {}).get("MockHeader") or []
    return {
        "ApiId": body.get("ApiId"),
        "ApiName": body.get("ApiName"),
        "Description": body.get("Description"),
        "RequestPath": rc.get("RequestPath"),
        "RequestHttpMethod": rc.get("RequestHttpMethod"),
        "ServiceAddress": sc.get("ServiceAddress"),
        "ServiceTimeout": sc.get("ServiceTimeout"),
        "ServiceMock": sc.get("Mock"),
        "MockResult": sc.get("MockResult"),
        "MockStatusCode": sc.get("MockStatusCode"),
        "MockHeaders": [(h.get("HeaderName"), h.get("HeaderValue")) for h in headers],
        "RequestParameters": sorted((p.get("ApiParameterName"), p.get("Location")) for p in items("RequestParameters", "RequestParameter")),
        "ConstantParameters": [(c.get("ServiceParameterName"), c.get("ConstantValue"), c.get("Location")) for c in items("ConstantParameters", "ConstantParameter")],
        "SystemParameters": [(p.get("ParameterName"), p.get("ServiceParameterName"), p.get("Location")) for p in items("SystemParameters", "SystemParameter")],
    }


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


def mock_definition(name, result):
    """An API answered by the gateway's Mock backend (reference/cloudapi-apis.md 4.8)."""
    return {
        "ApiName": name,
        "Visibility": "PRIVATE",
        "AuthType": "ANONYMOUS",
        "Description": "a Mock-backend API",
        "ResultType": "JSON",
        "ResultSample": result,
        "RequestConfig": json.dumps({"RequestProtocol": "HTTP,HTTPS", "RequestHttpMethod": "GET",
                                     "RequestPath": f"/{name}", "RequestMode": "PASSTHROUGH"}),
        "ServiceConfig": json.dumps({"ServiceProtocol": "HTTP", "ServiceAddress": "http://www.aliyun.com",
                                     "ServiceHttpMethod": "GET", "ServicePath": "/mock", "ServiceTimeout": "10000",
                                     "Mock": "TRUE", "MockResult": result, "MockStatusCode": 200,
                                     "MockHeaders": [{"HeaderName": "Content-Type", "HeaderValue": "application/json"}]}),
    }


def http_definition(name, address):
    """An API in front of an HTTP backend, with a PATH, a QUERY, a HEAD and a BODY parameter,
    one constant and one system parameter."""
    return {
        "ApiName": name,
        "Visibility": "PRIVATE",
        "AuthType": "APP",
        "Description": "today's forecast for a city: 天气",
        "ResultType": "JSON",
        "ResultSample": '{"forecast":"sunny"}',
        "RequestConfig": json.dumps({"RequestProtocol": "HTTP", "RequestHttpMethod": "POST",
                                     "RequestPath": "/weather/[city]", "RequestMode": "MAPPING", "BodyFormat": "FORM"}),
        "ServiceConfig": json.dumps({"ServiceProtocol": "HTTP", "ServiceAddress": address,
                                     "ServicePath": "/v1/forecast/[cityName]", "ServiceHttpMethod": "POST",
                                     "ServiceTimeout": 3000, "Mock": "FALSE", "ServiceVpcEnable": "FALSE"}),
        "RequestParameters": json.dumps([
            {"ApiParameterName": "city", "Location": "PATH", "ParameterType": "String", "Required": "REQUIRED"},
            {"ApiParameterName": "days", "Location": "QUERY", "ParameterType": "Int", "Required": "OPTIONAL", "DefaultValue": "3"},
            {"ApiParameterName": "X-Trace-Id", "Location": "HEAD", "ParameterType": "String", "Required": "OPTIONAL"},
            {"ApiParameterName": "note", "Location": "BODY", "ParameterType": "String", "Required": "OPTIONAL"},
        ]),
        "ServiceParameters": json.dumps([
            {"ServiceParameterName": "cityName", "Location": "PATH", "ParameterType": "STRING", "ParameterCatalog": "REQUEST"},
            {"ServiceParameterName": "days", "Location": "QUERY", "ParameterType": "NUMBER", "ParameterCatalog": "REQUEST"},
            {"ServiceParameterName": "X-Trace-Id", "Location": "HEAD", "ParameterType": "STRING", "ParameterCatalog": "REQUEST"},
            {"ServiceParameterName": "note", "Location": "BODY", "ParameterType": "STRING", "ParameterCatalog": "REQUEST"},
        ]),
        "ServiceParametersMap": json.dumps([
            {"ServiceParameterName": "cityName", "RequestParameterName": "city"},
            {"ServiceParameterName": "days", "RequestParameterName": "days"},
            {"ServiceParameterName": "X-Trace-Id", "RequestParameterName": "X-Trace-Id"},
            {"ServiceParameterName": "note", "RequestParameterName": "note"},
        ]),
        "ConstantParameters": json.dumps([{"ServiceParameterName": "apiVersion", "ConstantValue": "2",
                                           "Location": "HEAD", "Description": "the backend's version"}]),
        "SystemParameters": json.dumps([{"ParameterName": "CaClientIp", "ServiceParameterName": "clientIp", "Location": "HEAD"}]),
    }


def expect_code(what, code, fn):
    try:
        fn()
    except SdkError as e:
        if e.code != code:
            raise CheckFailed(f"{what}: expected code {code!r}, got {e}") from e
        return
    raise CheckFailed(f"{what}: expected the SDK to raise {code}, it succeeded")


def run_api_scenario(config, client):
    """APIs and stages, the same for every configuration; node_sdks.js mirrors it: a
    Mock-backend API and an HTTP-backend API, deployed to RELEASE and TEST, the deployed
    copy read, modified and re-deployed, abolished and deleted."""
    label = config.replace("-", "_")
    state = {}
    check = checker(config)
    mock_name, http_name = f"{label}_mock_api", f"{label}_http_api"

    def group():
        state["group"] = client.create_group(f"{label}_apis", "the group of the API checks", None, {})["GroupId"]

    def create_mock():
        api_id = client.create_api(state["group"], mock_definition(mock_name, '{"forecast":"sunny"}'))
        if not isinstance(api_id, str) or not HEX32.match(api_id):
            raise CheckFailed(f"ApiId: expected 32 lower-case hexadecimal characters, got {api_id!r}")
        state["mock"] = api_id

    def create_http():
        state["http"] = client.create_api(state["group"], http_definition(http_name, "http://backend.example.com:8080"))

    def describe_mock():
        api = client.describe_api(state["group"], state["mock"])
        expect_equal("ApiName", mock_name, api["ApiName"])
        expect_equal("RequestConfig.RequestPath", f"/{mock_name}", api["RequestPath"])
        expect_equal("ServiceConfig.Mock", "TRUE", api["ServiceMock"])
        expect_equal("Mock", "OPEN", api["Mock"])
        expect_equal("ServiceConfig.MockResult", '{"forecast":"sunny"}', api["MockResult"])
        expect_equal("ServiceConfig.MockStatusCode", 200, api["MockStatusCode"])
        expect_equal("ServiceConfig.ServiceTimeout", 10000, api["ServiceTimeout"])
        expect_equal("ServiceConfig.MockHeaders", [("Content-Type", "application/json")], api["MockHeaders"])
        expect_equal("DeployedInfos stages", ["PRE", "RELEASE", "TEST"], api["Stages"])
        expect_equal("DeployedInfos DEPLOYED", [], api["Deployed"])

    def describe_http():
        api = client.describe_api(state["group"], state["http"])
        expect_equal("RequestConfig.RequestPath", "/weather/[city]", api["RequestPath"])
        expect_equal("ServiceConfig.ServiceAddress", "http://backend.example.com:8080", api["ServiceAddress"])
        expect_equal("ServiceConfig.Mock", "FALSE", api["ServiceMock"])
        expect_equal("ServiceConfig.ServiceTimeout", 3000, api["ServiceTimeout"])
        expect_equal("RequestParameters", sorted([("city", "PATH"), ("days", "QUERY"), ("X-Trace-Id", "HEAD"), ("note", "BODY")]),
                     api["RequestParameters"])
        expect_equal("ConstantParameters", [("apiVersion", "2", "HEAD")], api["ConstantParameters"])
        expect_equal("SystemParameters", [("CaClientIp", "clientIp", "HEAD")], api["SystemParameters"])
        expect_equal("Description", "today's forecast for a city: 天气", api["Description"])

    def deploy_mock():
        for stage in ("RELEASE", "TEST"):
            client.deploy(state["group"], state["mock"], stage, f"first {stage} deploy")
        deployed = client.describe_deployed(state["group"], state["mock"], "RELEASE")
        expect_equal("StageName", "RELEASE", deployed["StageName"])
        expect_equal("ServiceConfig.MockResult", '{"forecast":"sunny"}', deployed["MockResult"])
        if not deployed["DeployedTime"]:
            raise CheckFailed(f"DeployedTime: expected a time, got {deployed['DeployedTime']!r}")
        expect_equal("DeployedInfos DEPLOYED", ["RELEASE", "TEST"], client.describe_api(state["group"], state["mock"])["Deployed"])

    def deploy_http():
        client.deploy(state["group"], state["http"], "RELEASE", "first deploy")
        deployed = client.describe_deployed(state["group"], state["http"], "RELEASE")
        expect_equal("RequestConfig.RequestPath", "/weather/[city]", deployed["RequestPath"])
        expect_equal("ConstantParameters", [("apiVersion", "2", "HEAD")], deployed["ConstantParameters"])

    def listed():
        expect_equal("DescribeDeployedApis RELEASE", sorted([(state["mock"], "RELEASE"), (state["http"], "RELEASE")]),
                     client.deployed_in_group(state["group"], "RELEASE"))

    def modify_redeploy():
        client.modify_api(state["group"], state["mock"], mock_definition(mock_name, '{"forecast":"rain"}'))
        expect_equal("the draft's MockResult", '{"forecast":"rain"}', client.describe_api(state["group"], state["mock"])["MockResult"])
        before = client.describe_deployed(state["group"], state["mock"], "RELEASE")
        expect_equal("RELEASE runs the old MockResult until the next deploy", '{"forecast":"sunny"}', before["MockResult"])
        client.deploy(state["group"], state["mock"], "RELEASE", "second deploy")
        after = client.describe_deployed(state["group"], state["mock"], "RELEASE")
        expect_equal("RELEASE after re-deploying", '{"forecast":"rain"}', after["MockResult"])
        expect_equal("TEST keeps its copy", '{"forecast":"sunny"}', client.describe_deployed(state["group"], state["mock"], "TEST")["MockResult"])

    def modify_http():
        client.modify_api(state["group"], state["http"], http_definition(http_name, "http://backend-v2.example.com:8080"))
        client.deploy(state["group"], state["http"], "RELEASE", "second deploy")
        expect_equal("ServiceConfig.ServiceAddress", "http://backend-v2.example.com:8080",
                     client.describe_deployed(state["group"], state["http"], "RELEASE")["ServiceAddress"])

    def refused_while_deployed():
        try:
            client.delete_api(state["group"], state["mock"])
        except SdkError:
            return
        raise CheckFailed("DeleteApi of a deployed API: expected a refusal, it succeeded")

    def abolish():
        for stage in ("RELEASE", "TEST"):
            client.abolish(state["group"], state["mock"], stage)
        client.abolish(state["group"], state["http"], "RELEASE")
        expect_code("DescribeDeployedApi after AbolishApi", "NotFoundStage",
                    lambda: client.describe_deployed(state["group"], state["mock"], "RELEASE"))
        expect_equal("DeployedInfos DEPLOYED", [], client.describe_api(state["group"], state["mock"])["Deployed"])

    def delete():
        for key in ("mock", "http"):
            client.delete_api(state["group"], state[key])
            expect_code("DescribeApi after DeleteApi", "NotFoundApi", lambda k=key: client.describe_api(state["group"], state[k]))
            del state[key]
        client.delete_group(state.pop("group"))

    grouped, mocked, http = "CreateApiGroup for the APIs", "CreateApi with a Mock backend", "CreateApi with an HTTP backend"
    check(grouped, fn=group)
    check(mocked, [grouped], create_mock)
    check(http, [grouped], create_http)
    check("DescribeApi: the Mock backend, typed as the SDK models say", [mocked], describe_mock)
    check("DescribeApi: path, query, header, body parameters, constant, system parameter", [http], describe_http)
    check("DeployApi to RELEASE and TEST, then DescribeDeployedApi", [mocked], deploy_mock)
    check("DeployApi the HTTP backend to RELEASE, then DescribeDeployedApi", [http], deploy_http)
    check("DescribeDeployedApis in RELEASE", ["DeployApi to RELEASE and TEST, then DescribeDeployedApi",
                                               "DeployApi the HTTP backend to RELEASE, then DescribeDeployedApi"], listed)
    check("ModifyApi changes the draft only, until DeployApi", ["DeployApi to RELEASE and TEST, then DescribeDeployedApi"], modify_redeploy)
    check("ModifyApi the HTTP backend, re-deploy", ["DeployApi the HTTP backend to RELEASE, then DescribeDeployedApi"], modify_http)
    check("DeleteApi of a deployed API is refused", ["DeployApi to RELEASE and TEST, then DescribeDeployedApi"], refused_while_deployed)
    check("AbolishApi from every stage, then DescribeDeployedApi raises NotFoundStage", [mocked, http], abolish)
    check("DeleteApi, then DescribeApi raises NotFoundApi; DeleteApiGroup",
          ["AbolishApi from every stage, then DescribeDeployedApi raises NotFoundStage"], delete)
    # Whatever failed, leave the mock as it was: abolish, delete the APIs, then the group.
    for key in ("mock", "http"):
        if key in state and "group" in state:
            for stage in ("RELEASE", "PRE", "TEST"):
                try:
                    client.abolish(state["group"], state[key], stage)
                except SdkError:
                    pass
            try:
                client.delete_api(state["group"], state[key])
            except SdkError:
                pass
    if "group" in state:
        try:
            client.delete_group(state["group"])
        except SdkError:
            pass


def run_authorization_scenario(config, client):
    """App-to-API authorization, the same for every configuration; node_sdks.js mirrors it:
    two apps authorized on an API never deployed, for a limited time, read from the
    provider's side (DescribeAuthorizedApps) and the app's (DescribeAuthorizedApis,
    DescribeApisByApp); one app granted and revoked on the API in TEST the other way
    (SetApisAuthorities, RemoveApisAuthorities); both revoked, a second revoke raising
    NotFoundAuthorization (terraform's "already gone")."""
    label = config.replace("-", "_")
    state = {}
    check = checker(config)
    remark = "granted by the SDK check: 授权"
    until, iso, rfc = "Tue,05Oct203816:00:00GMT", "2038-10-05T16:00:00Z", "Tue, 05 Oct 2038 16:00:00 GMT"

    def setup():
        state["group"] = client.create_group(f"{label}_auth", "the group of the authorization checks", None, {})["GroupId"]
        definition = dict(mock_definition(f"{label}_auth_api", '{"forecast":"sunny"}'), AuthType="APP")
        state["api"] = client.create_api(state["group"], definition)
        state["apps"] = [client.create(f"{label}_auth_{n}", "an app to authorize", {}) for n in ("reader", "writer")]

    def grant():
        client.set_apps_auth(state["group"], state["api"], state["apps"], "RELEASE", remark, until)
        expected = sorted((app, "RELEASE", iso, remark) for app in state["apps"])
        expect_equal("DescribeAuthorizedApps", expected, client.authorized_apps(state["group"], state["api"], "RELEASE"))

    def the_apps_view():
        reader = state["apps"][0]
        expect_equal("DescribeAuthorizedApis", [(state["api"], "RELEASE", iso)], client.authorized_apis(reader))
        expect_equal("DescribeApisByApp", [(state["api"], "RELEASE", rfc)], client.apis_by_app(reader))

    def the_other_way():
        reader = state["apps"][0]
        client.set_apis_auth(reader, [state["api"]], "TEST")
        expect_equal("DescribeAuthorizedApis", sorted([(state["api"], "RELEASE", iso), (state["api"], "TEST", "")]),
                     client.authorized_apis(reader))
        client.remove_apis_auth(reader, [state["api"]], "TEST")
        expect_equal("DescribeAuthorizedApps in TEST", [], client.authorized_apps(state["group"], state["api"], "TEST"))

    def revoke():
        client.remove_apps_auth(state["group"], state["api"], state["apps"], "RELEASE")
        expect_equal("DescribeAuthorizedApps", [], client.authorized_apps(state["group"], state["api"]))
        expect_equal("DescribeAuthorizedApis", [], client.authorized_apis(state["apps"][0]))
        expect_code("RemoveAppsAuthorities again", "NotFoundAuthorization",
                    lambda: client.remove_apps_auth(state["group"], state["api"], state["apps"][:1], "RELEASE"))

    made, granted = "CreateApiGroup, CreateApi (AuthType APP), two CreateApp", "SetAppsAuthorities: two apps, RELEASE, AuthValidTime, then DescribeAuthorizedApps"
    check(made, fn=setup)
    check(granted, [made], grant)
    check("DescribeAuthorizedApis and DescribeApisByApp: the app's view", [granted], the_apps_view)
    check("SetApisAuthorities in TEST, then RemoveApisAuthorities", [granted], the_other_way)
    check("RemoveAppsAuthorities, then a second raises NotFoundAuthorization", [granted], revoke)
    # Whatever failed, leave the mock as it was: the apps (their authorizations with them),
    # the API, the group.
    for app in state.get("apps", []):
        try:
            client.delete(app)
        except SdkError:
            pass
    if "api" in state:
        try:
            client.delete_api(state["group"], state["api"])
        except SdkError:
            pass
    if "group" in state:
        try:
            client.delete_group(state["group"])
        except SdkError:
            pass


TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def run_traffic_control_scenario(config, client):
    """Throttling policies, the same for every configuration; node_sdks.js mirrors it: a
    policy created with its three limits, read back by id and by name, modified, bound to an
    API in RELEASE and read back from the API's side (DescribeTrafficControlsByApi, and
    DescribeTrafficControls by GroupId, ApiId and StageName), refused deletion while bound
    (DependencyViolationTrafficControl), given special limits for an app and a user, one of
    them deleted, unbound, deleted, a second delete raising NotFoundTrafficControl."""
    label = config.replace("-", "_")
    state = {}
    check = checker(config)
    name, new_name = f"{label}_policy", f"{label}_policy_v2"
    remark, new_remark = "the SDK check's policy: 限流 a+b=c & d", "modified: 每小时 100% (f) 'g'"
    app_key, user_key = "10000000042", "1234567890123456"

    def setup():
        state["group"] = client.create_group(f"{label}_traffic", "the group of the throttling checks", None, {})["GroupId"]
        state["api"] = client.create_api(state["group"], mock_definition(f"{label}_traffic_api", '{"forecast":"sunny"}'))

    def one_policy(listed):
        total, policies = listed
        expect_equal("TotalCount", 1, total)
        if len(policies) != 1:
            raise CheckFailed(f"TrafficControls.TrafficControl: expected the policy once, got {policies!r}")
        return policies[0]

    def expect_policy(policy, policy_name, unit, limits, description):
        expect_equal("TrafficControlId", state["policy"], policy["TrafficControlId"])
        expect_equal("TrafficControlName", policy_name, policy["TrafficControlName"])
        expect_equal("TrafficControlUnit", unit, policy["TrafficControlUnit"])
        expect_equal("ApiDefault, UserDefault, AppDefault", limits,
                     (policy["ApiDefault"], policy["UserDefault"], policy["AppDefault"]))
        expect_equal("Description", description, policy["Description"])
        for field in ("CreatedTime", "ModifiedTime"):
            if not isinstance(policy[field], str) or not TIME.match(policy[field]):
                raise CheckFailed(f"{field}: expected a time like 2016-02-23T12:46:24Z, got {policy[field]!r}")

    def create():
        policy_id = client.create_traffic_control(name, "MINUTE", 100, 50, 20, remark)
        if not isinstance(policy_id, str) or not policy_id:
            raise CheckFailed(f"TrafficControlId: expected an id, got {policy_id!r}")
        state["policy"] = policy_id

    def described():
        policy = one_policy(client.traffic_controls(policy_id=state["policy"]))
        expect_policy(policy, name, "MINUTE", (100, 50, 20), remark)
        expect_equal("SpecialPolicies", [], policy["Specials"])

    def modify():
        client.modify_traffic_control(state["policy"], new_name, "HOUR", 200, 100, 40, new_remark)
        expect_policy(one_policy(client.traffic_controls(name=new_name)), new_name, "HOUR", (200, 100, 40), new_remark)
        expect_equal("DescribeTrafficControls by the old name", (0, []), client.traffic_controls(name=name))

    def bind():
        client.set_traffic_control_apis(state["policy"], state["group"], [state["api"]], "RELEASE")
        items = client.traffic_controls_by_api(state["group"], state["api"], "RELEASE")
        expect_equal("TrafficControlItems (id, name)", [(state["policy"], new_name)], [(i, n) for i, n, _ in items])
        if not isinstance(items[0][2], str) or not TIME.match(items[0][2]):
            raise CheckFailed(f"BoundTime: expected a time like 2016-02-23T12:46:24Z, got {items[0][2]!r}")
        expect_equal("DescribeTrafficControlsByApi in TEST", [], client.traffic_controls_by_api(state["group"], state["api"], "TEST"))

    def by_api():
        policy = one_policy(client.traffic_controls(group_id=state["group"], api_id=state["api"], stage="RELEASE"))
        expect_equal("TrafficControlId", state["policy"], policy["TrafficControlId"])
        expect_equal("DescribeTrafficControls in TEST", (0, []),
                     client.traffic_controls(group_id=state["group"], api_id=state["api"], stage="TEST"))

    def refused_while_bound():
        expect_code("DeleteTrafficControl of a bound policy", "DependencyViolationTrafficControl",
                    lambda: client.delete_traffic_control(state["policy"]))

    def specials():
        client.add_special(state["policy"], "APP", app_key, 10)
        client.add_special(state["policy"], "USER", user_key, 30)
        expect_equal("SpecialPolicies", [("APP", app_key, 10), ("USER", user_key, 30)],
                     one_policy(client.traffic_controls(policy_id=state["policy"]))["Specials"])
        client.delete_special(state["policy"], "APP", app_key)
        expect_equal("SpecialPolicies after DeleteTrafficSpecialControl", [("USER", user_key, 30)],
                     one_policy(client.traffic_controls(policy_id=state["policy"]))["Specials"])

    def unbind():
        client.remove_traffic_control_apis(state["policy"], state["group"], [state["api"]], "RELEASE")
        expect_equal("DescribeTrafficControlsByApi", [], client.traffic_controls_by_api(state["group"], state["api"], "RELEASE"))

    def delete():
        client.delete_traffic_control(state["policy"])
        expect_equal("DescribeTrafficControls by TrafficControlId", (0, []), client.traffic_controls(policy_id=state["policy"]))
        expect_code("DeleteTrafficControl again", "NotFoundTrafficControl", lambda: client.delete_traffic_control(state["policy"]))
        del state["policy"]

    made, created = "CreateApiGroup and CreateApi for the throttling policy", "CreateTrafficControl: MINUTE, API, user and app limits"
    bound, unbound = "SetTrafficControlApis in RELEASE, then DescribeTrafficControlsByApi", "RemoveTrafficControlApis, then DescribeTrafficControlsByApi"
    check(made, fn=setup)
    check(created, fn=create)
    check("DescribeTrafficControls by TrafficControlId: the policy as created", [created], described)
    check("ModifyTrafficControl, then DescribeTrafficControls by TrafficControlName", [created], modify)
    check(bound, [made, created], bind)
    check("DescribeTrafficControls by GroupId, ApiId and StageName", [bound], by_api)
    check("DeleteTrafficControl of a bound policy raises DependencyViolationTrafficControl", [bound], refused_while_bound)
    check("AddTrafficSpecialControl for an app and a user, then DeleteTrafficSpecialControl", [created], specials)
    check(unbound, [bound], unbind)
    check("DeleteTrafficControl, then a second raises NotFoundTrafficControl", [unbound], delete)
    # Whatever failed, leave the mock as it was: the API (its bindings with it), the policy,
    # the group.
    if "api" in state:
        try:
            client.delete_api(state["group"], state["api"])
        except SdkError:
            pass
    if "policy" in state:
        try:
            client.delete_traffic_control(state["policy"])
        except SdkError:
            pass
    if "group" in state:
        try:
            client.delete_group(state["group"])
        except SdkError:
            pass


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
        run_api_scenario(config, client)
        run_authorization_scenario(config, client)
        run_traffic_control_scenario(config, client)


if __name__ == "__main__":
    main()
