package cloudapimock;

import com.alibaba.cloudapi.sdk.client.ApacheHttpClient;
import com.alibaba.cloudapi.sdk.enums.HttpMethod;
import com.alibaba.cloudapi.sdk.enums.ParamPosition;
import com.alibaba.cloudapi.sdk.enums.Scheme;
import com.alibaba.cloudapi.sdk.model.ApiRequest;
import com.alibaba.cloudapi.sdk.model.ApiResponse;
import com.alibaba.cloudapi.sdk.model.HttpClientBuilderParams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sdk-core-java (the core of console-generated SDKs) against the mock, unmodified: its
 * ApacheHttpClient signs every x-ca-* header (list unsorted, names lower-case), sends
 * X-Ca-Signature-Method, a date and Content-MD5. It takes a host, not a Host header, so calls
 * use the mock's no-DNS form. One "ok"/"FAIL" line per check.
 *
 *   java -Dseed=SEED.json -cp ... cloudapimock.DataPlaneJava HOST:PORT
 */
public final class DataPlaneJava {
    private static int failed;

    /** A client as the generated SDKs make one: a subclass of ApacheHttpClient. */
    static final class Client extends ApacheHttpClient {
        Client(String endpoint, String key, String secret) {
            HttpClientBuilderParams params = new HttpClientBuilderParams();
            params.setAppKey(key);
            params.setAppSecret(secret);
            params.setHost(endpoint);
            params.setScheme(Scheme.HTTP);
            init(params);
        }

        ApiResponse call(ApiRequest request) {
            return sendSyncRequest(request);
        }
    }

    private static String first(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("seed: " + regex);
        }
        return m.group(1);
    }

    private static void report(boolean ok, String name, String detail) {
        if (!ok) {
            failed++;
        }
        System.out.println((ok ? "ok   " : "FAIL ") + "java." + name + "  " + detail);
    }

    private static String body(ApiResponse r) {
        if (r.getBodyStr() != null) {
            return r.getBodyStr();
        }
        return r.getBody() == null ? "" : new String(r.getBody(), StandardCharsets.UTF_8);
    }

    private static String describe(ApiResponse r) {
        return r.getCode() + " " + r.getFirstHeaderValue("x-ca-error-code") + " "
            + r.getFirstHeaderValue("x-ca-error-message") + " " + body(r);
    }

    private static void expectOk(String name, ApiResponse r, String inBody) {
        String body = body(r);
        report(r.getCode() == 200 && body.contains(inBody), name, describe(r));
    }

    private static void expectRefused(String name, ApiResponse r, int status, String code) {
        String got = r.getFirstHeaderValue("x-ca-error-code");
        report(r.getCode() == status && code.equals(got), name, describe(r));
    }

    /** A call the bound policy refuses: 429, the code and message in the headers, no body. */
    private static void expectThrottled(String name, ApiResponse r, String code, String message) {
        report(r.getCode() == 429 && code.equals(r.getFirstHeaderValue("x-ca-error-code"))
            && message.equals(r.getFirstHeaderValue("x-ca-error-message")) && body(r).isEmpty(), name, describe(r));
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String seed = Files.readString(Path.of(System.getProperty("seed")));
        String key = first(seed, "\"app_key\": \"([^\"]+)\"");
        String secret = first(seed, "\"app_secret\": \"([^\"]+)\"");
        String groupId = first(seed, "\"groups\": \\[\\s*\\{\\s*\"id\": \"([0-9a-f]{32})\"");
        String region = first(seed, "\"region\": \"([^\"]+)\"");
        String prefix = "/_alicloudapi/" + groupId + "-" + region + ".alicloudapi.com";
        Client client = new Client(endpoint, key, secret);

        ApiRequest get = new ApiRequest(HttpMethod.GET, prefix + "/v1/users/[id]");
        get.addParam("id", "42", ParamPosition.PATH, true);
        get.addParam("name", "Alice", ParamPosition.QUERY, false);
        get.addParam("age", "30", ParamPosition.QUERY, false);
        expectOk("get-path-param-query", client.call(get), "Alice");

        ApiRequest sha1 = new ApiRequest(HttpMethod.GET, prefix + "/v1/users/[id]");
        sha1.addParam("id", "42", ParamPosition.PATH, true);
        sha1.setSignatureMethod("HmacSHA1");
        expectOk("hmac-sha1", client.call(sha1), "Alice");

        ApiRequest form = new ApiRequest(HttpMethod.POST_FORM, prefix + "/v1/orders");
        form.addParam("channel", "web", ParamPosition.QUERY, false);
        form.addParam("item", "book", ParamPosition.BODY, false);
        form.addParam("city", "上海 浦东", ParamPosition.BODY, false);
        expectOk("post-form-non-ascii", client.call(form), "created");

        ApiRequest json = new ApiRequest(HttpMethod.POST_BODY, prefix + "/v1/echo",
            "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
        expectOk("post-body-content-md5", client.call(json), "echo");

        ApiRequest header = new ApiRequest(HttpMethod.GET, prefix + "/v1/ping");
        header.addParam("x-ca-trace", "abc", ParamPosition.HEAD, false);
        expectOk("signed-custom-header", client.call(header), "pong");

        expectRefused("wrong-secret", new Client(endpoint, key, "not-the-secret")
            .call(new ApiRequest(HttpMethod.GET, prefix + "/v1/ping")), 403, "A403IS");
        expectRefused("unknown-key", new Client(endpoint, "000000000", secret)
            .call(new ApiRequest(HttpMethod.GET, prefix + "/v1/ping")), 400, "A400IK");
        expectRefused("not-authorized", client.call(new ApiRequest(HttpMethod.GET, prefix + "/v1/private")), 403, "I403AA");
        expectRefused("expired-authorization", client.call(new ApiRequest(HttpMethod.GET, prefix + "/v1/expired")), 403, "A403EP");
        expectRefused("unknown-path", client.call(new ApiRequest(HttpMethod.GET, prefix + "/v1/nowhere")), 404, "I404NF");

        // /v1/limited/java is held in RELEASE by the seed's policy of two calls a day: two
        // answered, the third refused by the API's limit.
        for (int n = 1; n <= 2; n++) {
            expectOk("throttled-api-call-" + n + "-of-2", client.call(new ApiRequest(HttpMethod.GET, prefix + "/v1/limited/java")),
                "limited");
        }
        expectThrottled("throttled-api-third-call", client.call(new ApiRequest(HttpMethod.GET, prefix + "/v1/limited/java")),
            "T429PA", "Throttled by API Flow Control");
        client.shutdown();
        System.exit(0);
    }
}
