package cloudapimock;

import cloudapimock.JavaSdks.CheckFailed;
import cloudapimock.JavaSdks.SdkError;
import com.aliyuncs.cloudapi.model.v20160714.DescribeApisByAppRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeApisByAppResponse;
import com.aliyuncs.cloudapi.model.v20160714.DescribeAuthorizedAppsRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeAuthorizedAppsResponse;
import com.aliyuncs.cloudapi.model.v20160714.RemoveApisAuthoritiesRequest;
import com.aliyuncs.cloudapi.model.v20160714.RemoveAppsAuthoritiesRequest;
import com.aliyuncs.cloudapi.model.v20160714.SetApisAuthoritiesRequest;
import com.aliyuncs.cloudapi.model.v20160714.SetAppsAuthoritiesRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * App-to-API authorization through the same clients (python_sdks.py, node_sdks.js and
 * authorizations.go hold the same scenario): two apps authorized on an API never deployed, for
 * a limited time, read from the provider's side (DescribeAuthorizedApps) and the app's
 * (DescribeAuthorizedApis, DescribeApisByApp); one app granted and revoked in TEST the other
 * way (SetApisAuthorities, RemoveApisAuthorities); both revoked, a second revoke raising
 * NotFoundAuthorization. aliyun-java-sdk-cloudapi 4.9.3 neither sends AuthValidTime nor reads
 * AuthVaildTime, and has no DescribeAuthorizedApis: that configuration compares no expiry and
 * lists the app's APIs through the core's CommonRequest, as its users must.
 */
final class Authorizations {
    /** One listed authorization: the app's or the API's id, the stage, the expiry, the description. */
    record Grant(String id, String stage, String until, String description) {}

    interface Client {
        /** Whether this client sends AuthValidTime and reads AuthVaildTime. */
        default boolean expiry() {
            return true;
        }

        void setAppsAuth(String groupId, String apiId, List<Long> appIds, String stage, String description,
                String until) throws Exception;

        void removeAppsAuth(String groupId, String apiId, List<Long> appIds, String stage) throws Exception;

        void setApisAuth(long appId, List<String> apiIds, String stage) throws Exception;

        void removeApisAuth(long appId, List<String> apiIds, String stage) throws Exception;

        List<Grant> authorizedApps(String groupId, String apiId, String stage) throws Exception;

        List<Grant> authorizedApis(long appId) throws Exception;

        List<Grant> apisByApp(long appId) throws Exception;
    }

    static String ids(List<?> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static List<Grant> sorted(List<Grant> grants) {
        List<Grant> out = new ArrayList<>(grants);
        out.sort(Comparator.comparing((Grant g) -> g.id() + " " + g.stage()));
        return out;
    }

    /** A JSON number (Gson reads them as doubles) or a string, as an id's text. */
    static String idText(Object o) {
        return o instanceof Number n ? String.valueOf(n.longValue()) : Apis.str(o);
    }

    static List<Grant> fromJson(Map<String, Object> body, String outer, String inner, String idField) {
        List<Grant> grants = new ArrayList<>();
        for (Object item : Apis.items(body, outer, inner)) {
            Map<String, Object> i = Apis.obj(item);
            grants.add(new Grant(idText(i.get(idField)), Apis.str(i.get("StageName")), Apis.str(i.get("AuthVaildTime")),
                    "AuthorizedApps".equals(outer) ? Apis.str(i.get("Description")) : null));
        }
        return sorted(grants);
    }

    /** The calls both JSON clients make, by their wire names. */
    interface Json {
        Map<String, Object> call(String action, Map<String, String> params) throws Exception;
    }

    /** The Tea core's callApi and the classic core's CommonRequest: the same parameters. */
    static final class ByName implements Client {
        final Json json;

        ByName(Json json) {
            this.json = json;
        }

        static Map<String, String> params(String... keysAndValues) {
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                if (keysAndValues[i + 1] != null) {
                    out.put(keysAndValues[i], keysAndValues[i + 1]);
                }
            }
            return out;
        }

        @Override
        public void setAppsAuth(String groupId, String apiId, List<Long> appIds, String stage, String description,
                String until) throws Exception {
            json.call("SetAppsAuthorities", params("GroupId", groupId, "ApiId", apiId, "AppIds", ids(appIds),
                    "StageName", stage, "Description", description, "AuthValidTime", until));
        }

        @Override
        public void removeAppsAuth(String groupId, String apiId, List<Long> appIds, String stage) throws Exception {
            json.call("RemoveAppsAuthorities", params("GroupId", groupId, "ApiId", apiId, "AppIds", ids(appIds),
                    "StageName", stage));
        }

        @Override
        public void setApisAuth(long appId, List<String> apiIds, String stage) throws Exception {
            json.call("SetApisAuthorities", params("AppId", String.valueOf(appId), "ApiIds", ids(apiIds), "StageName", stage));
        }

        @Override
        public void removeApisAuth(long appId, List<String> apiIds, String stage) throws Exception {
            json.call("RemoveApisAuthorities", params("AppId", String.valueOf(appId), "ApiIds", ids(apiIds), "StageName", stage));
        }

        @Override
        public List<Grant> authorizedApps(String groupId, String apiId, String stage) throws Exception {
            return fromJson(json.call("DescribeAuthorizedApps", params("GroupId", groupId, "ApiId", apiId, "StageName", stage)),
                    "AuthorizedApps", "AuthorizedApp", "AppId");
        }

        @Override
        public List<Grant> authorizedApis(long appId) throws Exception {
            return fromJson(json.call("DescribeAuthorizedApis", params("AppId", String.valueOf(appId))),
                    "AuthorizedApis", "AuthorizedApi", "ApiId");
        }

        @Override
        public List<Grant> apisByApp(long appId) throws Exception {
            return fromJson(json.call("DescribeApisByApp", params("AppId", String.valueOf(appId))),
                    "AppApiRelationInfos", "AppApiRelationInfo", "ApiId");
        }
    }

