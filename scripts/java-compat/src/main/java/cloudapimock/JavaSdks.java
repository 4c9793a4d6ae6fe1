package cloudapimock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drives the official Java SDKs, unmodified, against a running cloudapi-mock.
 *
 * <p>Usage: {@code java cloudapimock.JavaSdks HOST:PORT}
 *
 * <p>Runs the app lifecycle of scripts/sdk-compat (python_sdks.py, node_sdks.js) and
 * scripts/go-compat, and the groups' (Groups), APIs' (Apis), authorizations' (Authorizations)
 * and throttling policies' (TrafficControls) scenarios, through these client configurations, each using an SDK as its users do,
 * with only the endpoint, protocol and credentials changed:
 *
 * <pre>
 *   java-core-typed   aliyun-java-sdk-core + aliyun-java-sdk-cloudapi 4.9.3, the typed requests;
 *                     DescribeApp, which 4.9.3 lacks, through the core's CommonRequest
 *   java-core-common  aliyun-java-sdk-core's CommonRequest for every action (POST, query)
 *   java-tea-v3       tea-openapi's callApi with the Params com.aliyun:cloudapi20160714 builds,
 *                     default ACS3-HMAC-SHA256 signature
 *   java-tea-v2       the same, signatureAlgorithm "v2" (RPC, HMAC-SHA1)
 * </pre>
 *
 * <p>Prints one line per check ("ok ..." or "FAIL ..."); run.sh counts them.
 */
public final class JavaSdks {
    static final String ACCESS_KEY_ID = "testid";
    static final String ACCESS_KEY_SECRET = "testsecret";
    static final String REGION = "cn-hangzhou";

    /** One app as a call answers it; tags only where the answer carries them (else null). */
    record App(long appId, String appName, String description, Map<String, String> tags) {
        App withoutTags() {
            return new App(appId, appName, description, null);
        }
    }

    record TagRow(String resourceId, String resourceType, String tagKey, String tagValue) {}

    record Keys(String appKey, String appSecret, String appCode) {}

    /** An error the SDK raised, reduced to what every check needs to show. */
    static final class SdkError extends Exception {
        final String action;
        final String code;
        final Integer status;
        final String requestId;
        final String type;

        SdkError(String action, String code, Integer status, String message, String requestId, Throwable cause) {
            super(message, cause);
            this.action = action;
            this.code = code;
            this.status = status;
            this.requestId = requestId;
            this.type = cause.getClass().getName();
        }

        @Override
        public String toString() {
            return action + ": code=\"" + code + "\" status=" + status + " message=\"" + getMessage()
                    + "\" request_id=" + requestId + " (" + type + ")";
        }
    }

    static final class CheckFailed extends Exception {
        CheckFailed(String message) {
            super(message);
        }
    }

    /** One configuration of one SDK; every method is one call of the action it names. */
    interface Client {
        long create(String name, String description, Map<String, String> tags) throws Exception;

        App describe(long appId) throws Exception;

        /** Whether DescribeAppAttributes answers tags through this client's model. */
        default boolean attributesCarryTags() {
            return true;
        }

        List<App> attributesByName(String name) throws Exception;

        List<App> appsById(long appId) throws Exception;

        void modify(long appId, String name, String description) throws Exception;

        void tag(long appId, Map<String, String> tags) throws Exception;

        void untag(long appId, List<String> keys) throws Exception;

        List<TagRow> listTags(long appId) throws Exception;

        Keys security(long appId) throws Exception;

        void resetSecret(String appKey) throws Exception;

        void delete(long appId) throws Exception;
    }

    // -----------------------------------------------------------------------------------
    // The scenario, the same for every configuration.

    interface Check {
        void run() throws Exception;
    }

