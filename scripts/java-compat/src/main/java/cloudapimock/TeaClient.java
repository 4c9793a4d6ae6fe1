package cloudapimock;

import cloudapimock.JavaSdks.App;
import cloudapimock.JavaSdks.Keys;
import cloudapimock.JavaSdks.SdkError;
import cloudapimock.JavaSdks.TagRow;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Tea ("V2.0") Java core, com.aliyun:tea-openapi. The generated com.aliyun:cloudapi20160714
 * is not served by the registry this project reaches; every one of its actions is a callApi
 * with these Params (RPC, POST, every parameter in the query flattened by openapiutil), so
 * this client makes the same call its generated methods make.
 */
final class TeaClient implements JavaSdks.Client, Groups.Client {
    final com.aliyun.teaopenapi.Client client;

    TeaClient(String endpoint, String signatureAlgorithm) throws Exception {
        Config config = new Config()
                .setAccessKeyId(JavaSdks.ACCESS_KEY_ID)
                .setAccessKeySecret(JavaSdks.ACCESS_KEY_SECRET)
                .setEndpoint(endpoint)
                .setProtocol("http")
                .setRegionId(JavaSdks.REGION);
        if (signatureAlgorithm != null) {
            config.setSignatureAlgorithm(signatureAlgorithm);
        }
        client = new com.aliyun.teaopenapi.Client(config);
    }

