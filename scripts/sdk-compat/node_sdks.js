'use strict';
// Drive the official Node SDKs against a running cloudapi-mock.
//
// Usage: node node_sdks.js HOST:PORT
//
// Runs the app lifecycle and the API group lifecycle (the same scenarios as python_sdks.py)
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
  }
}

main().catch((e) => {
  console.log(`FAIL node-sdks    driver crashed: ${e && e.stack}`);
  process.exitCode = 1;
});