    static Client tea(Apis.Tea tea) {
        return new ByName((action, params) -> tea.call(action, new LinkedHashMap<>(params), Map.of()));
    }

    static Client common(Apis.Common common) {
        return new ByName(common::call);
    }

    /** The typed requests of aliyun-java-sdk-cloudapi 4.9.3. */
    static final class Typed implements Client {
        final CoreClients.Typed typed;
        final Client byName;

        Typed(CoreClients.Typed typed) {
            this.typed = typed;
            this.byName = common(new Apis.Common(typed.common));
        }

        @Override
        public boolean expiry() {
            return false;
        }

        @Override
        public void setAppsAuth(String groupId, String apiId, List<Long> appIds, String stage, String description,
                String until) throws Exception {
            SetAppsAuthoritiesRequest r = new SetAppsAuthoritiesRequest();
            r.setGroupId(groupId);
            r.setApiId(apiId);
            r.setAppIds(ids(appIds));
            r.setStageName(stage);
            r.setDescription(description);
            typed.call("SetAppsAuthorities", r);
        }

        @Override
        public void removeAppsAuth(String groupId, String apiId, List<Long> appIds, String stage) throws Exception {
            RemoveAppsAuthoritiesRequest r = new RemoveAppsAuthoritiesRequest();
            r.setGroupId(groupId);
            r.setApiId(apiId);
            r.setAppIds(ids(appIds));
            r.setStageName(stage);
            typed.call("RemoveAppsAuthorities", r);
        }

        @Override
        public void setApisAuth(long appId, List<String> apiIds, String stage) throws Exception {
            SetApisAuthoritiesRequest r = new SetApisAuthoritiesRequest();
            r.setAppId(appId);
            r.setApiIds(ids(apiIds));
            r.setStageName(stage);
            typed.call("SetApisAuthorities", r);
        }

        @Override
        public void removeApisAuth(long appId, List<String> apiIds, String stage) throws Exception {
            RemoveApisAuthoritiesRequest r = new RemoveApisAuthoritiesRequest();
            r.setAppId(appId);
            r.setApiIds(ids(apiIds));
            r.setStageName(stage);
            typed.call("RemoveApisAuthorities", r);
        }

        @Override
        public List<Grant> authorizedApps(String groupId, String apiId, String stage) throws Exception {
            DescribeAuthorizedAppsRequest r = new DescribeAuthorizedAppsRequest();
            r.setGroupId(groupId);
            r.setApiId(apiId);
            r.setStageName(stage);
            DescribeAuthorizedAppsResponse a = typed.call("DescribeAuthorizedApps", r);
            List<Grant> grants = new ArrayList<>();
            for (DescribeAuthorizedAppsResponse.AuthorizedApp i : a.getAuthorizedApps() == null
                    ? List.<DescribeAuthorizedAppsResponse.AuthorizedApp>of() : a.getAuthorizedApps()) {
                grants.add(new Grant(String.valueOf(i.getAppId()), i.getStageName(), null, i.getDescription()));
            }
            return sorted(grants);
        }

        @Override
        public List<Grant> authorizedApis(long appId) throws Exception {
            return byName.authorizedApis(appId);
        }

        @Override
        public List<Grant> apisByApp(long appId) throws Exception {
            DescribeApisByAppRequest r = new DescribeApisByAppRequest();
            r.setAppId(appId);
            DescribeApisByAppResponse a = typed.call("DescribeApisByApp", r);
            List<Grant> grants = new ArrayList<>();
            for (DescribeApisByAppResponse.AppApiRelationInfo i : a.getAppApiRelationInfos() == null
                    ? List.<DescribeApisByAppResponse.AppApiRelationInfo>of() : a.getAppApiRelationInfos()) {
                grants.add(new Grant(i.getApiId(), i.getStageName(), null, null));
            }
            return sorted(grants);
        }
    }