    /** What every generated CloudAPI method passes (com.aliyun.cloudapi20160714.Client). */
    static Params params(String action) {
        return new Params()
                .setAction(action)
                .setVersion("2016-07-14")
                .setProtocol("HTTPS")
                .setPathname("/")
                .setMethod("POST")
                .setAuthType("AK")
                .setStyle("RPC")
                .setReqBodyType("formData")
                .setBodyType("json");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> call(String action, Map<String, Object> query) throws Exception {
        OpenApiRequest request = new OpenApiRequest().setQuery(com.aliyun.openapiutil.Client.query(query));
        Map<String, ?> response;
        try {
            response = client.callApi(params(action), request, new RuntimeOptions());
        } catch (TeaException e) {
            Map<String, Object> data = e.getData();
            Object requestId = data == null ? null : data.get("RequestId");
            throw new SdkError(action, e.getCode(), e.getStatusCode(), e.getMessage(),
                    requestId == null ? null : requestId.toString(), e);
        }
        return (Map<String, Object>) response.get("body");
    }

    static Map<String, Object> query(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static List<Map<String, String>> tagList(Map<String, String> tags) {
        List<Map<String, String>> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Map.of("Key", k, "Value", v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> body, String wrapper, String item) {
        Object w = body.get(wrapper);
        if (!(w instanceof Map)) {
            return List.of();
        }
        Object list = ((Map<String, Object>) w).get(item);
        return list instanceof List ? (List<Map<String, Object>>) list : List.of();
    }

    static String str(Map<String, Object> m, String field) {
        Object v = m.get(field);
        return v == null ? null : v.toString();
    }

    /** The typed models read AppId as a Long; a JSON number decodes to a Number here. */
    static long id(Map<String, Object> m) {
        Object v = m.get("AppId");
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("AppId: expected a JSON number, got " + v + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")"));
        }
        return n.longValue();
    }

    static App app(Map<String, Object> a) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, Object> t : items(a, "Tags", "TagInfo")) {
            tags.put(str(t, "Key"), str(t, "Value"));
        }
        return new App(id(a), str(a, "AppName"), str(a, "Description"), tags);
    }

    @Override
    public long create(String name, String description, Map<String, String> tags) throws Exception {
        Map<String, Object> q = query("AppName", name, "Description", description);
        if (!tags.isEmpty()) {
            q.put("Tag", tagList(tags));
        }
        return id(call("CreateApp", q));
    }

    @Override
    public App describe(long appId) throws Exception {
        return app(call("DescribeApp", query("AppId", appId)));
    }

    @Override
    public List<App> attributesByName(String name) throws Exception {
        List<App> out = new ArrayList<>();
        for (Map<String, Object> a : items(call("DescribeAppAttributes", query("AppName", name)), "Apps", "AppAttribute")) {
            out.add(app(a));
        }
        return out;
    }

    @Override
    public List<App> appsById(long appId) throws Exception {
        List<App> out = new ArrayList<>();
        for (Map<String, Object> a : items(call("DescribeApps", query("AppId", appId)), "Apps", "AppItem")) {
            out.add(app(a));
        }
        return out;
    }

    @Override
    public void modify(long appId, String name, String description) throws Exception {
        call("ModifyApp", query("AppId", appId, "AppName", name, "Description", description));
    }

    @Override
    public void tag(long appId, Map<String, String> tags) throws Exception {
        call("TagResources", query("ResourceType", "app", "ResourceId", List.of(String.valueOf(appId)), "Tag", tagList(tags)));
    }

    @Override
    public void untag(long appId, List<String> keys) throws Exception {
        call("UntagResources", query("ResourceType", "app", "ResourceId", List.of(String.valueOf(appId)), "TagKey", keys));
    }

    @Override
    public List<TagRow> listTags(long appId) throws Exception {
        return listTagsOf("app", String.valueOf(appId));
    }

    List<TagRow> listTagsOf(String type, String id) throws Exception {
        List<TagRow> rows = new ArrayList<>();
        Map<String, Object> body = call("ListTagResources", query("ResourceType", type, "ResourceId", List.of(id)));
        for (Map<String, Object> t : items(body, "TagResources", "TagResource")) {
            rows.add(new TagRow(str(t, "ResourceId"), str(t, "ResourceType"), str(t, "TagKey"), str(t, "TagValue")));
        }
        return rows;
    }

    @Override
    public Keys security(long appId) throws Exception {
        Map<String, Object> b = call("DescribeAppSecurity", query("AppId", appId));
        return new Keys(str(b, "AppKey"), str(b, "AppSecret"), str(b, "AppCode"));
    }

    @Override
    public void resetSecret(String appKey) throws Exception {
        call("ResetAppSecret", query("AppKey", appKey));
    }

    @Override
    public void delete(long appId) throws Exception {
        call("DeleteApp", query("AppId", appId));
    }

    // --- API groups

    static Groups.Group group(Map<String, Object> g) {
        return new Groups.Group(str(g, "GroupId"), str(g, "GroupName"), str(g, "Description"), str(g, "SubDomain"));
    }

    @Override
    public Groups.Group createGroup(String name, String description, Map<String, String> tags) throws Exception {
        Map<String, Object> q = query("GroupName", name, "Description", description);
        if (!tags.isEmpty()) {
            q.put("Tag", tagList(tags));
        }
        return group(call("CreateApiGroup", q));
    }

    @Override
    public Groups.Group describeGroup(String id) throws Exception {
        return group(call("DescribeApiGroup", query("GroupId", id)));
    }

    @Override
    public List<Groups.Group> groupsByName(String name) throws Exception {
        List<Groups.Group> out = new ArrayList<>();
        for (Map<String, Object> g : items(call("DescribeApiGroups", query("GroupName", name)), "ApiGroupAttributes", "ApiGroupAttribute")) {
            out.add(group(g));
        }
        return out;
    }

    @Override
    public void modifyGroup(String id, String name, String description) throws Exception {
        call("ModifyApiGroup", query("GroupId", id, "GroupName", name, "Description", description));
    }

    @Override
    public void tagGroup(String id, Map<String, String> tags) throws Exception {
        call("TagResources", query("ResourceType", "apiGroup", "ResourceId", List.of(id), "Tag", tagList(tags)));
    }

    @Override
    public Map<String, String> listGroupTags(String id) throws Exception {
        return Groups.tagsOf(id, listTagsOf("apiGroup", id));
    }

    @Override
    public void deleteGroup(String id) throws Exception {
        call("DeleteApiGroup", query("GroupId", id));
    }
}
