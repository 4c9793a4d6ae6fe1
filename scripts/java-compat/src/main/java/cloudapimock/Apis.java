package cloudapimock;

import cloudapimock.JavaSdks.CheckFailed;
import cloudapimock.JavaSdks.SdkError;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.cloudapi.model.v20160714.AbolishApiRequest;
import com.aliyuncs.cloudapi.model.v20160714.CreateApiRequest;
import com.aliyuncs.cloudapi.model.v20160714.DeleteApiRequest;
import com.aliyuncs.cloudapi.model.v20160714.DeployApiRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeApiRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeApiResponse;
import com.aliyuncs.cloudapi.model.v20160714.DescribeDeployedApiRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeDeployedApiResponse;
import com.aliyuncs.cloudapi.model.v20160714.ModifyApiRequest;
import com.google.gson.Gson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * APIs and stages through the same clients (python_sdks.py, node_sdks.js and apis.go hold the
 * same scenario): an API with a Mock backend and one with an HTTP backend (path, query,
 * header and body parameters, a constant, a system parameter), deployed to RELEASE and TEST,
 * the deployed copy read, modified and re-deployed, abolished, deleted.
 */
final class Apis {
    /** What every SDK answers for an API, reduced to what the checks compare. */
    record View(String apiId, String apiName, String description, String topMock, String stageName,
            String deployedTime, String requestPath, String serviceAddress, String serviceMock, String mockResult,
            Integer mockStatusCode, Integer serviceTimeout, int mockHeaders, List<String> params, int constants,
            int system, List<String> deployed, int stages) {}

    interface Client {
        String createApi(String groupId, Map<String, String> d) throws Exception;

        void modifyApi(String groupId, String apiId, Map<String, String> d) throws Exception;

        View describeApi(String groupId, String apiId) throws Exception;

        void deploy(String groupId, String apiId, String stage, String remark) throws Exception;

        View describeDeployed(String groupId, String apiId, String stage) throws Exception;

        void abolish(String groupId, String apiId, String stage) throws Exception;

        void deleteApi(String groupId, String apiId) throws Exception;
    }

    /** The nine documents the SDKs send in the form body of CreateApi and ModifyApi (reference 1.1). */
    static final Set<String> BODY = Set.of("ConstantParameters", "ErrorCodeSamples", "FailResultSample",
            "RequestParameters", "ResultDescriptions", "ResultSample", "ServiceParameters", "ServiceParametersMap",
            "SystemParameters");

    // --- reading a JSON answer (Tea's map, the CommonRequest's JSON) ----------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> items(Map<String, Object> body, String outer, String inner) {
        Object list = obj(body.get(outer)).get(inner);
        return list instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    static String str(Object o) {
        return o instanceof String s ? s : null;
    }

    /** A JSON number as an Integer; anything else (a string "200") as null, so the check fails. */
    static Integer num(Object o) {
        return o instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }

    static View fromJson(Map<String, Object> b) {
        Map<String, Object> rc = obj(b.get("RequestConfig"));
        Map<String, Object> sc = obj(b.get("ServiceConfig"));
        List<String> params = new ArrayList<>();
        for (Object p : items(b, "RequestParameters", "RequestParameter")) {
            params.add(str(obj(p).get("ApiParameterName")) + " " + str(obj(p).get("Location")));
        }
        params.sort(null);
        List<String> deployed = new ArrayList<>();
        List<Object> infos = items(b, "DeployedInfos", "DeployedInfo");
        for (Object i : infos) {
            if ("DEPLOYED".equals(obj(i).get("DeployedStatus"))) {
                deployed.add(str(obj(i).get("StageName")));
            }
        }
        deployed.sort(null);
        return new View(str(b.get("ApiId")), str(b.get("ApiName")), str(b.get("Description")), str(b.get("Mock")),
                str(b.get("StageName")), str(b.get("DeployedTime")), str(rc.get("RequestPath")),
                str(sc.get("ServiceAddress")), str(sc.get("Mock")), str(sc.get("MockResult")),
                num(sc.get("MockStatusCode")), num(sc.get("ServiceTimeout")),
                items(sc, "MockHeaders", "MockHeader").size(), params,
                items(b, "ConstantParameters", "ConstantParameter").size(),
                items(b, "SystemParameters", "SystemParameter").size(), deployed, infos.size());
    }

