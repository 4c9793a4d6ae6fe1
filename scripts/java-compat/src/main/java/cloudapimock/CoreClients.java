package cloudapimock;

import cloudapimock.JavaSdks.App;
import cloudapimock.JavaSdks.Keys;
import cloudapimock.JavaSdks.SdkError;
import cloudapimock.JavaSdks.TagRow;
import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.cloudapi.model.v20160714.CreateApiGroupRequest;
import com.aliyuncs.cloudapi.model.v20160714.CreateApiGroupResponse;
import com.aliyuncs.cloudapi.model.v20160714.CreateAppRequest;
import com.aliyuncs.cloudapi.model.v20160714.DeleteApiGroupRequest;
import com.aliyuncs.cloudapi.model.v20160714.DeleteAppRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeApiGroupRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeApiGroupResponse;
import com.aliyuncs.cloudapi.model.v20160714.DescribeApiGroupsRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeApiGroupsResponse;
import com.aliyuncs.cloudapi.model.v20160714.DescribeAppAttributesRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeAppAttributesResponse;
import com.aliyuncs.cloudapi.model.v20160714.DescribeAppSecurityRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeAppSecurityResponse;
import com.aliyuncs.cloudapi.model.v20160714.DescribeAppsRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeAppsResponse;
import com.aliyuncs.cloudapi.model.v20160714.ModifyApiGroupRequest;
import com.aliyuncs.cloudapi.model.v20160714.ModifyAppRequest;
import com.aliyuncs.cloudapi.model.v20160714.ResetAppSecretRequest;
import com.aliyuncs.cloudapi.model.v20160714.TagResourcesRequest;
import com.aliyuncs.cloudapi.model.v20160714.UntagResourcesRequest;
import com.aliyuncs.cloudapi.openapi.sdk.entity.Tag;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The classic Java SDK: aliyun-java-sdk-core, and aliyun-java-sdk-cloudapi on it. */
final class CoreClients {
    /**
     * The core's client, pointed at the mock: the endpoint for product CloudAPI in the region,
     * and plain HTTP for every request.
     */
    static DefaultAcsClient acsClient(String endpoint) {
        DefaultProfile.addEndpoint(JavaSdks.REGION, "CloudAPI", endpoint);
        DefaultProfile profile = DefaultProfile.getProfile(JavaSdks.REGION, JavaSdks.ACCESS_KEY_ID, JavaSdks.ACCESS_KEY_SECRET);
        profile.getHttpClientConfig().setProtocolType(ProtocolType.HTTP);
        return new DefaultAcsClient(profile);
    }

    /**
     * The core raises ClientException for an answer in 4xx (and for what fails on this side)
     * and ServerException, its subclass, for 5xx.
     */
    static SdkError sdkError(String action, ClientException e) {
        return new SdkError(action, e.getErrCode(), null, e.getErrMsg(), e.getRequestId(), e);
    }

    /** The core's CommonRequest: product, version and action by name, parameters flattened by the caller. */
    static final class Common implements JavaSdks.Client, Groups.Client {
        final DefaultAcsClient client;
        final String endpoint;

        Common(String endpoint) {
            this.client = acsClient(endpoint);
            this.endpoint = endpoint;
        }

        JsonObject call(String action, Map<String, String> params) throws SdkError {
            CommonRequest r = new CommonRequest();
            r.setSysMethod(MethodType.POST);
            r.setSysDomain(endpoint);
            r.setSysProtocol(ProtocolType.HTTP);
            r.setSysVersion("2016-07-14");
            r.setSysAction(action);
            r.putQueryParameter("RegionId", JavaSdks.REGION);
            params.forEach(r::putQueryParameter);
            CommonResponse resp;
            try {
                resp = client.getCommonResponse(r);
            } catch (ClientException e) {
                throw sdkError(action, e);
            }
            return JsonParser.parseString(resp.getData()).getAsJsonObject();
        }

