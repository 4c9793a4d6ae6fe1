'use strict';
// Drive the official Node SDKs against a running cloudapi-mock.
//
// Usage: node node_sdks.js HOST:PORT
//
// Runs the app lifecycle, the API group lifecycle, the API and stage lifecycle, the
// authorizations and the throttling policies (the same scenarios as python_sdks.py)
// through four client configurations, each using the SDK exactly as its users do, with only
// the endpoint, protocol and credentials changed:
//
//   node-tea-v3    @alicloud/cloudapi20160714, default ACS3-HMAC-SHA256 signature
//   node-tea-v2    @alicloud/cloudapi20160714, signatureAlgorithm 'v2' (HMAC-SHA1)
//   node-pop-get   @alicloud/pop-core, GET (its default)
//   node-pop-post  @alicloud/pop-core, { method: 'POST' }: every parameter in a form body
//
// Prints one line per check ("ok ..." or "FAIL ..."); run.sh counts them.

const CloudAPI = require('@alicloud/cloudapi20160714');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const RPCClient = require('@alicloud/pop-core');

const ACCESS_KEY_ID = 'testid';
const ACCESS_KEY_SECRET = 'testsecret';
const REGION = 'cn-hangzhou';

// An error the SDK threw, reduced to what every check needs to show.
class SdkError extends Error {
  constructor({ action, code, status, message, requestId, body }) {
    super(code);
    Object.assign(this, { action, code, status, sdkMessage: message, requestId, body });
  }

  toString() {
    const parts = [`${this.action}:`, `code=${JSON.stringify(this.code)}`, `status=${this.status}`,
      `message=${JSON.stringify(this.sdkMessage)}`];
    if (this.requestId) parts.push(`request_id=${this.requestId}`);
    if (this.body !== undefined) parts.push(`body=${JSON.stringify(this.body)}`);
    return parts.join(' ');
  }
}

// ---------------------------------------------------------------------------------------
// @alicloud/cloudapi20160714 (Tea / "V2.0" SDK, on @alicloud/openapi-core)

class TeaClient {
  constructor(endpoint, signatureAlgorithm) {
    const config = new $OpenApiUtil.Config({
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      endpoint,
      protocol: 'http',
      regionId: REGION,
    });
    if (signatureAlgorithm) config.signatureAlgorithm = signatureAlgorithm;
    this.client = new CloudAPI.default(config);
  }

  async call(method, request) {
    try {
      return (await this.client[method](request)).body;
    } catch (e) {
      if (e && e.code !== undefined && e.statusCode !== undefined) {
        const action = method[0].toUpperCase() + method.slice(1); // describeApp -> DescribeApp
        throw new SdkError({ action, code: e.code, status: e.statusCode, message: e.message,
          requestId: e.requestId, body: e.data });
      }
      throw e;
    }
  }

  async create(name, description, tags) {
    const request = new CloudAPI.CreateAppRequest({
      appName: name,
      description,
      tag: Object.entries(tags).map(([key, value]) => new CloudAPI.CreateAppRequestTag({ key, value })),
    });
    return (await this.call('createApp', request)).appId;
  }

  async describe(appId) {
    const body = await this.call('describeApp', new CloudAPI.DescribeAppRequest({ appId }));
    return { AppId: body.appId, AppName: body.appName, Description: body.description };
  }

  async attributesByName(appName) {
    const body = await this.call('describeAppAttributes', new CloudAPI.DescribeAppAttributesRequest({ appName }));
    const items = (body.apps && body.apps.appAttribute) || [];
    return items.map((a) => ({
      AppId: a.appId,
      AppName: a.appName,
      Description: a.description,
      Tags: Object.fromEntries(((a.tags && a.tags.tagInfo) || []).map((t) => [t.key, t.value])),
    }));
  }

  async appsById(appId) {
    const body = await this.call('describeApps', new CloudAPI.DescribeAppsRequest({ appId }));
    const items = (body.apps && body.apps.appItem) || [];
    return items.map((a) => ({ AppId: a.appId, AppName: a.appName, Description: a.description }));
  }

  async modify(appId, appName, description) {
    await this.call('modifyApp', new CloudAPI.ModifyAppRequest({ appId, appName, description }));
  }

  async tag(resourceId, tags, resourceType = 'app') {
    await this.call('tagResources', new CloudAPI.TagResourcesRequest({
      resourceType,
      resourceId: [String(resourceId)],
      tag: Object.entries(tags).map(([key, value]) => new CloudAPI.TagResourcesRequestTag({ key, value })),
    }));
  }

  async untag(resourceId, keys, resourceType = 'app') {
    await this.call('untagResources', new CloudAPI.UntagResourcesRequest({
      resourceType, resourceId: [String(resourceId)], tagKey: keys,
    }));
  }

  async listTags(resourceId, resourceType = 'app') {
    const body = await this.call('listTagResources', new CloudAPI.ListTagResourcesRequest({
      resourceType, resourceId: [String(resourceId)],
    }));
    const rows = (body.tagResources && body.tagResources.tagResource) || [];
    return rows.map((r) => ({ ResourceId: r.resourceId, ResourceType: r.resourceType, TagKey: r.tagKey, TagValue: r.tagValue }));
  }

  async security(appId) {
    const body = await this.call('describeAppSecurity', new CloudAPI.DescribeAppSecurityRequest({ appId }));
    return { AppKey: body.appKey, AppSecret: body.appSecret, AppCode: body.appCode };
  }

  async resetSecret(appKey) {
    await this.call('resetAppSecret', new CloudAPI.ResetAppSecretRequest({ appKey }));
  }

  async delete(appId) {
    await this.call('deleteApp', new CloudAPI.DeleteAppRequest({ appId }));
  }

  // API groups

  async createGroup(groupName, description, basePath, tags) {
    const body = await this.call('createApiGroup', new CloudAPI.CreateApiGroupRequest({
      groupName,
      description,
      basePath,
      tag: Object.entries(tags).map(([key, value]) => new CloudAPI.CreateApiGroupRequestTag({ key, value })),
    }));
    return { GroupId: body.groupId, GroupName: body.groupName, SubDomain: body.subDomain, BasePath: body.basePath,
      Description: body.description, InstanceId: body.instanceId, InstanceType: body.instanceType,
      TagStatus: body.tagStatus };
  }

  async describeGroup(groupId) {
    const body = await this.call('describeApiGroup', new CloudAPI.DescribeApiGroupRequest({ groupId }));
    const stages = (body.stageItems && body.stageItems.stageInfo) || [];
    return { GroupId: body.groupId, GroupName: body.groupName, Description: body.description, BasePath: body.basePath,
      SubDomain: body.subDomain, TrafficLimit: body.trafficLimit, Stages: stages.map((st) => [st.stageName, st.stageId]) };
  }

  async groupsByName(groupName) {
    const body = await this.call('describeApiGroups', new CloudAPI.DescribeApiGroupsRequest({ groupName, pageSize: 50 }));
    const items = (body.apiGroupAttributes && body.apiGroupAttributes.apiGroupAttribute) || [];
    return items.map((g) => ({
      GroupId: g.groupId,
      GroupName: g.groupName,
      Description: g.description,
      Tags: Object.fromEntries(((g.tags && g.tags.tagInfo) || []).map((t) => [t.key, t.value])),
    }));
  }

  async modifyGroup(groupId, groupName, description, basePath) {
    await this.call('modifyApiGroup', new CloudAPI.ModifyApiGroupRequest({ groupId, groupName, description, basePath }));
  }

  async deleteGroup(groupId) {
    await this.call('deleteApiGroup', new CloudAPI.DeleteApiGroupRequest({ groupId }));
  }

  // APIs and stages

  static fields(d) {
    // a definition's wire names (ApiName, RequestConfig ...) as the Tea models' fields
    return Object.fromEntries(Object.entries(d).map(([k, v]) => [k[0].toLowerCase() + k.slice(1), v]));
  }

  async createApi(groupId, d) {
    const body = await this.call('createApi', new CloudAPI.CreateApiRequest({ groupId, ...TeaClient.fields(d) }));
    return body.apiId;
  }

  async modifyApi(groupId, apiId, d) {
    await this.call('modifyApi', new CloudAPI.ModifyApiRequest({ groupId, apiId, ...TeaClient.fields(d) }));
  }

  async describeApi(groupId, apiId) {
    const body = await this.call('describeApi', new CloudAPI.DescribeApiRequest({ groupId, apiId }));
    const api = teaApi(body);
    const infos = (body.deployedInfos && body.deployedInfos.deployedInfo) || [];
    api.Mock = body.mock;
    api.Deployed = infos.filter((i) => i.deployedStatus === 'DEPLOYED').map((i) => i.stageName).sort();
    api.Stages = infos.map((i) => i.stageName).sort();
    return api;
  }