    // --- the Tea core: callApi as the generated client calls it ---------------------------

    static final class Tea implements Client {
        final TeaClient tea;

        Tea(TeaClient tea) {
            this.tea = tea;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> call(String action, Map<String, Object> query, Map<String, Object> body) throws Exception {
            OpenApiRequest request = new OpenApiRequest().setQuery(com.aliyun.openapiutil.Client.query(query));
            if (!body.isEmpty()) {
                request.setBody(body);
            }
            Map<String, ?> response;
            try {
                response = tea.client.callApi(TeaClient.params(action), request, new RuntimeOptions());
            } catch (TeaException e) {
                Map<String, Object> data = e.getData();
                Object requestId = data == null ? null : data.get("RequestId");
                throw new SdkError(action, e.getCode(), e.getStatusCode(), e.getMessage(),
                        requestId == null ? null : requestId.toString(), e);
            }
            return (Map<String, Object>) response.get("body");
        }

        Map<String, Object> call(String action, Object... keysAndValues) throws Exception {
            return call(action, TeaClient.query(keysAndValues), Map.of());
        }

        /** The definition split as the generated CreateApi and ModifyApi split it. */
        Map<String, Object> define(String action, Map<String, Object> query, Map<String, String> d) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            d.forEach((k, v) -> (BODY.contains(k) ? body : query).put(k, v));
            return call(action, query, body);
        }

        @Override
        public String createApi(String groupId, Map<String, String> d) throws Exception {
            return str(define("CreateApi", TeaClient.query("GroupId", groupId), d).get("ApiId"));
        }

        @Override
        public void modifyApi(String groupId, String apiId, Map<String, String> d) throws Exception {
            define("ModifyApi", TeaClient.query("GroupId", groupId, "ApiId", apiId), d);
        }

        @Override
        public View describeApi(String groupId, String apiId) throws Exception {
            return fromJson(call("DescribeApi", "GroupId", groupId, "ApiId", apiId));
        }

        @Override
        public void deploy(String groupId, String apiId, String stage, String remark) throws Exception {
            call("DeployApi", "GroupId", groupId, "ApiId", apiId, "StageName", stage, "Description", remark);
        }

        @Override
        public View describeDeployed(String groupId, String apiId, String stage) throws Exception {
            return fromJson(call("DescribeDeployedApi", "GroupId", groupId, "ApiId", apiId, "StageName", stage));
        }

        @Override
        public void abolish(String groupId, String apiId, String stage) throws Exception {
            call("AbolishApi", "GroupId", groupId, "ApiId", apiId, "StageName", stage);
        }

        @Override
        public void deleteApi(String groupId, String apiId) throws Exception {
            call("DeleteApi", "GroupId", groupId, "ApiId", apiId);
        }
    }

    // --- the classic core's CommonRequest -------------------------------------------------

    static final class Common implements Client {
        final CoreClients.Common common;

