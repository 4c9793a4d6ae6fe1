package cloudapimock;

import cloudapimock.JavaSdks.CheckFailed;
import cloudapimock.JavaSdks.SdkError;
import com.aliyuncs.cloudapi.model.v20160714.AddTrafficSpecialControlRequest;
import com.aliyuncs.cloudapi.model.v20160714.CreateTrafficControlRequest;
import com.aliyuncs.cloudapi.model.v20160714.DeleteTrafficControlRequest;
import com.aliyuncs.cloudapi.model.v20160714.DeleteTrafficSpecialControlRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeTrafficControlsByApiRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeTrafficControlsByApiResponse;
import com.aliyuncs.cloudapi.model.v20160714.DescribeTrafficControlsRequest;
import com.aliyuncs.cloudapi.model.v20160714.DescribeTrafficControlsResponse;
import com.aliyuncs.cloudapi.model.v20160714.ModifyTrafficControlRequest;
import com.aliyuncs.cloudapi.model.v20160714.RemoveTrafficControlApisRequest;
import com.aliyuncs.cloudapi.model.v20160714.SetTrafficControlApisRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Throttling policies through the same clients (python_sdks.py, node_sdks.js and
 * trafficcontrols.go hold the same scenario): a policy created with its three limits, read
 * back by id and by name, modified, bound to an API in RELEASE and read back from the API's
 * side (DescribeTrafficControlsByApi, and DescribeTrafficControls by GroupId, ApiId and
 * StageName), refused deletion while bound (DependencyViolationTrafficControl), given special
 * limits for an app and a user, one of them deleted, unbound, deleted, a second delete raising
 * NotFoundTrafficControl.
 */
final class TrafficControls {
    /** A policy's API, user and app limits. */
    record Limits(Integer api, Integer user, Integer app) {}

    /** One special limit: APP or USER, the AppId or account UID, the limit. */
    record Special(String type, String key, Integer value) {}

    /** One item of DescribeTrafficControls, reduced to what the checks compare. */
    record Policy(String id, String name, String unit, Limits limits, String description, String createdTime,
            String modifiedTime, List<Special> specials) {}

    /** DescribeTrafficControls' TotalCount and items. */
    record Listed(Integer totalCount, List<Policy> policies) {}

    /** One item of DescribeTrafficControlsByApi. */
    record Bound(String id, String name, String boundTime) {}

    /** What DescribeTrafficControls is asked by; null fields are not sent. */
    record Query(String id, String name, String groupId, String apiId, String stage) {
        static Query byId(String id) {
            return new Query(id, null, null, null, null);
        }

        static Query byName(String name) {
            return new Query(null, name, null, null, null);
        }

        static Query byApi(String groupId, String apiId, String stage) {
            return new Query(null, null, groupId, apiId, stage);
        }
    }

    interface Client {
        String createTrafficControl(String name, String unit, Limits limits, String description) throws Exception;

        void modifyTrafficControl(String id, String name, String unit, Limits limits, String description) throws Exception;

        void deleteTrafficControl(String id) throws Exception;

        Listed trafficControls(Query q) throws Exception;

        List<Bound> trafficControlsByApi(String groupId, String apiId, String stage) throws Exception;

        void setTrafficControlApis(String id, String groupId, List<String> apiIds, String stage) throws Exception;

        void removeTrafficControlApis(String id, String groupId, List<String> apiIds, String stage) throws Exception;

        void addSpecial(String id, String type, String key, int value) throws Exception;

        void deleteSpecial(String id, String type, String key) throws Exception;
    }

    static List<Special> sorted(List<Special> specials) {
        List<Special> out = new ArrayList<>(specials);
        out.sort(Comparator.comparing((Special s) -> s.type() + " " + s.key()));
        return out;
    }

    /** The Tea core's callApi and the classic core's CommonRequest: the same parameters. */
    static final class ByName implements Client {
        final Authorizations.Json json;

        ByName(Authorizations.Json json) {
            this.json = json;
        }

        static Map<String, String> params(String... keysAndValues) {
            return Authorizations.ByName.params(keysAndValues);
        }

        static Map<String, String> fields(String name, String unit, Limits l, String description) {
            return params("TrafficControlName", name, "TrafficControlUnit", unit, "ApiDefault", text(l.api()),
                    "UserDefault", text(l.user()), "AppDefault", text(l.app()), "Description", description);
        }