    static void expectEqual(String what, Object expected, Object actual) throws CheckFailed {
        if (!Objects.equals(expected, actual)) {
            throw new CheckFailed(what + ": expected " + expected + ", got " + actual);
        }
    }

    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static final class Scenario {
        final String config;
        final Client client;
        final Set<String> passed = new HashSet<>();
        final String label;
        final String name;
        final String description;
        final String newName;
        final String newDescription;
        final Map<String, String> tags;
        final Map<String, String> moreTags;
        long appId;
        String currentName;
        Map<String, String> currentTags;
        Keys keys;

        Scenario(String config, Client client) {
            this.config = config;
            this.client = client;
            // Names, descriptions and tags go through the SDK's own encoding, so each carries
            // spaces, reserved characters and non-ASCII text.
            String reserved = "* ~ + ' ( ) ! & = /";
            label = config.replace('-', '_');
            name = label + "_应用_测试";
            description = label + ": spaces,  double; " + reserved + " % : ? # [ ] \" 中文描述 é";
            newName = label + "_改名_新";
            newDescription = label + " modified: a+b=c & d/e (f) 'g' !h ~i *j 100% 修改后的描述";
            tags = ordered("env", "compat test", "owner " + reserved, "值 = 负责人 / a+b");
            moreTags = ordered("team", "平台 * ~ ( ) !", "cost center", "a&b=c");
        }

        void check(String check, List<String> needs, Check fn) {
            List<String> unmet = new ArrayList<>();
            for (String n : needs) {
                if (!passed.contains(n)) {
                    unmet.add(n);
                }
            }
            if (!unmet.isEmpty()) {
                fail(check, "not run: needs " + String.join(", ", unmet));
                return;
            }
            try {
                fn.run();
            } catch (SdkError | CheckFailed e) {
                fail(check, e instanceof SdkError ? e.toString() : e.getMessage());
                return;
            } catch (Exception | LinkageError e) { // an SDK crash is a failed check too, with its cause
                StackTraceElement[] trace = e.getStackTrace();
                String where = trace.length > 0 ? " at " + trace[0] : "";
                fail(check, e + where);
                return;
            }
            passed.add(check);
            System.out.printf("ok   %-16s %s%n", config, check);
        }

        void fail(String check, String detail) {
            System.out.printf("FAIL %-16s %s: %s%n", config, check, detail.replaceAll("\\s*\\n\\s*", " "));
        }

        void describeIs(String expectedName, String expectedDescription) throws Exception {
            App app = client.describe(appId);
            expectEqual("AppId", appId, app.appId());
            expectEqual("AppName", expectedName, app.appName());
            expectEqual("Description", expectedDescription, app.description());
        }

        Map<String, String> tagsOfApp() throws Exception {
            Map<String, String> got = new TreeMap<>();
            for (TagRow row : client.listTags(appId)) {
                expectEqual("ResourceId", String.valueOf(appId), row.resourceId());
                expectEqual("ResourceType", "app", row.resourceType());
                got.put(row.tagKey(), row.tagValue());
            }
            return got;
        }

        static void expectCode(String what, String code, Exception e) throws Exception {
            if (!(e instanceof SdkError sdk)) {
                throw e;
            }
            if (!code.equals(sdk.code)) {
                throw new CheckFailed(what + ": expected code '" + code + "', got " + sdk);
            }
        }

        void run() {
            final String create = "CreateApp with tags";
            final List<String> needsCreate = List.of(create);
            check(create, List.of(), () -> {
                long id = client.create(name, description, tags);
                if (id <= 0) {
                    throw new CheckFailed("AppId: expected a positive integer, got " + id);
                }
                appId = id;
                currentName = name;
                currentTags = new TreeMap<>(tags);
            });

            check("DescribeApp returns name and description byte-identical", needsCreate,
                    () -> describeIs(name, description));

            String attributes = client.attributesCarryTags()
                    ? "DescribeAppAttributes by AppName, with tags"
                    : "DescribeAppAttributes by AppName (this SDK's model has no Tags)";
            check(attributes, needsCreate, () -> {
                List<App> mine = new ArrayList<>();
                for (App a : client.attributesByName(name)) {
                    if (a.appId() == appId) {
                        mine.add(a);
                    }
                }
                if (mine.size() != 1) {
                    throw new CheckFailed("AppName=" + name + ": expected the app " + appId + " once, got " + mine);
                }
                expectEqual("AppName", name, mine.get(0).appName());
                expectEqual("Description", description, mine.get(0).description());
                if (client.attributesCarryTags()) {
                    expectEqual("Tags", new TreeMap<>(tags), new TreeMap<>(mine.get(0).tags()));
                }
            });

            check("DescribeApps by AppId", needsCreate, () -> {
                List<App> apps = new ArrayList<>();
                for (App a : client.appsById(appId)) {
                    apps.add(a.withoutTags());
                }
                expectEqual("Apps.AppItem", List.of(new App(appId, name, description, null)), apps);
            });

            check("ModifyApp name and description, then DescribeApp", needsCreate, () -> {
                client.modify(appId, newName, newDescription);
                currentName = newName;
                describeIs(newName, newDescription);
            });

            check("TagResources, then ListTagResources", needsCreate, () -> {
                client.tag(appId, moreTags);
                currentTags.putAll(moreTags);
                expectEqual("ListTagResources", currentTags, tagsOfApp());
            });

            check("UntagResources, then ListTagResources", needsCreate, () -> {
                // one tag given at creation, and those TagResources added if it passed
                List<String> removed = new ArrayList<>();
                removed.add(tags.keySet().iterator().next());
                for (String k : moreTags.keySet()) {
                    if (currentTags.containsKey(k)) {
                        removed.add(k);
                    }
                }
                client.untag(appId, removed);
                Map<String, String> remaining = new TreeMap<>(currentTags);
                remaining.keySet().removeAll(removed);
                expectEqual("ListTagResources", remaining, tagsOfApp());
            });

            final String security = "DescribeAppSecurity";
            check(security, needsCreate, () -> {
                Keys k = client.security(appId);
                if (k.appKey() == null || k.appKey().isEmpty() || k.appSecret() == null || k.appSecret().isEmpty()) {
                    throw new CheckFailed("AppKey and AppSecret: expected values, got " + k);
                }
                keys = k;
            });

            check("ResetAppSecret by AppKey, then DescribeAppSecurity", List.of(security), () -> {
                Keys before = keys;
                client.resetSecret(before.appKey());
                Keys after = client.security(appId);
                expectEqual("AppKey", before.appKey(), after.appKey());
                if (after.appSecret() == null || after.appSecret().isEmpty() || after.appSecret().equals(before.appSecret())) {
                    throw new CheckFailed("AppSecret: expected a new secret, was " + before.appSecret() + ", now " + after.appSecret());
                }
            });

            check("CreateApp with a taken name raises RepeatedAppName", needsCreate, () -> {
                long other;
                try {
                    other = client.create(currentName, "duplicate", Map.of());
                } catch (Exception e) {
                    expectCode("CreateApp", "RepeatedAppName", e);
                    return;
                }
                throw new CheckFailed("expected the SDK to raise RepeatedAppName, it returned AppId " + other);
            });

            check("DeleteApp, then DescribeApp raises NotFoundApp", needsCreate, () -> {
                client.delete(appId);
                try {
                    client.describe(appId);
                } catch (Exception e) {
                    expectCode("DescribeApp after delete", "NotFoundApp", e);
                    return;
                }
                throw new CheckFailed("DescribeApp after delete: expected NotFoundApp, it succeeded");
            });
        }
    }