        Common(CoreClients.Common common) {
            this.common = common;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> call(String action, Map<String, String> params) throws Exception {
            return new Gson().fromJson(common.call(action, params), Map.class);
        }

        Map<String, String> with(Map<String, String> d, String... keysAndValues) {
            Map<String, String> p = CoreClients.Common.params(keysAndValues);
            p.putAll(d);
            return p;
        }

        @Override
        public String createApi(String groupId, Map<String, String> d) throws Exception {
            return str(call("CreateApi", with(d, "GroupId", groupId)).get("ApiId"));
        }

        @Override
        public void modifyApi(String groupId, String apiId, Map<String, String> d) throws Exception {
            call("ModifyApi", with(d, "GroupId", groupId, "ApiId", apiId));
        }

        @Override
        public View describeApi(String groupId, String apiId) throws Exception {
            return fromJson(call("DescribeApi", CoreClients.Common.params("GroupId", groupId, "ApiId", apiId)));
        }

        @Override
        public void deploy(String groupId, String apiId, String stage, String remark) throws Exception {
            call("DeployApi", CoreClients.Common.params("GroupId", groupId, "ApiId", apiId, "StageName", stage,
                    "Description", remark));
        }

        @Override
        public View describeDeployed(String groupId, String apiId, String stage) throws Exception {
            return fromJson(call("DescribeDeployedApi",
                    CoreClients.Common.params("GroupId", groupId, "ApiId", apiId, "StageName", stage)));
        }

        @Override
        public void abolish(String groupId, String apiId, String stage) throws Exception {
            call("AbolishApi", CoreClients.Common.params("GroupId", groupId, "ApiId", apiId, "StageName", stage));
        }

        @Override
        public void deleteApi(String groupId, String apiId) throws Exception {
            call("DeleteApi", CoreClients.Common.params("GroupId", groupId, "ApiId", apiId));
        }
    }

    // --- the typed requests of aliyun-java-sdk-cloudapi 4.9.3 -----------------------------

    static final class Typed implements Client {
        final CoreClients.Typed typed;

        Typed(CoreClients.Typed typed) {
            this.typed = typed;
        }

        <T extends AcsResponse> T call(String action, AcsRequest<T> request) throws Exception {
            return typed.call(action, request);
        }

        /** Sets the request's fields by the definition's wire names (setApiName, setRequestConfig ...). */
        static void fill(Object request, Map<String, String> d) throws Exception {
            for (Map.Entry<String, String> e : d.entrySet()) {
                request.getClass().getMethod("set" + e.getKey(), String.class).invoke(request, e.getValue());
            }
        }

        static View view(String apiId, String apiName, String description, String stageName, String deployedTime,
                DescribeApiResponse.RequestConfig rc, DescribeApiResponse.ServiceConfig sc,
                List<DescribeApiResponse.RequestParameter> requestParameters, int constants, int system,
                List<DescribeApiResponse.DeployedInfo> infos) {
            List<String> params = new ArrayList<>();
            for (DescribeApiResponse.RequestParameter p : requestParameters == null ? List.<DescribeApiResponse.RequestParameter>of() : requestParameters) {
                params.add(p.getApiParameterName() + " " + p.getLocation());
            }
            params.sort(null);
            List<String> deployed = new ArrayList<>();
            List<DescribeApiResponse.DeployedInfo> all = infos == null ? List.of() : infos;
            for (DescribeApiResponse.DeployedInfo i : all) {
                if ("DEPLOYED".equals(i.getDeployedStatus())) {
                    deployed.add(i.getStageName());
                }
            }
            deployed.sort(null);
            return new View(apiId, apiName, description, null, stageName, deployedTime,
                    rc == null ? null : rc.getRequestPath(), sc == null ? null : sc.getServiceAddress(),
                    sc == null ? null : sc.getMock(), sc == null ? null : sc.getMockResult(),
                    sc == null ? null : sc.getMockStatusCode(), sc == null ? null : sc.getServiceTimeout(),
                    sc == null || sc.getMockHeaders() == null ? 0 : sc.getMockHeaders().size(), params, constants,
                    system, deployed, all.size());
        }

        static int size(List<?> list) {
            return list == null ? 0 : list.size();
        }

        @Override
        public String createApi(String groupId, Map<String, String> d) throws Exception {
            CreateApiRequest r = new CreateApiRequest();
            r.setGroupId(groupId);
            fill(r, d);
            return call("CreateApi", r).getApiId();
        }