        static String text(Integer n) {
            return n == null ? null : String.valueOf(n);
        }

        @Override
        public String createTrafficControl(String name, String unit, Limits limits, String description) throws Exception {
            return Apis.str(json.call("CreateTrafficControl", fields(name, unit, limits, description)).get("TrafficControlId"));
        }

        @Override
        public void modifyTrafficControl(String id, String name, String unit, Limits limits, String description)
                throws Exception {
            Map<String, String> p = params("TrafficControlId", id);
            p.putAll(fields(name, unit, limits, description));
            json.call("ModifyTrafficControl", p);
        }

        @Override
        public void deleteTrafficControl(String id) throws Exception {
            json.call("DeleteTrafficControl", params("TrafficControlId", id));
        }

        @Override
        public Listed trafficControls(Query q) throws Exception {
            Map<String, Object> body = json.call("DescribeTrafficControls", params("TrafficControlId", q.id(),
                    "TrafficControlName", q.name(), "GroupId", q.groupId(), "ApiId", q.apiId(), "StageName", q.stage(),
                    "PageSize", "100"));
            List<Policy> policies = new ArrayList<>();
            for (Object item : Apis.items(body, "TrafficControls", "TrafficControl")) {
                Map<String, Object> p = Apis.obj(item);
                List<Special> specials = new ArrayList<>();
                for (Object kind : Apis.items(p, "SpecialPolicies", "SpecialPolicy")) {
                    Map<String, Object> k = Apis.obj(kind);
                    for (Object s : Apis.items(k, "Specials", "Special")) {
                        specials.add(new Special(Apis.str(k.get("SpecialType")), Apis.str(Apis.obj(s).get("SpecialKey")),
                                Apis.num(Apis.obj(s).get("TrafficValue"))));
                    }
                }
                policies.add(new Policy(Apis.str(p.get("TrafficControlId")), Apis.str(p.get("TrafficControlName")),
                        Apis.str(p.get("TrafficControlUnit")),
                        new Limits(Apis.num(p.get("ApiDefault")), Apis.num(p.get("UserDefault")), Apis.num(p.get("AppDefault"))),
                        Apis.str(p.get("Description")), Apis.str(p.get("CreatedTime")), Apis.str(p.get("ModifiedTime")),
                        sorted(specials)));
            }
            return new Listed(Apis.num(body.get("TotalCount")), policies);
        }

        @Override
        public List<Bound> trafficControlsByApi(String groupId, String apiId, String stage) throws Exception {
            Map<String, Object> body = json.call("DescribeTrafficControlsByApi",
                    params("GroupId", groupId, "ApiId", apiId, "StageName", stage));
            List<Bound> items = new ArrayList<>();
            for (Object item : Apis.items(body, "TrafficControlItems", "TrafficControlItem")) {
                Map<String, Object> i = Apis.obj(item);
                items.add(new Bound(Apis.str(i.get("TrafficControlItemId")), Apis.str(i.get("TrafficControlItemName")),
                        Apis.str(i.get("BoundTime"))));
            }
            return items;
        }

        @Override
        public void setTrafficControlApis(String id, String groupId, List<String> apiIds, String stage) throws Exception {
            json.call("SetTrafficControlApis", params("TrafficControlId", id, "GroupId", groupId,
                    "ApiIds", String.join(",", apiIds), "StageName", stage));
        }

        @Override
        public void removeTrafficControlApis(String id, String groupId, List<String> apiIds, String stage) throws Exception {
            json.call("RemoveTrafficControlApis", params("TrafficControlId", id, "GroupId", groupId,
                    "ApiIds", String.join(",", apiIds), "StageName", stage));
        }

        @Override
        public void addSpecial(String id, String type, String key, int value) throws Exception {
            json.call("AddTrafficSpecialControl", params("TrafficControlId", id, "SpecialType", type, "SpecialKey", key,
                    "TrafficValue", String.valueOf(value)));
        }