  async deploy(groupId, apiId, stageName, description) {
    await this.call('deployApi', new CloudAPI.DeployApiRequest({ groupId, apiId, stageName, description }));
  }

  async describeDeployed(groupId, apiId, stageName) {
    const body = await this.call('describeDeployedApi', new CloudAPI.DescribeDeployedApiRequest({ groupId, apiId, stageName }));
    return { ...teaApi(body), StageName: body.stageName, DeployedTime: body.deployedTime };
  }

  async deployedInGroup(groupId, stageName) {
    const body = await this.call('describeDeployedApis', new CloudAPI.DescribeDeployedApisRequest({ groupId, stageName, pageSize: 100 }));
    const items = (body.deployedApis && body.deployedApis.deployedApiItem) || [];
    return items.map((i) => [i.apiId, i.stageName]).sort();
  }

  async abolish(groupId, apiId, stageName) {
    await this.call('abolishApi', new CloudAPI.AbolishApiRequest({ groupId, apiId, stageName }));
  }

  async deleteApi(groupId, apiId) {
    await this.call('deleteApi', new CloudAPI.DeleteApiRequest({ groupId, apiId }));
  }
  // App-to-API authorization

  async setAppsAuth(groupId, apiId, appIds, stageName, description, authValidTime) {
    await this.call('setAppsAuthorities', new CloudAPI.SetAppsAuthoritiesRequest({
      groupId, apiId, appIds: appIds.join(','), stageName, description, authValidTime }));
  }

  async removeAppsAuth(groupId, apiId, appIds, stageName) {
    await this.call('removeAppsAuthorities', new CloudAPI.RemoveAppsAuthoritiesRequest({
      groupId, apiId, appIds: appIds.join(','), stageName }));
  }

  async setApisAuth(appId, apiIds, stageName) {
    await this.call('setApisAuthorities', new CloudAPI.SetApisAuthoritiesRequest({ appId, apiIds: apiIds.join(','), stageName }));
  }

  async removeApisAuth(appId, apiIds, stageName) {
    await this.call('removeApisAuthorities', new CloudAPI.RemoveApisAuthoritiesRequest({ appId, apiIds: apiIds.join(','), stageName }));
  }

  async authorizedApps(groupId, apiId, stageName) {
    const body = await this.call('describeAuthorizedApps', new CloudAPI.DescribeAuthorizedAppsRequest({ groupId, apiId, stageName }));
    const items = (body.authorizedApps && body.authorizedApps.authorizedApp) || [];
    return items.map((i) => [i.appId, i.stageName, i.authVaildTime, i.description]).sort(byName);
  }

  async authorizedApis(appId) {
    const body = await this.call('describeAuthorizedApis', new CloudAPI.DescribeAuthorizedApisRequest({ appId }));
    const items = (body.authorizedApis && body.authorizedApis.authorizedApi) || [];
    return items.map((i) => [i.apiId, i.stageName, i.authVaildTime]).sort(byName);
  }

  async apisByApp(appId) {
    const body = await this.call('describeApisByApp', new CloudAPI.DescribeApisByAppRequest({ appId }));
    const items = (body.appApiRelationInfos && body.appApiRelationInfos.appApiRelationInfo) || [];
    return items.map((i) => [i.apiId, i.stageName, i.authVaildTime]).sort(byName);
  }

  // Throttling policies

  async createTrafficControl(trafficControlName, trafficControlUnit, apiDefault, userDefault, appDefault, description) {
    const body = await this.call('createTrafficControl', new CloudAPI.CreateTrafficControlRequest({
      trafficControlName, trafficControlUnit, apiDefault, userDefault, appDefault, description }));
    return body.trafficControlId;
  }

  async modifyTrafficControl(trafficControlId, trafficControlName, trafficControlUnit, apiDefault, userDefault, appDefault, description) {
    await this.call('modifyTrafficControl', new CloudAPI.ModifyTrafficControlRequest({
      trafficControlId, trafficControlName, trafficControlUnit, apiDefault, userDefault, appDefault, description }));
  }

  async deleteTrafficControl(trafficControlId) {
    await this.call('deleteTrafficControl', new CloudAPI.DeleteTrafficControlRequest({ trafficControlId }));
  }

  async trafficControls({ id, name, groupId, apiId, stageName } = {}) {
    const body = await this.call('describeTrafficControls', new CloudAPI.DescribeTrafficControlsRequest({
      trafficControlId: id, trafficControlName: name, groupId, apiId, stageName, pageSize: 100 }));
    const items = (body.trafficControls && body.trafficControls.trafficControl) || [];
    return [body.totalCount, items.map((p) => ({
      TrafficControlId: p.trafficControlId,
      TrafficControlName: p.trafficControlName,
      TrafficControlUnit: p.trafficControlUnit,
      ApiDefault: p.apiDefault,
      UserDefault: p.userDefault,
      AppDefault: p.appDefault,
      Description: p.description,
      CreatedTime: p.createdTime,
      ModifiedTime: p.modifiedTime,
      Specials: ((p.specialPolicies && p.specialPolicies.specialPolicy) || [])
        .flatMap((k) => ((k.specials && k.specials.special) || []).map((s) => [k.specialType, s.specialKey, s.trafficValue]))
        .sort(byName),
    }))];
  }

  async trafficControlsByApi(groupId, apiId, stageName) {
    const body = await this.call('describeTrafficControlsByApi', new CloudAPI.DescribeTrafficControlsByApiRequest({ groupId, apiId, stageName }));
    const items = (body.trafficControlItems && body.trafficControlItems.trafficControlItem) || [];
    return items.map((i) => [i.trafficControlItemId, i.trafficControlItemName, i.boundTime]);
  }

  async setTrafficControlApis(trafficControlId, groupId, apiIds, stageName) {
    await this.call('setTrafficControlApis', new CloudAPI.SetTrafficControlApisRequest({
      trafficControlId, groupId, apiIds: apiIds.join(','), stageName }));
  }

  async removeTrafficControlApis(trafficControlId, groupId, apiIds, stageName) {
    await this.call('removeTrafficControlApis', new CloudAPI.RemoveTrafficControlApisRequest({
      trafficControlId, groupId, apiIds: apiIds.join(','), stageName }));
  }

  async addSpecial(trafficControlId, specialType, specialKey, trafficValue) {
    await this.call('addTrafficSpecialControl', new CloudAPI.AddTrafficSpecialControlRequest({
      trafficControlId, specialType, specialKey, trafficValue }));
  }

  async deleteSpecial(trafficControlId, specialType, specialKey) {
    await this.call('deleteTrafficSpecialControl', new CloudAPI.DeleteTrafficSpecialControlRequest({
      trafficControlId, specialType, specialKey }));
  }
}

// ---------------------------------------------------------------------------------------
// @alicloud/pop-core (the classic RPC client)

class PopClient {
  constructor(endpoint, method) {
    // verbose: answers [body, entry], so a failure can show the HTTP status
    this.client = new RPCClient({
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      endpoint: `http://${endpoint}`,
      apiVersion: '2016-07-14',
    }, true);
    this.method = method;
  }

  async call(action, params) {
    try {
      const [body] = await this.client.request(action, params, { method: this.method });
      return body;
    } catch (e) {
      if (e && e.code !== undefined && e.data !== undefined) {
        throw new SdkError({ action, code: e.code, status: e.entry && e.entry.response && e.entry.response.statusCode,
          message: e.message, requestId: e.data.RequestId, body: e.data });
      }
      throw e;
    }
  }

  async create(name, description, tags) {
    const body = await this.call('CreateApp', {
      AppName: name,
      Description: description,
      Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    });
    return body.AppId;
  }

  async describe(appId) {
    const body = await this.call('DescribeApp', { AppId: appId });
    return { AppId: body.AppId, AppName: body.AppName, Description: body.Description };
  }

  async attributesByName(appName) {
    const body = await this.call('DescribeAppAttributes', { AppName: appName });
    const items = (body.Apps && body.Apps.AppAttribute) || [];
    return items.map((a) => ({
      AppId: a.AppId,
      AppName: a.AppName,
      Description: a.Description,
      Tags: Object.fromEntries(((a.Tags && a.Tags.TagInfo) || []).map((t) => [t.Key, t.Value])),
    }));
  }