        @Override
        public void modifyApi(String groupId, String apiId, Map<String, String> d) throws Exception {
            ModifyApiRequest r = new ModifyApiRequest();
            r.setGroupId(groupId);
            r.setApiId(apiId);
            fill(r, d);
            call("ModifyApi", r);
        }

        @Override
        public View describeApi(String groupId, String apiId) throws Exception {
            DescribeApiRequest r = new DescribeApiRequest();
            r.setGroupId(groupId);
            r.setApiId(apiId);
            DescribeApiResponse a = call("DescribeApi", r);
            return view(a.getApiId(), a.getApiName(), a.getDescription(), null, null, a.getRequestConfig(),
                    a.getServiceConfig(), a.getRequestParameters(), size(a.getConstantParameters()),
                    size(a.getSystemParameters()), a.getDeployedInfos());
        }

        @Override
        public void deploy(String groupId, String apiId, String stage, String remark) throws Exception {
            DeployApiRequest r = new DeployApiRequest();
            r.setGroupId(groupId);
            r.setApiId(apiId);
            r.setStageName(stage);
            r.setDescription(remark);
            call("DeployApi", r);
        }

        @Override
        public View describeDeployed(String groupId, String apiId, String stage) throws Exception {
            DescribeDeployedApiRequest r = new DescribeDeployedApiRequest();
            r.setGroupId(groupId);
            r.setApiId(apiId);
            r.setStageName(stage);
            DescribeDeployedApiResponse a = call("DescribeDeployedApi", r);
            return view(a.getApiId(), a.getApiName(), a.getDescription(), a.getStageName(), a.getDeployedTime(),
                    a.getRequestConfig(), a.getServiceConfig(), a.getRequestParameters(),
                    size(a.getConstantParameters()), size(a.getSystemParameters()), null);
        }

        @Override
        public void abolish(String groupId, String apiId, String stage) throws Exception {
            AbolishApiRequest r = new AbolishApiRequest();
            r.setGroupId(groupId);
            r.setApiId(apiId);
            r.setStageName(stage);
            call("AbolishApi", r);
        }

        @Override
        public void deleteApi(String groupId, String apiId) throws Exception {
            DeleteApiRequest r = new DeleteApiRequest();
            r.setGroupId(groupId);
            r.setApiId(apiId);
            call("DeleteApi", r);
        }
    }

    // --- the definitions and the scenario -------------------------------------------------

    static final Gson GSON = new Gson();