        @Override
        public void deleteSpecial(String id, String type, String key) throws Exception {
            json.call("DeleteTrafficSpecialControl", params("TrafficControlId", id, "SpecialType", type, "SpecialKey", key));
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

        Typed(CoreClients.Typed typed) {
            this.typed = typed;
        }

        @Override
        public String createTrafficControl(String name, String unit, Limits limits, String description) throws Exception {
            CreateTrafficControlRequest r = new CreateTrafficControlRequest();
            r.setTrafficControlName(name);
            r.setTrafficControlUnit(unit);
            r.setApiDefault(limits.api());
            r.setUserDefault(limits.user());
            r.setAppDefault(limits.app());
            r.setDescription(description);
            return typed.call("CreateTrafficControl", r).getTrafficControlId();
        }

        @Override
        public void modifyTrafficControl(String id, String name, String unit, Limits limits, String description)
                throws Exception {
            ModifyTrafficControlRequest r = new ModifyTrafficControlRequest();
            r.setTrafficControlId(id);
            r.setTrafficControlName(name);
            r.setTrafficControlUnit(unit);
            r.setApiDefault(limits.api());
            r.setUserDefault(limits.user());
            r.setAppDefault(limits.app());
            r.setDescription(description);
            typed.call("ModifyTrafficControl", r);
        }

        @Override
        public void deleteTrafficControl(String id) throws Exception {
            DeleteTrafficControlRequest r = new DeleteTrafficControlRequest();
            r.setTrafficControlId(id);
            typed.call("DeleteTrafficControl", r);
        }

        @Override
        public Listed trafficControls(Query q) throws Exception {
            DescribeTrafficControlsRequest r = new DescribeTrafficControlsRequest();
            r.setTrafficControlId(q.id());
            r.setTrafficControlName(q.name());
            r.setGroupId(q.groupId());
            r.setApiId(q.apiId());
            r.setStageName(q.stage());
            r.setPageSize(100);
            DescribeTrafficControlsResponse a = typed.call("DescribeTrafficControls", r);
            List<Policy> policies = new ArrayList<>();
            for (DescribeTrafficControlsResponse.TrafficControl p : a.getTrafficControls() == null
                    ? List.<DescribeTrafficControlsResponse.TrafficControl>of() : a.getTrafficControls()) {
                List<Special> specials = new ArrayList<>();
                for (DescribeTrafficControlsResponse.TrafficControl.SpecialPolicy k : p.getSpecialPolicies() == null
                        ? List.<DescribeTrafficControlsResponse.TrafficControl.SpecialPolicy>of() : p.getSpecialPolicies()) {
                    for (DescribeTrafficControlsResponse.TrafficControl.SpecialPolicy.Special s : k.getSpecials() == null
                            ? List.<DescribeTrafficControlsResponse.TrafficControl.SpecialPolicy.Special>of() : k.getSpecials()) {
                        specials.add(new Special(k.getSpecialType(), s.getSpecialKey(), s.getTrafficValue()));
                    }
                }
                policies.add(new Policy(p.getTrafficControlId(), p.getTrafficControlName(), p.getTrafficControlUnit(),
                        new Limits(p.getApiDefault(), p.getUserDefault(), p.getAppDefault()), p.getDescription(),
                        p.getCreatedTime(), p.getModifiedTime(), sorted(specials)));
            }
            return new Listed(a.getTotalCount(), policies);
        }

        @Override
        public List<Bound> trafficControlsByApi(String groupId, String apiId, String stage) throws Exception {
            DescribeTrafficControlsByApiRequest r = new DescribeTrafficControlsByApiRequest();
            r.setGroupId(groupId);
            r.setApiId(apiId);
            r.setStageName(stage);
            DescribeTrafficControlsByApiResponse a = typed.call("DescribeTrafficControlsByApi", r);
            List<Bound> items = new ArrayList<>();
            for (DescribeTrafficControlsByApiResponse.TrafficControlItem i : a.getTrafficControlItems() == null
                    ? List.<DescribeTrafficControlsByApiResponse.TrafficControlItem>of() : a.getTrafficControlItems()) {
                items.add(new Bound(i.getTrafficControlItemId(), i.getTrafficControlItemName(), i.getBoundTime()));
            }
            return items;
        }

        @Override
        public void setTrafficControlApis(String id, String groupId, List<String> apiIds, String stage) throws Exception {
            SetTrafficControlApisRequest r = new SetTrafficControlApisRequest();
            r.setTrafficControlId(id);
            r.setGroupId(groupId);
            r.setApiIds(String.join(",", apiIds));
            r.setStageName(stage);
            typed.call("SetTrafficControlApis", r);
        }

        @Override
        public void removeTrafficControlApis(String id, String groupId, List<String> apiIds, String stage) throws Exception {
            RemoveTrafficControlApisRequest r = new RemoveTrafficControlApisRequest();
            r.setTrafficControlId(id);
            r.setGroupId(groupId);
            r.setApiIds(String.join(",", apiIds));
            r.setStageName(stage);
            typed.call("RemoveTrafficControlApis", r);
        }

        @Override
        public void addSpecial(String id, String type, String key, int value) throws Exception {
            AddTrafficSpecialControlRequest r = new AddTrafficSpecialControlRequest();
            r.setTrafficControlId(id);
            r.setSpecialType(type);
            r.setSpecialKey(key);
            r.setTrafficValue(value);
            typed.call("AddTrafficSpecialControl", r);
        }

        @Override
        public void deleteSpecial(String id, String type, String key) throws Exception {
            DeleteTrafficSpecialControlRequest r = new DeleteTrafficSpecialControlRequest();
            r.setTrafficControlId(id);
            r.setSpecialType(type);
            r.setSpecialKey(key);
            typed.call("DeleteTrafficSpecialControl", r);
        }
    }