  async appsById(appId) {
    const body = await this.call('DescribeApps', { AppId: appId });
    const items = (body.Apps && body.Apps.AppItem) || [];
    return items.map((a) => ({ AppId: a.AppId, AppName: a.AppName, Description: a.Description }));
  }

  async modify(appId, appName, description) {
    await this.call('ModifyApp', { AppId: appId, AppName: appName, Description: description });
  }

  async tag(resourceId, tags, resourceType = 'app') {
    await this.call('TagResources', {
      ResourceType: resourceType,
      ResourceId: [String(resourceId)],
      Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    });
  }

  async untag(resourceId, keys, resourceType = 'app') {
    await this.call('UntagResources', { ResourceType: resourceType, ResourceId: [String(resourceId)], TagKey: keys });
  }

  async listTags(resourceId, resourceType = 'app') {
    const body = await this.call('ListTagResources', { ResourceType: resourceType, ResourceId: [String(resourceId)] });
    const rows = (body.TagResources && body.TagResources.TagResource) || [];
    return rows.map((r) => ({ ResourceId: r.ResourceId, ResourceType: r.ResourceType, TagKey: r.TagKey, TagValue: r.TagValue }));
  }

  async security(appId) {
    const body = await this.call('DescribeAppSecurity', { AppId: appId });
    return { AppKey: body.AppKey, AppSecret: body.AppSecret, AppCode: body.AppCode };
  }

  async resetSecret(appKey) {
    await this.call('ResetAppSecret', { AppKey: appKey });
  }

  async delete(appId) {
    await this.call('DeleteApp', { AppId: appId });
  }

  // API groups

  async createGroup(name, description, basePath, tags) {
    const params = { GroupName: name, Description: description, Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
    if (basePath !== undefined) params.BasePath = basePath;
    const body = await this.call('CreateApiGroup', params);
    const keys = ['GroupId', 'GroupName', 'SubDomain', 'BasePath', 'Description', 'InstanceId', 'InstanceType', 'TagStatus'];
    return Object.fromEntries(keys.map((k) => [k, body[k]]));
  }

  async describeGroup(groupId) {
    const body = await this.call('DescribeApiGroup', { GroupId: groupId });
    const stages = (body.StageItems && body.StageItems.StageInfo) || [];
    return { GroupId: body.GroupId, GroupName: body.GroupName, Description: body.Description, BasePath: body.BasePath,
      SubDomain: body.SubDomain, TrafficLimit: body.TrafficLimit, Stages: stages.map((st) => [st.StageName, st.StageId]) };
  }

  async groupsByName(name) {
    const body = await this.call('DescribeApiGroups', { GroupName: name, PageSize: 50 });
    const items = (body.ApiGroupAttributes && body.ApiGroupAttributes.ApiGroupAttribute) || [];
    return items.map((g) => ({
      GroupId: g.GroupId,
      GroupName: g.GroupName,
      Description: g.Description,
      Tags: Object.fromEntries(((g.Tags && g.Tags.TagInfo) || []).map((t) => [t.Key, t.Value])),
    }));
  }

  async modifyGroup(groupId, name, description, basePath) {
    const params = { GroupId: groupId, GroupName: name, Description: description };
    if (basePath !== undefined) params.BasePath = basePath;
    await this.call('ModifyApiGroup', params);
  }

  async deleteGroup(groupId) {
    await this.call('DeleteApiGroup', { GroupId: groupId });
  }

  // APIs and stages: pop-core sends every parameter, the JSON documents included, in the
  // query (GET) or the form body (POST).

  async createApi(groupId, d) {
    return (await this.call('CreateApi', { GroupId: groupId, ...d })).ApiId;
  }

  async modifyApi(groupId, apiId, d) {
    await this.call('ModifyApi', { GroupId: groupId, ApiId: apiId, ...d });
  }

  async describeApi(groupId, apiId) {
    const body = await this.call('DescribeApi', { GroupId: groupId, ApiId: apiId });
    const api = jsonApi(body);
    const infos = (body.DeployedInfos && body.DeployedInfos.DeployedInfo) || [];
    api.Mock = body.Mock;
    api.Deployed = infos.filter((i) => i.DeployedStatus === 'DEPLOYED').map((i) => i.StageName).sort();
    api.Stages = infos.map((i) => i.StageName).sort();
    return api;
  }

  async deploy(groupId, apiId, stageName, description) {
    await this.call('DeployApi', { GroupId: groupId, ApiId: apiId, StageName: stageName, Description: description });
  }

  async describeDeployed(groupId, apiId, stageName) {
    const body = await this.call('DescribeDeployedApi', { GroupId: groupId, ApiId: apiId, StageName: stageName });
    return { ...jsonApi(body), StageName: body.StageName, DeployedTime: body.DeployedTime };
  }

  async deployedInGroup(groupId, stageName) {
    const body = await this.call('DescribeDeployedApis', { GroupId: groupId, StageName: stageName, PageSize: 100 });
    const items = (body.DeployedApis && body.DeployedApis.DeployedApiItem) || [];
    return items.map((i) => [i.ApiId, i.StageName]).sort();
  }

  async abolish(groupId, apiId, stageName) {
    await this.call('AbolishApi', { GroupId: groupId, ApiId: apiId, StageName: stageName });
  }

  async deleteApi(groupId, apiId) {
    await this.call('DeleteApi', { GroupId: groupId, ApiId: apiId });
  }
  // App-to-API authorization

  async setAppsAuth(groupId, apiId, appIds, stageName, description, authValidTime) {
    const params = { GroupId: groupId, ApiId: apiId, AppIds: appIds.join(','), StageName: stageName };
    if (description !== undefined) params.Description = description;
    if (authValidTime !== undefined) params.AuthValidTime = authValidTime;
    await this.call('SetAppsAuthorities', params);
  }

  async removeAppsAuth(groupId, apiId, appIds, stageName) {
    await this.call('RemoveAppsAuthorities', { GroupId: groupId, ApiId: apiId, AppIds: appIds.join(','), StageName: stageName });
  }

  async setApisAuth(appId, apiIds, stageName) {
    await this.call('SetApisAuthorities', { AppId: appId, ApiIds: apiIds.join(','), StageName: stageName });
  }

  async removeApisAuth(appId, apiIds, stageName) {
    await this.call('RemoveApisAuthorities', { AppId: appId, ApiIds: apiIds.join(','), StageName: stageName });
  }

  async authorizedApps(groupId, apiId, stageName) {
    const params = { GroupId: groupId, ApiId: apiId };
    if (stageName !== undefined) params.StageName = stageName;
    const body = await this.call('DescribeAuthorizedApps', params);
    const items = (body.AuthorizedApps && body.AuthorizedApps.AuthorizedApp) || [];
    return items.map((i) => [i.AppId, i.StageName, i.AuthVaildTime, i.Description]).sort(byName);
  }

  async authorizedApis(appId) {
    const body = await this.call('DescribeAuthorizedApis', { AppId: appId });
    const items = (body.AuthorizedApis && body.AuthorizedApis.AuthorizedApi) || [];
    return items.map((i) => [i.ApiId, i.StageName, i.AuthVaildTime]).sort(byName);
  }

  async apisByApp(appId) {
    const body = await this.call('DescribeApisByApp', { AppId: appId });
    const items = (body.AppApiRelationInfos && body.AppApiRelationInfos.AppApiRelationInfo) || [];
    return items.map((i) => [i.ApiId, i.StageName, i.AuthVaildTime]).sort(byName);
  }

  // Throttling policies

  static trafficControlFields(name, unit, apiDefault, userDefault, appDefault, description) {
    const fields = { TrafficControlName: name, TrafficControlUnit: unit, ApiDefault: apiDefault, UserDefault: userDefault,
      AppDefault: appDefault, Description: description };
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  }

  async createTrafficControl(name, unit, apiDefault, userDefault, appDefault, description) {
    const body = await this.call('CreateTrafficControl',
      PopClient.trafficControlFields(name, unit, apiDefault, userDefault, appDefault, description));
    return body.TrafficControlId;
  }

  async modifyTrafficControl(id, name, unit, apiDefault, userDefault, appDefault, description) {
    await this.call('ModifyTrafficControl', { TrafficControlId: id,
      ...PopClient.trafficControlFields(name, unit, apiDefault, userDefault, appDefault, description) });
  }

  async deleteTrafficControl(id) {
    await this.call('DeleteTrafficControl', { TrafficControlId: id });
  }

  async trafficControls({ id, name, groupId, apiId, stageName } = {}) {
    const given = { TrafficControlId: id, TrafficControlName: name, GroupId: groupId, ApiId: apiId, StageName: stageName };
    const params = { ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)), PageSize: 100 };
    const body = await this.call('DescribeTrafficControls', params);
    const items = (body.TrafficControls && body.TrafficControls.TrafficControl) || [];
    const keys = ['TrafficControlId', 'TrafficControlName', 'TrafficControlUnit', 'ApiDefault', 'UserDefault', 'AppDefault',
      'Description', 'CreatedTime', 'ModifiedTime'];
    return [body.TotalCount, items.map((p) => ({
      ...Object.fromEntries(keys.map((k) => [k, p[k]])),
      Specials: ((p.SpecialPolicies && p.SpecialPolicies.SpecialPolicy) || [])
        .flatMap((k) => ((k.Specials && k.Specials.Special) || []).map((s) => [k.SpecialType, s.SpecialKey, s.TrafficValue]))
        .sort(byName),
    }))];
  }

  async trafficControlsByApi(groupId, apiId, stageName) {
    const body = await this.call('DescribeTrafficControlsByApi', { GroupId: groupId, ApiId: apiId, StageName: stageName });
    const items = (body.TrafficControlItems && body.TrafficControlItems.TrafficControlItem) || [];
    return items.map((i) => [i.TrafficControlItemId, i.TrafficControlItemName, i.BoundTime]);
  }

  async setTrafficControlApis(id, groupId, apiIds, stageName) {
    await this.call('SetTrafficControlApis', { TrafficControlId: id, GroupId: groupId, ApiIds: apiIds.join(','), StageName: stageName });
  }

  async removeTrafficControlApis(id, groupId, apiIds, stageName) {
    await this.call('RemoveTrafficControlApis', { TrafficControlId: id, GroupId: groupId, ApiIds: apiIds.join(','), StageName: stageName });
  }

  async addSpecial(id, specialType, specialKey, trafficValue) {
    await this.call('AddTrafficSpecialControl', { TrafficControlId: id, SpecialType: specialType, SpecialKey: specialKey,
      TrafficValue: trafficValue });
  }

  async deleteSpecial(id, specialType, specialKey) {
    await this.call('DeleteTrafficSpecialControl', { TrafficControlId: id, SpecialType: specialType, SpecialKey: specialKey });
  }
}