        static Map<String, String> params(String... keysAndValues) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                m.put(keysAndValues[i], keysAndValues[i + 1]);
            }
            return m;
        }

        static void flatTags(Map<String, String> params, Map<String, String> tags) {
            int n = 1;
            for (Map.Entry<String, String> t : tags.entrySet()) {
                params.put("Tag." + n + ".Key", t.getKey());
                params.put("Tag." + n + ".Value", t.getValue());
                n++;
            }
        }

        static String str(JsonObject o, String field) {
            JsonElement e = o.get(field);
            return e == null || e.isJsonNull() ? null : e.getAsString();
        }

        static JsonArray items(JsonObject body, String wrapper, String item) {
            JsonObject w = body.getAsJsonObject(wrapper);
            if (w == null || !w.has(item)) {
                return new JsonArray();
            }
            return w.getAsJsonArray(item);
        }

        static App app(JsonObject a) {
            Map<String, String> tags = null;
            if (a.has("Tags")) {
                tags = new LinkedHashMap<>();
                for (JsonElement t : items(a, "Tags", "TagInfo")) {
                    tags.put(str(t.getAsJsonObject(), "Key"), str(t.getAsJsonObject(), "Value"));
                }
            }
            return new App(a.get("AppId").getAsLong(), str(a, "AppName"), str(a, "Description"), tags);
        }

        @Override
        public long create(String name, String description, Map<String, String> tags) throws SdkError {
            Map<String, String> p = params("AppName", name, "Description", description);
            flatTags(p, tags);
            return call("CreateApp", p).get("AppId").getAsLong();
        }

        @Override
        public App describe(long appId) throws SdkError {
            return app(call("DescribeApp", params("AppId", String.valueOf(appId))));
        }

        @Override
        public List<App> attributesByName(String name) throws SdkError {
            List<App> out = new ArrayList<>();
            for (JsonElement a : items(call("DescribeAppAttributes", params("AppName", name)), "Apps", "AppAttribute")) {
                App app = app(a.getAsJsonObject());
                out.add(app.tags() == null ? new App(app.appId(), app.appName(), app.description(), Map.of()) : app);
            }
            return out;
        }

        @Override
        public List<App> appsById(long appId) throws SdkError {
            List<App> out = new ArrayList<>();
            for (JsonElement a : items(call("DescribeApps", params("AppId", String.valueOf(appId))), "Apps", "AppItem")) {
                out.add(app(a.getAsJsonObject()));
            }
            return out;
        }

        @Override
        public void modify(long appId, String name, String description) throws SdkError {
            call("ModifyApp", params("AppId", String.valueOf(appId), "AppName", name, "Description", description));
        }

        @Override
        public void tag(long appId, Map<String, String> tags) throws SdkError {
            Map<String, String> p = params("ResourceType", "app", "ResourceId.1", String.valueOf(appId));
            flatTags(p, tags);
            call("TagResources", p);
        }

        @Override
        public void untag(long appId, List<String> keys) throws SdkError {
            Map<String, String> p = params("ResourceType", "app", "ResourceId.1", String.valueOf(appId));
            for (int i = 0; i < keys.size(); i++) {
                p.put("TagKey." + (i + 1), keys.get(i));
            }
            call("UntagResources", p);
        }

        @Override
        public List<TagRow> listTags(long appId) throws SdkError {
            return listTagsOf("app", String.valueOf(appId));
        }

        List<TagRow> listTagsOf(String type, String id) throws SdkError {
            List<TagRow> rows = new ArrayList<>();
            JsonObject body = call("ListTagResources", params("ResourceType", type, "ResourceId.1", id));
            for (JsonElement e : items(body, "TagResources", "TagResource")) {
                JsonObject t = e.getAsJsonObject();
                rows.add(new TagRow(str(t, "ResourceId"), str(t, "ResourceType"), str(t, "TagKey"), str(t, "TagValue")));
            }
            return rows;
        }

        @Override
        public Keys security(long appId) throws SdkError {
            JsonObject b = call("DescribeAppSecurity", params("AppId", String.valueOf(appId)));
            return new Keys(str(b, "AppKey"), str(b, "AppSecret"), str(b, "AppCode"));
        }

        @Override
        public void resetSecret(String appKey) throws SdkError {
            call("ResetAppSecret", params("AppKey", appKey));
        }

        @Override
        public void delete(long appId) throws SdkError {
            call("DeleteApp", params("AppId", String.valueOf(appId)));
        }

        // --- API groups

        static Groups.Group group(JsonObject g) {
            return new Groups.Group(str(g, "GroupId"), str(g, "GroupName"), str(g, "Description"), str(g, "SubDomain"));
        }

        @Override
        public Groups.Group createGroup(String name, String description, Map<String, String> tags) throws SdkError {
            Map<String, String> p = params("GroupName", name, "Description", description);
            flatTags(p, tags);
            return group(call("CreateApiGroup", p));
        }

        @Override
        public Groups.Group describeGroup(String id) throws SdkError {
            return group(call("DescribeApiGroup", params("GroupId", id)));
        }

        @Override
        public List<Groups.Group> groupsByName(String name) throws SdkError {
            List<Groups.Group> out = new ArrayList<>();
            for (JsonElement g : items(call("DescribeApiGroups", params("GroupName", name)), "ApiGroupAttributes", "ApiGroupAttribute")) {
                out.add(group(g.getAsJsonObject()));
            }
            return out;
        }

        @Override
        public void modifyGroup(String id, String name, String description) throws SdkError {
            call("ModifyApiGroup", params("GroupId", id, "GroupName", name, "Description", description));
        }

        @Override
        public void tagGroup(String id, Map<String, String> tags) throws SdkError {
            Map<String, String> p = params("ResourceType", "apiGroup", "ResourceId.1", id);
            flatTags(p, tags);
            call("TagResources", p);
        }

        @Override
        public Map<String, String> listGroupTags(String id) throws Exception {
            return Groups.tagsOf(id, listTagsOf("apiGroup", id));
        }

        @Override
        public void deleteGroup(String id) throws SdkError {
            call("DeleteApiGroup", params("GroupId", id));
        }
    }

    /**
     * The typed requests of aliyun-java-sdk-cloudapi 4.9.3, the only release the registry
     * serves. It has no DescribeApp request, and its ListTagResources answer is unusable (see
     * listTags): both calls go through the core's CommonRequest, as a Java user of 4.9.3 would
     * make them. Its AppAttribute model has no Tags.
     */
    static final class Typed implements JavaSdks.Client, Groups.Client {
        final DefaultAcsClient client;
        final Common common;

        Typed(String endpoint) {
            this.client = acsClient(endpoint);
            this.common = new Common(endpoint);
        }

        <T extends AcsResponse> T call(String action, AcsRequest<T> request) throws SdkError {
            try {
                return client.getAcsResponse(request);
            } catch (ClientException e) {
                throw sdkError(action, e);
            }
        }

        @Override
        public boolean attributesCarryTags() {
            return false;
        }

        @Override
        public long create(String name, String description, Map<String, String> tags) throws SdkError {
            CreateAppRequest r = new CreateAppRequest();
            r.setAppName(name);
            r.setDescription(description);
            if (!tags.isEmpty()) {
                List<Tag> ts = new ArrayList<>();
                tags.forEach((k, v) -> ts.add(new Tag(k, v)));
                r.setTags(ts);
            }
            return call("CreateApp", r).getAppId();
        }

        @Override
        public App describe(long appId) throws SdkError {
            return common.describe(appId);
        }

        @Override
        public List<App> attributesByName(String name) throws SdkError {
            DescribeAppAttributesRequest r = new DescribeAppAttributesRequest();
            r.setAppName(name);
            List<App> out = new ArrayList<>();
            for (DescribeAppAttributesResponse.AppAttribute a : call("DescribeAppAttributes", r).getApps()) {
                out.add(new App(a.getAppId(), a.getAppName(), a.getDescription(), null));
            }
            return out;
        }

        @Override
        public List<App> appsById(long appId) throws SdkError {
            DescribeAppsRequest r = new DescribeAppsRequest();
            r.setAppId(appId);
            List<App> out = new ArrayList<>();
            for (DescribeAppsResponse.AppItem a : call("DescribeApps", r).getApps()) {
                out.add(new App(a.getAppId(), a.getAppName(), a.getDescription(), null));
            }
            return out;
        }

        @Override
        public void modify(long appId, String name, String description) throws SdkError {
            ModifyAppRequest r = new ModifyAppRequest();
            r.setAppId(appId);
            r.setAppName(name);
            r.setDescription(description);
            call("ModifyApp", r);
        }

        @Override
        public void tag(long appId, Map<String, String> tags) throws SdkError {
            TagResourcesRequest r = new TagResourcesRequest();
            r.setResourceType("app");
            r.setResourceIds(List.of(String.valueOf(appId)));
            List<TagResourcesRequest.Tag> ts = new ArrayList<>();
            tags.forEach((k, v) -> {
                TagResourcesRequest.Tag t = new TagResourcesRequest.Tag();
                t.setKey(k);
                t.setValue(v);
                ts.add(t);
            });
            r.setTags(ts);
            call("TagResources", r);
        }

        @Override
        public void untag(long appId, List<String> keys) throws SdkError {
            UntagResourcesRequest r = new UntagResourcesRequest();
            r.setResourceType("app");
            r.setResourceIds(List.of(String.valueOf(appId)));
            r.setTagKeys(keys);
            call("UntagResources", r);
        }

        /**
         * Through the CommonRequest: 4.9.3's ListTagResourcesResponseUnmarshaller sets each
         * field of a TagResource to its own lookup key ("ListTagResourcesResponse.TagResources[0].ResourceId")
         * instead of the value found there, whatever the server answers.
         */
        @Override
        public List<TagRow> listTags(long appId) throws SdkError {
            return common.listTags(appId);
        }

        @Override
        public Keys security(long appId) throws SdkError {
            DescribeAppSecurityRequest r = new DescribeAppSecurityRequest();
            r.setAppId(appId);
            DescribeAppSecurityResponse resp = call("DescribeAppSecurity", r);
            return new Keys(resp.getAppKey(), resp.getAppSecret(), resp.getAppCode());
        }

        @Override
        public void resetSecret(String appKey) throws SdkError {
            ResetAppSecretRequest r = new ResetAppSecretRequest();
            r.setAppKey(appKey);
            call("ResetAppSecret", r);
        }

        @Override
        public void delete(long appId) throws SdkError {
            DeleteAppRequest r = new DeleteAppRequest();
            r.setAppId(appId);
            call("DeleteApp", r);
        }

        // --- API groups, typed; the group's tags through the CommonRequest (see listTags)

        @Override
        public Groups.Group createGroup(String name, String description, Map<String, String> tags) throws SdkError {
            CreateApiGroupRequest r = new CreateApiGroupRequest();
            r.setGroupName(name);
            r.setDescription(description);
            if (!tags.isEmpty()) {
                List<Tag> ts = new ArrayList<>();
                tags.forEach((k, v) -> ts.add(new Tag(k, v)));
                r.setTags(ts);
            }
            CreateApiGroupResponse g = call("CreateApiGroup", r);
            return new Groups.Group(g.getGroupId(), g.getGroupName(), g.getDescription(), g.getSubDomain());
        }

        @Override
        public Groups.Group describeGroup(String id) throws SdkError {
            DescribeApiGroupRequest r = new DescribeApiGroupRequest();
            r.setGroupId(id);
            DescribeApiGroupResponse g = call("DescribeApiGroup", r);
            return new Groups.Group(g.getGroupId(), g.getGroupName(), g.getDescription(), g.getSubDomain());
        }

        @Override
        public List<Groups.Group> groupsByName(String name) throws SdkError {
            DescribeApiGroupsRequest r = new DescribeApiGroupsRequest();
            r.setGroupName(name);
            List<Groups.Group> out = new ArrayList<>();
            for (DescribeApiGroupsResponse.ApiGroupAttribute g : call("DescribeApiGroups", r).getApiGroupAttributes()) {
                out.add(new Groups.Group(g.getGroupId(), g.getGroupName(), g.getDescription(), g.getSubDomain()));
            }
            return out;
        }

        @Override
        public void modifyGroup(String id, String name, String description) throws SdkError {
            ModifyApiGroupRequest r = new ModifyApiGroupRequest();
            r.setGroupId(id);
            r.setGroupName(name);
            r.setDescription(description);
            call("ModifyApiGroup", r);
        }

        @Override
        public void tagGroup(String id, Map<String, String> tags) throws SdkError {
            TagResourcesRequest r = new TagResourcesRequest();
            r.setResourceType("apiGroup");
            r.setResourceIds(List.of(id));
            List<TagResourcesRequest.Tag> ts = new ArrayList<>();
            tags.forEach((k, v) -> {
                TagResourcesRequest.Tag t = new TagResourcesRequest.Tag();
                t.setKey(k);
                t.setValue(v);
                ts.add(t);
            });
            r.setTags(ts);
            call("TagResources", r);
        }

        @Override
        public Map<String, String> listGroupTags(String id) throws Exception {
            return common.listGroupTags(id);
        }

        @Override
        public void deleteGroup(String id) throws SdkError {
            DeleteApiGroupRequest r = new DeleteApiGroupRequest();
            r.setGroupId(id);
            call("DeleteApiGroup", r);
        }
    }

    private CoreClients() {}
}