    static final Pattern TIME = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");

    static void expectTime(String what, String value) throws CheckFailed {
        if (value == null || !TIME.matcher(value).matches()) {
            throw new CheckFailed(what + ": expected a time like 2016-02-23T12:46:24Z, got " + value);
        }
    }

    static Policy onePolicy(Listed listed) throws CheckFailed {
        JavaSdks.expectEqual("TotalCount", 1, listed.totalCount());
        if (listed.policies().size() != 1) {
            throw new CheckFailed("TrafficControls.TrafficControl: expected the policy once, got " + listed.policies());
        }
        return listed.policies().get(0);
    }

    static void run(String config, Groups.Client groups, Apis.Client apis, Client c) {
        JavaSdks.Scenario s = new JavaSdks.Scenario(config, null);
        String label = config.replace('-', '_');
        final String made = "CreateApiGroup and CreateApi for the throttling policy";
        final String created = "CreateTrafficControl: MINUTE, API, user and app limits";
        final String bound = "SetTrafficControlApis in RELEASE, then DescribeTrafficControlsByApi";
        final String unbound = "RemoveTrafficControlApis, then DescribeTrafficControlsByApi";
        final String remark = "the SDK check's policy: 限流 a+b=c & d";
        final String newRemark = "modified: 每小时 100% (f) 'g'";
        final String appKey = "10000000042";
        final String userKey = "1234567890123456";
        final String name = label + "_policy";
        final String newName = label + "_policy_v2";
        final Listed none = new Listed(0, List.of());
        String[] group = new String[1];
        String[] api = new String[1];
        String[] id = new String[1];

        s.check(made, List.of(), () -> {
            group[0] = groups.createGroup(label + "_traffic", "the group of the throttling checks", Map.of()).groupId();
            api[0] = apis.createApi(group[0], Apis.mockDefinition(label + "_traffic_api", "{\"forecast\":\"sunny\"}"));
        });
        s.check(created, List.of(), () -> {
            String got = c.createTrafficControl(name, "MINUTE", new Limits(100, 50, 20), remark);
            if (got == null || got.isEmpty()) {
                throw new CheckFailed("TrafficControlId: expected an id, got " + got);
            }
            id[0] = got;
        });
        s.check("DescribeTrafficControls by TrafficControlId: the policy as created", List.of(created), () -> {
            Policy p = onePolicy(c.trafficControls(Query.byId(id[0])));
            expectPolicy(p, id[0], name, "MINUTE", new Limits(100, 50, 20), remark);
            JavaSdks.expectEqual("SpecialPolicies", List.of(), p.specials());
        });
        s.check("ModifyTrafficControl, then DescribeTrafficControls by TrafficControlName", List.of(created), () -> {
            c.modifyTrafficControl(id[0], newName, "HOUR", new Limits(200, 100, 40), newRemark);
            expectPolicy(onePolicy(c.trafficControls(Query.byName(newName))), id[0], newName, "HOUR",
                    new Limits(200, 100, 40), newRemark);
            JavaSdks.expectEqual("DescribeTrafficControls by the old name", none, c.trafficControls(Query.byName(name)));
        });
        s.check(bound, List.of(made, created), () -> {
            c.setTrafficControlApis(id[0], group[0], List.of(api[0]), "RELEASE");
            List<Bound> items = c.trafficControlsByApi(group[0], api[0], "RELEASE");
            if (items.size() != 1) {
                throw new CheckFailed("TrafficControlItems: expected the policy once, got " + items);
            }
            JavaSdks.expectEqual("TrafficControlItems (id, name)", new Bound(id[0], newName, items.get(0).boundTime()), items.get(0));
            expectTime("BoundTime", items.get(0).boundTime());
            JavaSdks.expectEqual("DescribeTrafficControlsByApi in TEST", List.of(), c.trafficControlsByApi(group[0], api[0], "TEST"));
        });
        s.check("DescribeTrafficControls by GroupId, ApiId and StageName", List.of(bound), () -> {
            JavaSdks.expectEqual("TrafficControlId", id[0],
                    onePolicy(c.trafficControls(Query.byApi(group[0], api[0], "RELEASE"))).id());
            JavaSdks.expectEqual("DescribeTrafficControls in TEST", none, c.trafficControls(Query.byApi(group[0], api[0], "TEST")));
        });
        s.check("DeleteTrafficControl of a bound policy raises DependencyViolationTrafficControl", List.of(bound), () -> {
            try {
                c.deleteTrafficControl(id[0]);
            } catch (SdkError e) {
                JavaSdks.Scenario.expectCode("DeleteTrafficControl of a bound policy", "DependencyViolationTrafficControl", e);
                return;
            }
            throw new CheckFailed("DeleteTrafficControl of a bound policy: expected DependencyViolationTrafficControl, it succeeded");
        });
        s.check("AddTrafficSpecialControl for an app and a user, then DeleteTrafficSpecialControl", List.of(created), () -> {
            c.addSpecial(id[0], "APP", appKey, 10);
            c.addSpecial(id[0], "USER", userKey, 30);
            JavaSdks.expectEqual("SpecialPolicies", List.of(new Special("APP", appKey, 10), new Special("USER", userKey, 30)),
                    onePolicy(c.trafficControls(Query.byId(id[0]))).specials());
            c.deleteSpecial(id[0], "APP", appKey);
            JavaSdks.expectEqual("SpecialPolicies after DeleteTrafficSpecialControl", List.of(new Special("USER", userKey, 30)),
                    onePolicy(c.trafficControls(Query.byId(id[0]))).specials());
        });
        s.check(unbound, List.of(bound), () -> {
            c.removeTrafficControlApis(id[0], group[0], List.of(api[0]), "RELEASE");
            JavaSdks.expectEqual("DescribeTrafficControlsByApi", List.of(), c.trafficControlsByApi(group[0], api[0], "RELEASE"));
        });
        s.check("DeleteTrafficControl, then a second raises NotFoundTrafficControl", List.of(unbound), () -> {
            c.deleteTrafficControl(id[0]);
            JavaSdks.expectEqual("DescribeTrafficControls by TrafficControlId", none, c.trafficControls(Query.byId(id[0])));
            String gone = id[0];
            id[0] = null;
            try {
                c.deleteTrafficControl(gone);
            } catch (SdkError e) {
                JavaSdks.Scenario.expectCode("DeleteTrafficControl again", "NotFoundTrafficControl", e);
                return;
            }
            throw new CheckFailed("DeleteTrafficControl again: expected NotFoundTrafficControl, it succeeded");
        });
        // Whatever failed, leave the mock as it was: the API (its bindings with it), the policy,
        // the group.
        if (api[0] != null) {
            Apis.quietly(() -> apis.deleteApi(group[0], api[0]));
        }
        if (id[0] != null) {
            Apis.quietly(() -> c.deleteTrafficControl(id[0]));
        }
        if (group[0] != null) {
            Apis.quietly(() -> groups.deleteGroup(group[0]));
        }
    }

    static void expectPolicy(Policy p, String id, String name, String unit, Limits limits, String description)
            throws CheckFailed {
        JavaSdks.expectEqual("TrafficControlId", id, p.id());
        JavaSdks.expectEqual("TrafficControlName", name, p.name());
        JavaSdks.expectEqual("TrafficControlUnit", unit, p.unit());
        JavaSdks.expectEqual("ApiDefault, UserDefault, AppDefault", limits, p.limits());
        JavaSdks.expectEqual("Description", description, p.description());
        expectTime("CreatedTime", p.createdTime());
        expectTime("ModifiedTime", p.modifiedTime());
    }

    private TrafficControls() {}
}