// What both SDK families answer for an API, reduced to what the checks compare.

const byName = (a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

function teaApi(body) {
  const rc = body.requestConfig || {};
  const sc = body.serviceConfig || {};
  const list = (outer, inner) => (outer && outer[inner]) || [];
  return {
    ApiId: body.apiId,
    ApiName: body.apiName,
    Description: body.description,
    RequestPath: rc.requestPath,
    ServiceAddress: sc.serviceAddress,
    ServiceTimeout: sc.serviceTimeout,
    ServiceMock: sc.mock,
    MockResult: sc.mockResult,
    MockStatusCode: sc.mockStatusCode,
    MockHeaders: list(sc.mockHeaders, 'mockHeader').map((h) => [h.headerName, h.headerValue]),
    RequestParameters: list(body.requestParameters, 'requestParameter').map((p) => [p.apiParameterName, p.location]).sort(byName),
    ConstantParameters: list(body.constantParameters, 'constantParameter').map((c) => [c.serviceParameterName, c.constantValue, c.location]),
    SystemParameters: list(body.systemParameters, 'systemParameter').map((p) => [p.parameterName, p.serviceParameterName, p.location]),
  };
}

function jsonApi(body) {
  const rc = body.RequestConfig || {};
  const sc = body.ServiceConfig || {};
  const list = (outer, inner) => (outer && outer[inner]) || [];
  return {
    ApiId: body.ApiId,
    ApiName: body.ApiName,
    Description: body.Description,
    RequestPath: rc.RequestPath,
    ServiceAddress: sc.ServiceAddress,
    ServiceTimeout: sc.ServiceTimeout,
    ServiceMock: sc.Mock,
    MockResult: sc.MockResult,
    MockStatusCode: sc.MockStatusCode,
    MockHeaders: list(sc.MockHeaders, 'MockHeader').map((h) => [h.HeaderName, h.HeaderValue]),
    RequestParameters: list(body.RequestParameters, 'RequestParameter').map((p) => [p.ApiParameterName, p.Location]).sort(byName),
    ConstantParameters: list(body.ConstantParameters, 'ConstantParameter').map((c) => [c.ServiceParameterName, c.ConstantValue, c.Location]),
    SystemParameters: list(body.SystemParameters, 'SystemParameter').map((p) => [p.ParameterName, p.ServiceParameterName, p.Location]),
  };
}

// ---------------------------------------------------------------------------------------
// The scenario, the same for every configuration (python_sdks.py mirrors it).

class CheckFailed extends Error {}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// Key order does not matter for a tag set; insertion order of the expectation does not either.
function sortedEntries(object) {
  return Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function expectEqual(what, expected, actual) {
  const isMap = (v) => v && typeof v === 'object' && !Array.isArray(v);
  const equal = isMap(expected) && isMap(actual)
    ? same(sortedEntries(expected), sortedEntries(actual))
    : same(expected, actual);
  if (!equal) {
    throw new CheckFailed(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

// Names, descriptions and tags for one configuration: each goes through the SDK's own
// encoding, so each carries spaces, reserved characters and non-ASCII text.
function texts(label) {
  const reserved = "* ~ + ' ( ) ! & = /";
  return {
    name: `${label}_应用_测试`,
    description: `${label}: spaces,  double; ${reserved} % : ? # [ ] " 中文描述 é`,
    newName: `${label}_改名_新`,
    newDescription: `${label} modified: a+b=c & d/e (f) 'g' !h ~i *j 100% 修改后的描述`,
    tags: { env: 'compat test', [`owner ${reserved}`]: '值 = 负责人 / a+b' },
    moreTags: { team: '平台 * ~ ( ) !', 'cost center': 'a&b=c' },
  };
}

// check(name, needs, fn): runs fn unless a check it needs failed, and reports one line.
function checker(config) {
  const passed = new Set();
  const report = {
    ok: (check) => console.log(`ok   ${config.padEnd(13)} ${check}`),
    fail: (check, detail) => console.log(`FAIL ${config.padEnd(13)} ${check}: ${String(detail).replace(/\s*\n\s*/g, ' ')}`),
  };

  return async function check(name, needs, fn) {
    const unmet = needs.filter((n) => !passed.has(n));
    if (unmet.length) {
      report.fail(name, `not run: needs ${unmet.join(', ')}`);
      return;
    }
    try {
      await fn();
    } catch (e) {
      if (e instanceof SdkError || e instanceof CheckFailed) {
        report.fail(name, e instanceof SdkError ? e.toString() : e.message);
      } else {
        // an SDK crash is a failed check too, with its cause
        report.fail(name, `${e && e.name}: ${e && e.message} | ${e && e.stack ? e.stack.split('\n').slice(1, 4).join(' ') : ''}`);
      }
      return;
    }
    passed.add(name);
    report.ok(name);
  };
}

async function runScenario(config, client) {
  const t = texts(config.replace(/-/g, '_'));
  const state = {};
  const check = checker(config);

  async function describe(name, description) {
    const app = await client.describe(state.appId);
    expectEqual('AppId', state.appId, app.AppId);
    expectEqual('AppName', name, app.AppName);
    expectEqual('Description', description, app.Description);
  }

  async function tagsOfApp() {
    const rows = await client.listTags(state.appId);
    for (const row of rows) {
      expectEqual('ResourceId', String(state.appId), row.ResourceId);
      expectEqual('ResourceType', 'app', row.ResourceType);
    }
    return Object.fromEntries(rows.map((r) => [r.TagKey, r.TagValue]));
  }

  const CREATE = 'CreateApp with tags';
  await check(CREATE, [], async () => {
    const appId = await client.create(t.name, t.description, t.tags);
    if (!Number.isSafeInteger(appId) || appId <= 0) {
      throw new CheckFailed(`AppId: expected a positive safe integer, got ${JSON.stringify(appId)} (${typeof appId})`);
    }
    Object.assign(state, { appId, name: t.name, tags: { ...t.tags } });
  });

  await check('DescribeApp returns name and description byte-identical', [CREATE],
    () => describe(t.name, t.description));

  await check('DescribeAppAttributes by AppName, with tags', [CREATE], async () => {
    const apps = (await client.attributesByName(t.name)).filter((a) => a.AppId === state.appId);
    if (apps.length !== 1) {
      throw new CheckFailed(`AppName=${JSON.stringify(t.name)}: expected the app ${state.appId} once, got ${JSON.stringify(apps)}`);
    }
    expectEqual('AppName', t.name, apps[0].AppName);
    expectEqual('Description', t.description, apps[0].Description);
    expectEqual('Tags', t.tags, apps[0].Tags);
  });

  await check('DescribeApps by AppId', [CREATE], async () => {
    expectEqual('Apps.AppItem', [{ AppId: state.appId, AppName: t.name, Description: t.description }],
      await client.appsById(state.appId));
  });

  await check('ModifyApp name and description, then DescribeApp', [CREATE], async () => {
    await client.modify(state.appId, t.newName, t.newDescription);
    state.name = t.newName;
    await describe(t.newName, t.newDescription);
  });

  await check('TagResources, then ListTagResources', [CREATE], async () => {
    await client.tag(state.appId, t.moreTags);
    Object.assign(state.tags, t.moreTags);
    expectEqual('ListTagResources', state.tags, await tagsOfApp());
  });

  await check('UntagResources, then ListTagResources', [CREATE], async () => {
    // one tag given at creation, and those TagResources added if it passed
    const removed = [Object.keys(t.tags)[0], ...Object.keys(t.moreTags).filter((k) => k in state.tags)];
    await client.untag(state.appId, removed);
    const remaining = Object.fromEntries(Object.entries(state.tags).filter(([k]) => !removed.includes(k)));
    expectEqual('ListTagResources', remaining, await tagsOfApp());
  });

  const SECURITY = 'DescribeAppSecurity';
  await check(SECURITY, [CREATE], async () => {
    const keys = await client.security(state.appId);
    for (const field of ['AppKey', 'AppSecret']) {
      if (!keys[field]) throw new CheckFailed(`${field}: expected a value, got ${JSON.stringify(keys)}`);
    }
    state.keys = keys;
  });

  await check('ResetAppSecret by AppKey, then DescribeAppSecurity', [SECURITY], async () => {
    const before = state.keys;
    await client.resetSecret(before.AppKey);
    const after = await client.security(state.appId);
    expectEqual('AppKey', before.AppKey, after.AppKey);
    if (!after.AppSecret || after.AppSecret === before.AppSecret) {
      throw new CheckFailed(`AppSecret: expected a new secret, was ${JSON.stringify(before.AppSecret)}, now ${JSON.stringify(after.AppSecret)}`);
    }
  });

  await check('CreateApp with a taken name raises RepeatedAppName', [CREATE], async () => {
    let other;
    try {
      other = await client.create(state.name, 'duplicate', {});
    } catch (e) {
      if (!(e instanceof SdkError)) throw e;
      if (e.code !== 'RepeatedAppName') throw new CheckFailed(`expected code 'RepeatedAppName', got ${e}`);
      return;
    }
    throw new CheckFailed(`expected the SDK to throw RepeatedAppName, it returned AppId ${JSON.stringify(other)}`);
  });

  await check('DeleteApp, then DescribeApp raises NotFoundApp', [CREATE], async () => {
    await client.delete(state.appId);
    try {
      await client.describe(state.appId);
    } catch (e) {
      if (!(e instanceof SdkError)) throw e;
      if (e.code !== 'NotFoundApp') throw new CheckFailed(`DescribeApp after delete: expected code 'NotFoundApp', got ${e}`);
      return;
    }
    throw new CheckFailed('DescribeApp after delete: expected NotFoundApp, it succeeded');
  });
}

const HEX32 = /^[0-9a-f]{32}$/;

// A group's names, description and tags: the name rules of CreateApiGroup (a letter or
// Chinese character first, then letters, digits, _ and Chinese), the rest as free as an app's.
function groupTexts(label) {
  const t = texts(label);
  return {
    name: `${label}_分组_测试`,
    description: t.description,
    basePath: '/compat',
    newName: `${label}_分组_改名`,
    newDescription: t.newDescription,
    newBasePath: '/compat/v2',
    tags: { env: 'compat test' },
    moreTags: t.moreTags,
  };
}

// The API group lifecycle, the same for every configuration (python_sdks.py mirrors it).
async function runGroupScenario(config, client) {
  const t = groupTexts(config.replace(/-/g, '_'));
  const state = {};
  const check = checker(config);

  async function describe(name, description, basePath) {
    const group = await client.describeGroup(state.groupId);
    expectEqual('GroupId', state.groupId, group.GroupId);
    expectEqual('GroupName', name, group.GroupName);
    expectEqual('Description', description, group.Description);
    expectEqual('BasePath', basePath, group.BasePath);
    expectEqual('SubDomain', state.subDomain, group.SubDomain);
    expectEqual('TrafficLimit', 500, group.TrafficLimit);
    expectEqual('StageItems.StageInfo[].StageName', ['RELEASE', 'PRE', 'TEST'], group.Stages.map(([n]) => n));
    const ids = group.Stages.map(([, id]) => id);
    if (new Set(ids).size !== 3 || !ids.every((id) => typeof id === 'string' && /^[0-9a-fA-F]{32}$/.test(id))) {
      throw new CheckFailed(`StageItems.StageInfo[].StageId: expected three distinct 32-hex ids, got ${JSON.stringify(ids)}`);
    }
  }

  async function tagsOfGroup() {
    const rows = await client.listTags(state.groupId, 'apiGroup');
    for (const row of rows) {
      expectEqual('ResourceId', state.groupId, row.ResourceId);
      expectEqual('ResourceType', 'apiGroup', row.ResourceType);
    }
    return Object.fromEntries(rows.map((r) => [r.TagKey, r.TagValue]));
  }

  const CREATE = 'CreateApiGroup with a tag';
  await check(CREATE, [], async () => {
    const group = await client.createGroup(t.name, t.description, t.basePath, t.tags);
    if (typeof group.GroupId !== 'string' || !HEX32.test(group.GroupId)) {
      throw new CheckFailed(`GroupId: expected 32 lower-case hexadecimal characters, got ${JSON.stringify(group.GroupId)}`);
    }
    expectEqual('GroupName', t.name, group.GroupName);
    expectEqual('SubDomain', `${group.GroupId}-${REGION}.alicloudapi.com`, group.SubDomain);
    expectEqual('BasePath', t.basePath, group.BasePath);
    expectEqual('InstanceId', 'api-shared-vpc-001', group.InstanceId);
    expectEqual('InstanceType', 'VPC_SHARED', group.InstanceType);
    expectEqual('TagStatus', true, group.TagStatus);
    Object.assign(state, { groupId: group.GroupId, subDomain: group.SubDomain, name: t.name, tags: { ...t.tags } });
  });

  await check('DescribeApiGroup returns name, description, base path and stages', [CREATE],
    () => describe(t.name, t.description, t.basePath));

  await check('DescribeApiGroups by GroupName, with tags', [CREATE], async () => {
    const groups = (await client.groupsByName(t.name)).filter((g) => g.GroupId === state.groupId);
    if (groups.length !== 1) {
      throw new CheckFailed(`GroupName=${JSON.stringify(t.name)}: expected the group ${state.groupId} once, got ${JSON.stringify(groups)}`);
    }
    expectEqual('GroupName', t.name, groups[0].GroupName);
    expectEqual('Description', t.description, groups[0].Description);
    expectEqual('Tags', t.tags, groups[0].Tags);
  });

  await check('ModifyApiGroup name, description (and base path), then DescribeApiGroup', [CREATE], async () => {
    await client.modifyGroup(state.groupId, t.newName, t.newDescription, t.newBasePath);
    state.name = t.newName;
    await describe(t.newName, t.newDescription, t.newBasePath);
  });

  await check('TagResources on the group, then ListTagResources', [CREATE], async () => {
    await client.tag(state.groupId, t.moreTags, 'apiGroup');
    Object.assign(state.tags, t.moreTags);
    expectEqual('ListTagResources', state.tags, await tagsOfGroup());
  });

  await check('UntagResources on the group, then ListTagResources', [CREATE], async () => {
    const removed = [Object.keys(t.tags)[0], ...Object.keys(t.moreTags).filter((k) => k in state.tags)];
    await client.untag(state.groupId, removed, 'apiGroup');
    const remaining = Object.fromEntries(Object.entries(state.tags).filter(([k]) => !removed.includes(k)));
    expectEqual('ListTagResources', remaining, await tagsOfGroup());
  });

  await check('CreateApiGroup with a taken name raises RepeatedGroupName', [CREATE], async () => {
    let other;
    try {
      other = await client.createGroup(state.name, 'duplicate', undefined, {});
    } catch (e) {
      if (!(e instanceof SdkError)) throw e;
      if (e.code !== 'RepeatedGroupName') throw new CheckFailed(`expected code 'RepeatedGroupName', got ${e}`);
      return;
    }
    throw new CheckFailed(`expected the SDK to throw RepeatedGroupName, it returned ${JSON.stringify(other)}`);
  });

  await check('DeleteApiGroup, then DescribeApiGroup raises NotFoundApiGroup', [CREATE], async () => {
    await client.deleteGroup(state.groupId);
    try {
      await client.describeGroup(state.groupId);
    } catch (e) {
      if (!(e instanceof SdkError)) throw e;
      if (e.code !== 'NotFoundApiGroup') throw new CheckFailed(`DescribeApiGroup after delete: expected code 'NotFoundApiGroup', got ${e}`);
      return;
    }
    throw new CheckFailed('DescribeApiGroup after delete: expected NotFoundApiGroup, it succeeded');
  });
}

// An API answered by the gateway's Mock backend (reference/cloudapi-apis.md 4.8).
function mockDefinition(name, result) {
  return {
    ApiName: name,
    Visibility: 'PRIVATE',
    AuthType: 'ANONYMOUS',
    Description: 'a Mock-backend API',
    ResultType: 'JSON',
    ResultSample: result,
    RequestConfig: JSON.stringify({ RequestProtocol: 'HTTP,HTTPS', RequestHttpMethod: 'GET', RequestPath: `/${name}`, RequestMode: 'PASSTHROUGH' }),
    ServiceConfig: JSON.stringify({ ServiceProtocol: 'HTTP', ServiceAddress: 'http://www.aliyun.com', ServiceHttpMethod: 'GET',
      ServicePath: '/mock', ServiceTimeout: '10000', Mock: 'TRUE', MockResult: result, MockStatusCode: 200,
      MockHeaders: [{ HeaderName: 'Content-Type', HeaderValue: 'application/json' }] }),
  };
}

// An API in front of an HTTP backend, with a PATH, a QUERY, a HEAD and a BODY parameter, one
// constant and one system parameter.
function httpDefinition(name, address) {
  return {
    ApiName: name,
    Visibility: 'PRIVATE',
    AuthType: 'APP',
    Description: "today's forecast for a city: 天气",
    ResultType: 'JSON',
    ResultSample: '{"forecast":"sunny"}',
    RequestConfig: JSON.stringify({ RequestProtocol: 'HTTP', RequestHttpMethod: 'POST', RequestPath: '/weather/[city]', RequestMode: 'MAPPING', BodyFormat: 'FORM' }),
    ServiceConfig: JSON.stringify({ ServiceProtocol: 'HTTP', ServiceAddress: address, ServicePath: '/v1/forecast/[cityName]',
      ServiceHttpMethod: 'POST', ServiceTimeout: 3000, Mock: 'FALSE', ServiceVpcEnable: 'FALSE' }),
    RequestParameters: JSON.stringify([
      { ApiParameterName: 'city', Location: 'PATH', ParameterType: 'String', Required: 'REQUIRED' },
      { ApiParameterName: 'days', Location: 'QUERY', ParameterType: 'Int', Required: 'OPTIONAL', DefaultValue: '3' },
      { ApiParameterName: 'X-Trace-Id', Location: 'HEAD', ParameterType: 'String', Required: 'OPTIONAL' },
      { ApiParameterName: 'note', Location: 'BODY', ParameterType: 'String', Required: 'OPTIONAL' },
    ]),
    ServiceParameters: JSON.stringify([
      { ServiceParameterName: 'cityName', Location: 'PATH', ParameterType: 'STRING', ParameterCatalog: 'REQUEST' },
      { ServiceParameterName: 'days', Location: 'QUERY', ParameterType: 'NUMBER', ParameterCatalog: 'REQUEST' },
      { ServiceParameterName: 'X-Trace-Id', Location: 'HEAD', ParameterType: 'STRING', ParameterCatalog: 'REQUEST' },
      { ServiceParameterName: 'note', Location: 'BODY', ParameterType: 'STRING', ParameterCatalog: 'REQUEST' },
    ]),
    ServiceParametersMap: JSON.stringify([
      { ServiceParameterName: 'cityName', RequestParameterName: 'city' },
      { ServiceParameterName: 'days', RequestParameterName: 'days' },
      { ServiceParameterName: 'X-Trace-Id', RequestParameterName: 'X-Trace-Id' },
      { ServiceParameterName: 'note', RequestParameterName: 'note' },
    ]),
    ConstantParameters: JSON.stringify([{ ServiceParameterName: 'apiVersion', ConstantValue: '2', Location: 'HEAD', Description: "the backend's version" }]),
    SystemParameters: JSON.stringify([{ ParameterName: 'CaClientIp', ServiceParameterName: 'clientIp', Location: 'HEAD' }]),
  };
}

async function expectCode(what, code, fn) {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof SdkError)) throw e;
    if (e.code !== code) throw new CheckFailed(`${what}: expected code '${code}', got ${e}`);
    return;
  }
  throw new CheckFailed(`${what}: expected the SDK to throw ${code}, it succeeded`);
}

// APIs and stages, the same for every configuration (python_sdks.py mirrors it).
async function runApiScenario(config, client) {
  const label = config.replace(/-/g, '_');
  const state = {};
  const check = checker(config);
  const mockName = `${label}_mock_api`;
  const httpName = `${label}_http_api`;
  const GROUP = 'CreateApiGroup for the APIs';
  const MOCK = 'CreateApi with a Mock backend';
  const HTTP = 'CreateApi with an HTTP backend';
  const DEPLOYED_MOCK = 'DeployApi to RELEASE and TEST, then DescribeDeployedApi';
  const DEPLOYED_HTTP = 'DeployApi the HTTP backend to RELEASE, then DescribeDeployedApi';
  const ABOLISHED = 'AbolishApi from every stage, then DescribeDeployedApi raises NotFoundStage';

  await check(GROUP, [], async () => {
    state.group = (await client.createGroup(`${label}_apis`, 'the group of the API checks', undefined, {})).GroupId;
  });
  await check(MOCK, [GROUP], async () => {
    const apiId = await client.createApi(state.group, mockDefinition(mockName, '{"forecast":"sunny"}'));
    if (typeof apiId !== 'string' || !/^[0-9a-f]{32}$/.test(apiId)) {
      throw new CheckFailed(`ApiId: expected 32 lower-case hexadecimal characters, got ${JSON.stringify(apiId)}`);
    }
    state.mock = apiId;
  });
  await check(HTTP, [GROUP], async () => {
    state.http = await client.createApi(state.group, httpDefinition(httpName, 'http://backend.example.com:8080'));
  });
  await check('DescribeApi: the Mock backend, typed as the SDK models say', [MOCK], async () => {
    const api = await client.describeApi(state.group, state.mock);
    expectEqual('ApiName', mockName, api.ApiName);
    expectEqual('RequestConfig.RequestPath', `/${mockName}`, api.RequestPath);
    expectEqual('ServiceConfig.Mock', 'TRUE', api.ServiceMock);
    expectEqual('Mock', 'OPEN', api.Mock);
    expectEqual('ServiceConfig.MockResult', '{"forecast":"sunny"}', api.MockResult);
    expectEqual('ServiceConfig.MockStatusCode', 200, api.MockStatusCode);
    expectEqual('ServiceConfig.ServiceTimeout', 10000, api.ServiceTimeout);
    expectEqual('ServiceConfig.MockHeaders', [['Content-Type', 'application/json']], api.MockHeaders);
    expectEqual('DeployedInfos stages', ['PRE', 'RELEASE', 'TEST'], api.Stages);
    expectEqual('DeployedInfos DEPLOYED', [], api.Deployed);
  });
  await check('DescribeApi: path, query, header, body parameters, constant, system parameter', [HTTP], async () => {
    const api = await client.describeApi(state.group, state.http);
    expectEqual('RequestConfig.RequestPath', '/weather/[city]', api.RequestPath);
    expectEqual('ServiceConfig.ServiceAddress', 'http://backend.example.com:8080', api.ServiceAddress);
    expectEqual('ServiceConfig.Mock', 'FALSE', api.ServiceMock);
    expectEqual('ServiceConfig.ServiceTimeout', 3000, api.ServiceTimeout);
    expectEqual('RequestParameters', [['X-Trace-Id', 'HEAD'], ['city', 'PATH'], ['days', 'QUERY'], ['note', 'BODY']].sort(byName), api.RequestParameters);
    expectEqual('ConstantParameters', [['apiVersion', '2', 'HEAD']], api.ConstantParameters);
    expectEqual('SystemParameters', [['CaClientIp', 'clientIp', 'HEAD']], api.SystemParameters);
    expectEqual('Description', "today's forecast for a city: 天气", api.Description);
  });
  await check(DEPLOYED_MOCK, [MOCK], async () => {
    for (const stage of ['RELEASE', 'TEST']) await client.deploy(state.group, state.mock, stage, `first ${stage} deploy`);
    const deployed = await client.describeDeployed(state.group, state.mock, 'RELEASE');
    expectEqual('StageName', 'RELEASE', deployed.StageName);
    expectEqual('ServiceConfig.MockResult', '{"forecast":"sunny"}', deployed.MockResult);
    if (!deployed.DeployedTime) throw new CheckFailed(`DeployedTime: expected a time, got ${JSON.stringify(deployed.DeployedTime)}`);
    expectEqual('DeployedInfos DEPLOYED', ['RELEASE', 'TEST'], (await client.describeApi(state.group, state.mock)).Deployed);
  });
  await check(DEPLOYED_HTTP, [HTTP], async () => {
    await client.deploy(state.group, state.http, 'RELEASE', 'first deploy');
    const deployed = await client.describeDeployed(state.group, state.http, 'RELEASE');
    expectEqual('RequestConfig.RequestPath', '/weather/[city]', deployed.RequestPath);
    expectEqual('ConstantParameters', [['apiVersion', '2', 'HEAD']], deployed.ConstantParameters);
  });
  await check('DescribeDeployedApis in RELEASE', [DEPLOYED_MOCK, DEPLOYED_HTTP], async () => {
    expectEqual('DescribeDeployedApis RELEASE', [[state.mock, 'RELEASE'], [state.http, 'RELEASE']].sort(),
      await client.deployedInGroup(state.group, 'RELEASE'));
  });
  await check('ModifyApi changes the draft only, until DeployApi', [DEPLOYED_MOCK], async () => {
    await client.modifyApi(state.group, state.mock, mockDefinition(mockName, '{"forecast":"rain"}'));
    expectEqual("the draft's MockResult", '{"forecast":"rain"}', (await client.describeApi(state.group, state.mock)).MockResult);
    const before = await client.describeDeployed(state.group, state.mock, 'RELEASE');
    expectEqual('RELEASE runs the old MockResult until the next deploy', '{"forecast":"sunny"}', before.MockResult);
    await client.deploy(state.group, state.mock, 'RELEASE', 'second deploy');
    expectEqual('RELEASE after re-deploying', '{"forecast":"rain"}', (await client.describeDeployed(state.group, state.mock, 'RELEASE')).MockResult);
    expectEqual('TEST keeps its copy', '{"forecast":"sunny"}', (await client.describeDeployed(state.group, state.mock, 'TEST')).MockResult);
  });
  await check('ModifyApi the HTTP backend, re-deploy', [DEPLOYED_HTTP], async () => {
    await client.modifyApi(state.group, state.http, httpDefinition(httpName, 'http://backend-v2.example.com:8080'));
    await client.deploy(state.group, state.http, 'RELEASE', 'second deploy');
    expectEqual('ServiceConfig.ServiceAddress', 'http://backend-v2.example.com:8080',
      (await client.describeDeployed(state.group, state.http, 'RELEASE')).ServiceAddress);
  });
  await check('DeleteApi of a deployed API is refused', [DEPLOYED_MOCK], async () => {
    try {
      await client.deleteApi(state.group, state.mock);
    } catch (e) {
      if (e instanceof SdkError) return;
      throw e;
    }
    throw new CheckFailed('DeleteApi of a deployed API: expected a refusal, it succeeded');
  });
  await check(ABOLISHED, [MOCK, HTTP], async () => {
    for (const stage of ['RELEASE', 'TEST']) await client.abolish(state.group, state.mock, stage);
    await client.abolish(state.group, state.http, 'RELEASE');
    await expectCode('DescribeDeployedApi after AbolishApi', 'NotFoundStage', () => client.describeDeployed(state.group, state.mock, 'RELEASE'));
    expectEqual('DeployedInfos DEPLOYED', [], (await client.describeApi(state.group, state.mock)).Deployed);
  });
  await check('DeleteApi, then DescribeApi raises NotFoundApi; DeleteApiGroup', [ABOLISHED], async () => {
    for (const key of ['mock', 'http']) {
      await client.deleteApi(state.group, state[key]);
      await expectCode('DescribeApi after DeleteApi', 'NotFoundApi', () => client.describeApi(state.group, state[key]));
      delete state[key];
    }
    await client.deleteGroup(state.group);
    delete state.group;
  });
  // Whatever failed, leave the mock as it was: abolish, delete the APIs, then the group.
  const quietly = async (fn) => { try { await fn(); } catch (e) { if (!(e instanceof SdkError)) throw e; } };
  for (const key of ['mock', 'http']) {
    if (state[key] && state.group) {
      for (const stage of ['RELEASE', 'PRE', 'TEST']) await quietly(() => client.abolish(state.group, state[key], stage));
      await quietly(() => client.deleteApi(state.group, state[key]));
    }
  }
  if (state.group) await quietly(() => client.deleteGroup(state.group));
}

// App-to-API authorization, the same for every configuration (python_sdks.py mirrors it): two
// apps authorized on an API never deployed, for a limited time, read from the provider's side
// (DescribeAuthorizedApps) and the app's (DescribeAuthorizedApis, DescribeApisByApp); one app
// granted and revoked in TEST the other way (SetApisAuthorities, RemoveApisAuthorities); both
// revoked, a second revoke throwing NotFoundAuthorization (terraform's "already gone").
async function runAuthorizationScenario(config, client) {
  const label = config.replace(/-/g, '_');
  const state = {};
  const check = checker(config);
  const remark = 'granted by the SDK check: 授权';
  const until = 'Tue,05Oct203816:00:00GMT';
  const iso = '2038-10-05T16:00:00Z';
  const rfc = 'Tue, 05 Oct 2038 16:00:00 GMT';
  const MADE = 'CreateApiGroup, CreateApi (AuthType APP), two CreateApp';
  const GRANTED = 'SetAppsAuthorities: two apps, RELEASE, AuthValidTime, then DescribeAuthorizedApps';

  await check(MADE, [], async () => {
    state.group = (await client.createGroup(`${label}_auth`, 'the group of the authorization checks', undefined, {})).GroupId;
    state.api = await client.createApi(state.group, { ...mockDefinition(`${label}_auth_api`, '{"forecast":"sunny"}'), AuthType: 'APP' });
    state.apps = [];
    for (const n of ['reader', 'writer']) state.apps.push(await client.create(`${label}_auth_${n}`, 'an app to authorize', {}));
  });
  await check(GRANTED, [MADE], async () => {
    await client.setAppsAuth(state.group, state.api, state.apps, 'RELEASE', remark, until);
    const expected = state.apps.map((app) => [app, 'RELEASE', iso, remark]).sort(byName);
    expectEqual('DescribeAuthorizedApps', expected, await client.authorizedApps(state.group, state.api, 'RELEASE'));
  });
  await check("DescribeAuthorizedApis and DescribeApisByApp: the app's view", [GRANTED], async () => {
    const reader = state.apps[0];
    expectEqual('DescribeAuthorizedApis', [[state.api, 'RELEASE', iso]], await client.authorizedApis(reader));
    expectEqual('DescribeApisByApp', [[state.api, 'RELEASE', rfc]], await client.apisByApp(reader));
  });
  await check('SetApisAuthorities in TEST, then RemoveApisAuthorities', [GRANTED], async () => {
    const reader = state.apps[0];
    await client.setApisAuth(reader, [state.api], 'TEST');
    expectEqual('DescribeAuthorizedApis', [[state.api, 'RELEASE', iso], [state.api, 'TEST', '']].sort(byName),
      await client.authorizedApis(reader));
    await client.removeApisAuth(reader, [state.api], 'TEST');
    expectEqual('DescribeAuthorizedApps in TEST', [], await client.authorizedApps(state.group, state.api, 'TEST'));
  });
  await check('RemoveAppsAuthorities, then a second raises NotFoundAuthorization', [GRANTED], async () => {
    await client.removeAppsAuth(state.group, state.api, state.apps, 'RELEASE');
    expectEqual('DescribeAuthorizedApps', [], await client.authorizedApps(state.group, state.api));
    expectEqual('DescribeAuthorizedApis', [], await client.authorizedApis(state.apps[0]));
    await expectCode('RemoveAppsAuthorities again', 'NotFoundAuthorization',
      () => client.removeAppsAuth(state.group, state.api, state.apps.slice(0, 1), 'RELEASE'));
  });
  // Whatever failed, leave the mock as it was: the apps (their authorizations with them), the
  // API, the group.
  const quietly = async (fn) => { try { await fn(); } catch (e) { if (!(e instanceof SdkError)) throw e; } };
  for (const app of state.apps || []) await quietly(() => client.delete(app));
  if (state.api) await quietly(() => client.deleteApi(state.group, state.api));
  if (state.group) await quietly(() => client.deleteGroup(state.group));
}

// Throttling policies, the same for every configuration (python_sdks.py mirrors it): a policy
// created with its three limits, read back by id and by name, modified, bound to an API in
// RELEASE and read back from the API's side (DescribeTrafficControlsByApi, and
// DescribeTrafficControls by GroupId, ApiId and StageName), refused deletion while bound
// (DependencyViolationTrafficControl), given special limits for an app and a user, one of them
// deleted, unbound, deleted, a second delete throwing NotFoundTrafficControl.
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

async function runTrafficControlScenario(config, client) {
  const label = config.replace(/-/g, '_');
  const state = {};
  const check = checker(config);
  const name = `${label}_policy`;
  const newName = `${label}_policy_v2`;
  const remark = "the SDK check's policy: 限流 a+b=c & d";
  const newRemark = "modified: 每小时 100% (f) 'g'";
  const appKey = '10000000042';
  const userKey = '1234567890123456';
  const MADE = 'CreateApiGroup and CreateApi for the throttling policy';
  const CREATED = 'CreateTrafficControl: MINUTE, API, user and app limits';
  const BOUND = 'SetTrafficControlApis in RELEASE, then DescribeTrafficControlsByApi';
  const UNBOUND = 'RemoveTrafficControlApis, then DescribeTrafficControlsByApi';

  const onePolicy = ([total, policies]) => {
    expectEqual('TotalCount', 1, total);
    if (policies.length !== 1) {
      throw new CheckFailed(`TrafficControls.TrafficControl: expected the policy once, got ${JSON.stringify(policies)}`);
    }
    return policies[0];
  };
  const expectTime = (what, value) => {
    if (typeof value !== 'string' || !TIME.test(value)) {
      throw new CheckFailed(`${what}: expected a time like 2016-02-23T12:46:24Z, got ${JSON.stringify(value)}`);
    }
  };
  const expectPolicy = (policy, policyName, unit, limits, description) => {
    expectEqual('TrafficControlId', state.policy, policy.TrafficControlId);
    expectEqual('TrafficControlName', policyName, policy.TrafficControlName);
    expectEqual('TrafficControlUnit', unit, policy.TrafficControlUnit);
    expectEqual('ApiDefault, UserDefault, AppDefault', limits, [policy.ApiDefault, policy.UserDefault, policy.AppDefault]);
    expectEqual('Description', description, policy.Description);
    expectTime('CreatedTime', policy.CreatedTime);
    expectTime('ModifiedTime', policy.ModifiedTime);
  };

  await check(MADE, [], async () => {
    state.group = (await client.createGroup(`${label}_traffic`, 'the group of the throttling checks', undefined, {})).GroupId;
    state.api = await client.createApi(state.group, mockDefinition(`${label}_traffic_api`, '{"forecast":"sunny"}'));
  });
  await check(CREATED, [], async () => {
    const id = await client.createTrafficControl(name, 'MINUTE', 100, 50, 20, remark);
    if (typeof id !== 'string' || !id) throw new CheckFailed(`TrafficControlId: expected an id, got ${JSON.stringify(id)}`);
    state.policy = id;
  });
  await check('DescribeTrafficControls by TrafficControlId: the policy as created', [CREATED], async () => {
    const policy = onePolicy(await client.trafficControls({ id: state.policy }));
    expectPolicy(policy, name, 'MINUTE', [100, 50, 20], remark);
    expectEqual('SpecialPolicies', [], policy.Specials);
  });
  await check('ModifyTrafficControl, then DescribeTrafficControls by TrafficControlName', [CREATED], async () => {
    await client.modifyTrafficControl(state.policy, newName, 'HOUR', 200, 100, 40, newRemark);
    expectPolicy(onePolicy(await client.trafficControls({ name: newName })), newName, 'HOUR', [200, 100, 40], newRemark);
    expectEqual('DescribeTrafficControls by the old name', [0, []], await client.trafficControls({ name }));
  });
  await check(BOUND, [MADE, CREATED], async () => {
    await client.setTrafficControlApis(state.policy, state.group, [state.api], 'RELEASE');
    const items = await client.trafficControlsByApi(state.group, state.api, 'RELEASE');
    expectEqual('TrafficControlItems (id, name)', [[state.policy, newName]], items.map(([id, n]) => [id, n]));
    expectTime('BoundTime', items[0][2]);
    expectEqual('DescribeTrafficControlsByApi in TEST', [], await client.trafficControlsByApi(state.group, state.api, 'TEST'));
  });
  await check('DescribeTrafficControls by GroupId, ApiId and StageName', [BOUND], async () => {
    const policy = onePolicy(await client.trafficControls({ groupId: state.group, apiId: state.api, stageName: 'RELEASE' }));
    expectEqual('TrafficControlId', state.policy, policy.TrafficControlId);
    expectEqual('DescribeTrafficControls in TEST', [0, []],
      await client.trafficControls({ groupId: state.group, apiId: state.api, stageName: 'TEST' }));
  });
  await check('DeleteTrafficControl of a bound policy raises DependencyViolationTrafficControl', [BOUND], async () => {
    await expectCode('DeleteTrafficControl of a bound policy', 'DependencyViolationTrafficControl',
      () => client.deleteTrafficControl(state.policy));
  });
  await check('AddTrafficSpecialControl for an app and a user, then DeleteTrafficSpecialControl', [CREATED], async () => {
    await client.addSpecial(state.policy, 'APP', appKey, 10);
    await client.addSpecial(state.policy, 'USER', userKey, 30);
    expectEqual('SpecialPolicies', [['APP', appKey, 10], ['USER', userKey, 30]],
      onePolicy(await client.trafficControls({ id: state.policy })).Specials);
    await client.deleteSpecial(state.policy, 'APP', appKey);
    expectEqual('SpecialPolicies after DeleteTrafficSpecialControl', [['USER', userKey, 30]],
      onePolicy(await client.trafficControls({ id: state.policy })).Specials);
  });
  await check(UNBOUND, [BOUND], async () => {
    await client.removeTrafficControlApis(state.policy, state.group, [state.api], 'RELEASE');
    expectEqual('DescribeTrafficControlsByApi', [], await client.trafficControlsByApi(state.group, state.api, 'RELEASE'));
  });
  await check('DeleteTrafficControl, then a second raises NotFoundTrafficControl', [UNBOUND], async () => {
    await client.deleteTrafficControl(state.policy);
    expectEqual('DescribeTrafficControls by TrafficControlId', [0, []], await client.trafficControls({ id: state.policy }));
    await expectCode('DeleteTrafficControl again', 'NotFoundTrafficControl', () => client.deleteTrafficControl(state.policy));
    delete state.policy;
  });
  // Whatever failed, leave the mock as it was: the API (its bindings with it), the policy, the
  // group.
  const quietly = async (fn) => { try { await fn(); } catch (e) { if (!(e instanceof SdkError)) throw e; } };
  if (state.api) await quietly(() => client.deleteApi(state.group, state.api));
  if (state.policy) await quietly(() => client.deleteTrafficControl(state.policy));
  if (state.group) await quietly(() => client.deleteGroup(state.group));
}

async function main() {
  const endpoint = process.argv[2];
  const configs = [
    ['node-tea-v3', () => new TeaClient(endpoint)],
    ['node-tea-v2', () => new TeaClient(endpoint, 'v2')],
    ['node-pop-get', () => new PopClient(endpoint, 'GET')],
    ['node-pop-post', () => new PopClient(endpoint, 'POST')],
  ];
  for (const [config, make] of configs) {
    let client;
    try {
      client = make();
    } catch (e) {
      console.log(`FAIL ${config.padEnd(13)} create the client: ${e && e.message}`);
      continue;
    }
    await runScenario(config, client);
    await runGroupScenario(config, client);
    await runApiScenario(config, client);
    await runAuthorizationScenario(config, client);
    await runTrafficControlScenario(config, client);
  }
}

main().catch((e) => {
  console.log(`FAIL node-sdks    driver crashed: ${e && e.stack}`);
  process.exitCode = 1;
});