    static Map<String, Object> m(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    static Map<String, String> mockDefinition(String name, String result) {
        return JavaSdks.ordered("ApiName", name, "Visibility", "PRIVATE", "AuthType", "ANONYMOUS",
                "Description", "a Mock-backend API", "ResultType", "JSON", "ResultSample", result,
                "RequestConfig", GSON.toJson(m("RequestProtocol", "HTTP,HTTPS", "RequestHttpMethod", "GET",
                        "RequestPath", "/" + name, "RequestMode", "PASSTHROUGH")),
                "ServiceConfig", GSON.toJson(m("ServiceProtocol", "HTTP", "ServiceAddress", "http://www.aliyun.com",
                        "ServiceHttpMethod", "GET", "ServicePath", "/mock", "ServiceTimeout", "10000", "Mock", "TRUE",
                        "MockResult", result, "MockStatusCode", 200,
                        "MockHeaders", List.of(m("HeaderName", "Content-Type", "HeaderValue", "application/json")))));
    }

    static Map<String, String> httpDefinition(String name, String address) {
        return JavaSdks.ordered("ApiName", name, "Visibility", "PRIVATE", "AuthType", "APP",
                "Description", "today's forecast for a city: 天气", "ResultType", "JSON",
                "ResultSample", "{\"forecast\":\"sunny\"}",
                "RequestConfig", GSON.toJson(m("RequestProtocol", "HTTP", "RequestHttpMethod", "POST",
                        "RequestPath", "/weather/[city]", "RequestMode", "MAPPING", "BodyFormat", "FORM")),
                "ServiceConfig", GSON.toJson(m("ServiceProtocol", "HTTP", "ServiceAddress", address,
                        "ServicePath", "/v1/forecast/[cityName]", "ServiceHttpMethod", "POST", "ServiceTimeout", 3000,
                        "Mock", "FALSE", "ServiceVpcEnable", "FALSE")),
                "RequestParameters", GSON.toJson(List.of(
                        m("ApiParameterName", "city", "Location", "PATH", "ParameterType", "String", "Required", "REQUIRED"),
                        m("ApiParameterName", "days", "Location", "QUERY", "ParameterType", "Int", "Required", "OPTIONAL",
                                "DefaultValue", "3"),
                        m("ApiParameterName", "X-Trace-Id", "Location", "HEAD", "ParameterType", "String", "Required", "OPTIONAL"),
                        m("ApiParameterName", "note", "Location", "BODY", "ParameterType", "String", "Required", "OPTIONAL"))),
                "ServiceParameters", GSON.toJson(List.of(
                        m("ServiceParameterName", "cityName", "Location", "PATH", "ParameterType", "STRING", "ParameterCatalog", "REQUEST"),
                        m("ServiceParameterName", "days", "Location", "QUERY", "ParameterType", "NUMBER", "ParameterCatalog", "REQUEST"),
                        m("ServiceParameterName", "X-Trace-Id", "Location", "HEAD", "ParameterType", "STRING", "ParameterCatalog", "REQUEST"),
                        m("ServiceParameterName", "note", "Location", "BODY", "ParameterType", "STRING", "ParameterCatalog", "REQUEST"))),
                "ServiceParametersMap", GSON.toJson(List.of(
                        m("ServiceParameterName", "cityName", "RequestParameterName", "city"),
                        m("ServiceParameterName", "days", "RequestParameterName", "days"),
                        m("ServiceParameterName", "X-Trace-Id", "RequestParameterName", "X-Trace-Id"),
                        m("ServiceParameterName", "note", "RequestParameterName", "note"))),
                "ConstantParameters", GSON.toJson(List.of(m("ServiceParameterName", "apiVersion", "ConstantValue", "2",
                        "Location", "HEAD", "Description", "the backend's version"))),
                "SystemParameters", GSON.toJson(List.of(m("ParameterName", "CaClientIp", "ServiceParameterName", "clientIp",
                        "Location", "HEAD"))));
    }

    static void run(String config, Client c, Groups.Client groups, boolean readsTopLevelMock) {
        JavaSdks.Scenario s = new JavaSdks.Scenario(config, null);
        String label = config.replace('-', '_');
        String mockName = label + "_mock_api";
        String httpName = label + "_http_api";
        String[] group = new String[1];
        String[] mockId = new String[1];
        String[] httpId = new String[1];
        final String grouped = "CreateApiGroup for the APIs";
        final String mocked = "CreateApi with a Mock backend";
        final String http = "CreateApi with an HTTP backend";
        final String deployedMock = "DeployApi to RELEASE and TEST, then DescribeDeployedApi";
        final String deployedHttp = "DeployApi the HTTP backend to RELEASE, then DescribeDeployedApi";
        final String abolished = "AbolishApi from every stage, then DescribeDeployedApi raises NotFoundStage";

        s.check(grouped, List.of(), () -> group[0] = groups.createGroup(label + "_apis", "the group of the API checks", Map.of()).groupId());
        s.check(mocked, List.of(grouped), () -> {
            String id = c.createApi(group[0], mockDefinition(mockName, "{\"forecast\":\"sunny\"}"));
            if (id == null || !id.matches("[0-9a-f]{32}")) {
                throw new CheckFailed("ApiId: expected 32 lower-case hexadecimal characters, got " + id);
            }
            mockId[0] = id;
        });
        s.check(http, List.of(grouped), () -> httpId[0] = c.createApi(group[0], httpDefinition(httpName, "http://backend.example.com:8080")));
        s.check("DescribeApi: the Mock backend, typed as the SDK models say", List.of(mocked), () -> {
            View v = c.describeApi(group[0], mockId[0]);
            JavaSdks.expectEqual("ApiName", mockName, v.apiName());
            JavaSdks.expectEqual("RequestConfig.RequestPath", "/" + mockName, v.requestPath());
            JavaSdks.expectEqual("ServiceConfig.Mock", "TRUE", v.serviceMock());
            if (readsTopLevelMock) {
                JavaSdks.expectEqual("Mock", "OPEN", v.topMock());
            }
            JavaSdks.expectEqual("ServiceConfig.MockResult", "{\"forecast\":\"sunny\"}", v.mockResult());
            JavaSdks.expectEqual("ServiceConfig.MockStatusCode", 200, v.mockStatusCode());
            JavaSdks.expectEqual("ServiceConfig.ServiceTimeout", 10000, v.serviceTimeout());
            JavaSdks.expectEqual("ServiceConfig.MockHeaders", 1, v.mockHeaders());
            JavaSdks.expectEqual("DeployedInfos", 3, v.stages());
            JavaSdks.expectEqual("DeployedInfos DEPLOYED", List.of(), v.deployed());
        });
        s.check("DescribeApi: path, query, header, body parameters, constant, system parameter", List.of(http), () -> {
            View v = c.describeApi(group[0], httpId[0]);
            JavaSdks.expectEqual("RequestConfig.RequestPath", "/weather/[city]", v.requestPath());
            JavaSdks.expectEqual("ServiceConfig.ServiceAddress", "http://backend.example.com:8080", v.serviceAddress());
            JavaSdks.expectEqual("ServiceConfig.Mock", "FALSE", v.serviceMock());
            JavaSdks.expectEqual("ServiceConfig.ServiceTimeout", 3000, v.serviceTimeout());
            JavaSdks.expectEqual("RequestParameters", List.of("X-Trace-Id HEAD", "city PATH", "days QUERY", "note BODY"), v.params());
            JavaSdks.expectEqual("ConstantParameters", 1, v.constants());
            JavaSdks.expectEqual("SystemParameters", 1, v.system());
            JavaSdks.expectEqual("Description", "today's forecast for a city: 天气", v.description());
        });
        s.check(deployedMock, List.of(mocked), () -> {
            for (String stage : List.of("RELEASE", "TEST")) {
                c.deploy(group[0], mockId[0], stage, "first " + stage + " deploy");
            }
            View v = c.describeDeployed(group[0], mockId[0], "RELEASE");
            JavaSdks.expectEqual("StageName", "RELEASE", v.stageName());
            JavaSdks.expectEqual("ServiceConfig.MockResult", "{\"forecast\":\"sunny\"}", v.mockResult());
            if (v.deployedTime() == null || v.deployedTime().isEmpty()) {
                throw new CheckFailed("DeployedTime: expected a time, got " + v.deployedTime());
            }
            JavaSdks.expectEqual("DeployedInfos DEPLOYED", List.of("RELEASE", "TEST"), c.describeApi(group[0], mockId[0]).deployed());
        });
        s.check(deployedHttp, List.of(http), () -> {
            c.deploy(group[0], httpId[0], "RELEASE", "first deploy");
            View v = c.describeDeployed(group[0], httpId[0], "RELEASE");
            JavaSdks.expectEqual("RequestConfig.RequestPath", "/weather/[city]", v.requestPath());
            JavaSdks.expectEqual("ConstantParameters", 1, v.constants());
        });
        s.check("ModifyApi changes the draft only, until DeployApi", List.of(deployedMock), () -> {
            c.modifyApi(group[0], mockId[0], mockDefinition(mockName, "{\"forecast\":\"rain\"}"));
            JavaSdks.expectEqual("the draft's MockResult", "{\"forecast\":\"rain\"}", c.describeApi(group[0], mockId[0]).mockResult());
            JavaSdks.expectEqual("RELEASE before re-deploying", "{\"forecast\":\"sunny\"}",
                    c.describeDeployed(group[0], mockId[0], "RELEASE").mockResult());
            c.deploy(group[0], mockId[0], "RELEASE", "second deploy");
            JavaSdks.expectEqual("RELEASE after re-deploying", "{\"forecast\":\"rain\"}",
                    c.describeDeployed(group[0], mockId[0], "RELEASE").mockResult());
            JavaSdks.expectEqual("TEST keeps its copy", "{\"forecast\":\"sunny\"}",
                    c.describeDeployed(group[0], mockId[0], "TEST").mockResult());
        });
        s.check("ModifyApi the HTTP backend, re-deploy", List.of(deployedHttp), () -> {
            c.modifyApi(group[0], httpId[0], httpDefinition(httpName, "http://backend-v2.example.com:8080"));
            c.deploy(group[0], httpId[0], "RELEASE", "second deploy");
            JavaSdks.expectEqual("ServiceConfig.ServiceAddress", "http://backend-v2.example.com:8080",
                    c.describeDeployed(group[0], httpId[0], "RELEASE").serviceAddress());
        });
        s.check("DeleteApi of a deployed API is refused", List.of(deployedMock), () -> {
            try {
                c.deleteApi(group[0], mockId[0]);
            } catch (SdkError e) {
                return;
            }
            throw new CheckFailed("DeleteApi of a deployed API: expected a refusal, it succeeded");
        });
        s.check(abolished, List.of(mocked, http), () -> {
            for (String stage : List.of("RELEASE", "TEST")) {
                c.abolish(group[0], mockId[0], stage);
            }
            c.abolish(group[0], httpId[0], "RELEASE");
            try {
                c.describeDeployed(group[0], mockId[0], "RELEASE");
                throw new CheckFailed("DescribeDeployedApi after AbolishApi: expected NotFoundStage, it succeeded");
            } catch (SdkError e) {
                JavaSdks.Scenario.expectCode("DescribeDeployedApi after AbolishApi", "NotFoundStage", e);
            }
            JavaSdks.expectEqual("DeployedInfos DEPLOYED", List.of(), c.describeApi(group[0], mockId[0]).deployed());
        });
        s.check("DeleteApi, then DescribeApi raises NotFoundApi; DeleteApiGroup", List.of(abolished), () -> {
            for (String[] id : List.of(mockId, httpId)) {
                c.deleteApi(group[0], id[0]);
                try {
                    c.describeApi(group[0], id[0]);
                    throw new CheckFailed("DescribeApi after DeleteApi: expected NotFoundApi, it succeeded");
                } catch (SdkError e) {
                    JavaSdks.Scenario.expectCode("DescribeApi after DeleteApi", "NotFoundApi", e);
                }
                id[0] = null;
            }
            groups.deleteGroup(group[0]);
            group[0] = null;
        });
        // Whatever failed, leave the mock as it was: abolish, delete the APIs, then the group.
        if (group[0] != null) {
            for (String id : new String[] {mockId[0], httpId[0]}) {
                if (id == null) {
                    continue;
                }
                for (String stage : List.of("RELEASE", "PRE", "TEST")) {
                    quietly(() -> c.abolish(group[0], id, stage));
                }
                quietly(() -> c.deleteApi(group[0], id));
            }
            quietly(() -> groups.deleteGroup(group[0]));
        }
    }

    static void quietly(JavaSdks.Check fn) {
        try {
            fn.run();
        } catch (Exception e) {
            // cleaning up after a failed check: its failure is reported already
        }
    }

    private Apis() {}
}