    interface Maker {
        Client make() throws Exception;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: JavaSdks HOST:PORT");
            System.exit(2);
        }
        String endpoint = args[0];
        Map<String, Maker> configs = new LinkedHashMap<>();
        configs.put("java-core-typed", () -> new CoreClients.Typed(endpoint));
        configs.put("java-core-common", () -> new CoreClients.Common(endpoint));
        configs.put("java-tea-v3", () -> new TeaClient(endpoint, null));
        configs.put("java-tea-v2", () -> new TeaClient(endpoint, "v2"));
        for (Map.Entry<String, Maker> config : configs.entrySet()) {
            Client client;
            try {
                client = config.getValue().make();
            } catch (Exception e) {
                System.out.printf("FAIL %-16s create the client: %s%n", config.getKey(), e);
                continue;
            }
            new Scenario(config.getKey(), client).run();
            if (client instanceof Groups.Client groups) {
                Groups.run(config.getKey(), groups);
                Apis.Client apis = null;
                if (client instanceof TeaClient tea) {
                    apis = new Apis.Tea(tea);
                } else if (client instanceof CoreClients.Common common) {
                    apis = new Apis.Common(common);
                } else if (client instanceof CoreClients.Typed typed) {
                    apis = new Apis.Typed(typed);
                }
                if (apis != null) {
                    // The typed DescribeApiResponse of aliyun-java-sdk-cloudapi 4.9.3 has no
                    // top-level Mock: that configuration cannot read it.
                    Apis.run(config.getKey(), apis, groups, !(client instanceof CoreClients.Typed));
                    Authorizations.Client auth = null;
                    if (apis instanceof Apis.Tea tea) {
                        auth = Authorizations.tea(tea);
                    } else if (apis instanceof Apis.Common common) {
                        auth = Authorizations.common(common);
                    } else if (client instanceof CoreClients.Typed typed) {
                        auth = new Authorizations.Typed(typed);
                    }
                    Authorizations.run(config.getKey(), client, groups, apis, auth);
                    TrafficControls.Client traffic = null;
                    if (apis instanceof Apis.Tea tea) {
                        traffic = TrafficControls.tea(tea);
                    } else if (apis instanceof Apis.Common common) {
                        traffic = TrafficControls.common(common);
                    } else if (client instanceof CoreClients.Typed typed) {
                        traffic = new TrafficControls.Typed(typed);
                    }
                    TrafficControls.run(config.getKey(), groups, apis, traffic);
                }
            }
        }
        System.out.flush();
        // The SDKs' HTTP clients keep non-daemon threads alive; the checks are done.
        System.exit(0);
    }

    private JavaSdks() {}
}