    /** Without expiries, for the client that neither sends nor reads them. */
    static List<Grant> comparable(Client c, List<Grant> grants) {
        if (c.expiry()) {
            return grants;
        }
        return grants.stream().map(g -> new Grant(g.id(), g.stage(), null, g.description())).toList();
    }

    static void run(String config, JavaSdks.Client apps, Groups.Client groups, Apis.Client apis, Client c) {
        JavaSdks.Scenario s = new JavaSdks.Scenario(config, null);
        String label = config.replace('-', '_');
        final String made = "CreateApiGroup, CreateApi (AuthType APP), two CreateApp";
        final String granted = "SetAppsAuthorities: two apps, RELEASE, AuthValidTime, then DescribeAuthorizedApps";
        final String remark = "granted by the SDK check: 授权";
        final String until = "Tue,05Oct203816:00:00GMT";
        final String iso = "2038-10-05T16:00:00Z";
        final String rfc = "Tue, 05 Oct 2038 16:00:00 GMT";
        String[] group = new String[1];
        String[] api = new String[1];
        List<Long> appIds = new ArrayList<>();

        s.check(made, List.of(), () -> {
            group[0] = groups.createGroup(label + "_auth", "the group of the authorization checks", Map.of()).groupId();
            Map<String, String> d = new LinkedHashMap<>(Apis.mockDefinition(label + "_auth_api", "{\"forecast\":\"sunny\"}"));
            d.put("AuthType", "APP");
            api[0] = apis.createApi(group[0], d);
            // Not label_auth_reader as the other languages name them: java_core_common_auth_reader
            // is longer than an AppName's 26 characters.
            for (String n : List.of("reader", "writer")) {
                appIds.add(apps.create(label + "_" + n, "an app to authorize", Map.of()));
            }
        });
        s.check(granted, List.of(made), () -> {
            c.setAppsAuth(group[0], api[0], appIds, "RELEASE", remark, until);
            List<Grant> expected = new ArrayList<>();
            for (long app : appIds) {
                expected.add(new Grant(String.valueOf(app), "RELEASE", iso, remark));
            }
            JavaSdks.expectEqual("DescribeAuthorizedApps", comparable(c, sorted(expected)),
                    comparable(c, c.authorizedApps(group[0], api[0], "RELEASE")));
        });
        s.check("DescribeAuthorizedApis and DescribeApisByApp: the app's view", List.of(granted), () -> {
            long reader = appIds.get(0);
            JavaSdks.expectEqual("DescribeAuthorizedApis", comparable(c, List.of(new Grant(api[0], "RELEASE", iso, null))),
                    comparable(c, c.authorizedApis(reader)));
            JavaSdks.expectEqual("DescribeApisByApp", comparable(c, List.of(new Grant(api[0], "RELEASE", rfc, null))),
                    comparable(c, c.apisByApp(reader)));
        });
        s.check("SetApisAuthorities in TEST, then RemoveApisAuthorities", List.of(granted), () -> {
            long reader = appIds.get(0);
            c.setApisAuth(reader, List.of(api[0]), "TEST");
            JavaSdks.expectEqual("DescribeAuthorizedApis",
                    comparable(c, sorted(List.of(new Grant(api[0], "RELEASE", iso, null), new Grant(api[0], "TEST", "", null)))),
                    comparable(c, c.authorizedApis(reader)));
            c.removeApisAuth(reader, List.of(api[0]), "TEST");
            JavaSdks.expectEqual("DescribeAuthorizedApps in TEST", List.of(), c.authorizedApps(group[0], api[0], "TEST"));
        });
        s.check("RemoveAppsAuthorities, then a second raises NotFoundAuthorization", List.of(granted), () -> {
            c.removeAppsAuth(group[0], api[0], appIds, "RELEASE");
            JavaSdks.expectEqual("DescribeAuthorizedApps", List.of(), c.authorizedApps(group[0], api[0], null));
            JavaSdks.expectEqual("DescribeAuthorizedApis", List.of(), c.authorizedApis(appIds.get(0)));
            try {
                c.removeAppsAuth(group[0], api[0], appIds.subList(0, 1), "RELEASE");
                throw new CheckFailed("RemoveAppsAuthorities again: expected NotFoundAuthorization, it succeeded");
            } catch (SdkError e) {
                JavaSdks.Scenario.expectCode("RemoveAppsAuthorities again", "NotFoundAuthorization", e);
            }
        });
        // Whatever failed, leave the mock as it was: the apps (their authorizations with them),
        // the API, the group.
        for (long app : appIds) {
            Apis.quietly(() -> apps.delete(app));
        }
        if (api[0] != null) {
            Apis.quietly(() -> apis.deleteApi(group[0], api[0]));
        }
        if (group[0] != null) {
            Apis.quietly(() -> groups.deleteGroup(group[0]));
        }
    }

    private Authorizations() {}
}
