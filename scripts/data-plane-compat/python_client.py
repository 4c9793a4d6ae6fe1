"""The official Python 3 demo's client (PyPI aliyun-api-gateway-sign 1.0.4) against the mock.

The library is used as published, with two exceptions, both as the reference's own runs did:
it always dials port 80, so the port it dials is set to the mock's; and for the replay and
stale-timestamp checks its nonce and clock helpers are replaced. Its Request takes no Host
header, so calls use the mock's no-DNS form (/_alicloudapi/<SubDomain>/<path>), whose prefix a
client may sign or not.

    python python_client.py HOST:PORT
"""
import json
import sys
import time

from com.aliyun.api.gateway.sdk import client as client_module
from com.aliyun.api.gateway.sdk.common import constant
from com.aliyun.api.gateway.sdk.http import request as request_module
from com.aliyun.api.gateway.sdk.http import response as response_module
from com.aliyun.api.gateway.sdk.util import DateUtil, UUIDUtil

endpoint = sys.argv[1]
mock_host, mock_port = endpoint.rsplit(":", 1)

with open(__file__.rsplit("/", 1)[0] + "/seed.json") as f:
    seed = json.load(f)
scope = seed["scopes"][0]
app = scope["apps"][0]
group = scope["groups"][0]
domain = f"{group['id']}-{scope['region']}.alicloudapi.com"
key = app["key_pairs"][0]["app_key"]
secret = app["key_pairs"][0]["app_secret"]

# The one change to the library: the port it dials.
original_init = response_module.Response.__init__


def init_with_port(self, *args, **kwargs):
    kwargs["port"] = int(mock_port)
    original_init(self, *args, **kwargs)


response_module.Response.__init__ = init_with_port

failed = 0


def report(ok, name, detail):
    global failed
    if not ok:
        failed += 1
    print(f"{'ok  ' if ok else 'FAIL'} python.{name}  {detail}", flush=True)


def call(method, path, *, app_secret=secret, app_key=key, content_type=None, body=None):
    req = request_module.Request(
        host=f"http://{mock_host}",
        protocol=constant.HTTP,
        url=f"/_alicloudapi/{domain}{path}",
        method=method,
        time_out=30,
    )
    if content_type:
        req.set_content_type(content_type)
    if body is not None:
        req.set_body(body)
    status, headers, text = client_module.DefaultClient(app_key=app_key, app_secret=app_secret, time_out=30).execute(req)
    return status, dict((k.lower(), v) for k, v in (headers or [])), text


def expect_ok(name, status, headers, text, check):
    problem = None if status == 200 else f"{status} {headers.get('x-ca-error-code')} {headers.get('x-ca-error-message')}"
    problem = problem or check(text)
    report(problem is None, name, problem or "answered as deployed")


def expect_refused(name, status, headers, _text, expected_status, expected):
    got = headers.get("x-ca-error-code") or headers.get("x-ca-error-message")
    ok = status == expected_status and got == expected and "x-ca-request-id" in headers
    report(ok, name, f"{status} {got}: {headers.get('x-ca-error-message')}")


def expect_throttled(name, status, headers, text, code, message):
    """A call the bound policy refuses: 429, the code and message in the headers, no body."""
    ok = (status == 429 and headers.get("x-ca-error-code") == code and headers.get("x-ca-error-message") == message
          and "x-ca-request-id" in headers and not text)
    report(ok, name, f"{status} {headers.get('x-ca-error-code')}: {headers.get('x-ca-error-message')} body {text!r}")


expect_ok("get-with-query", *call("GET", "/v1/users/42?name=Alice&age=30"),
          lambda t: None if json.loads(t).get("user") == "Alice" else t)
expect_ok("post-form-non-ascii", *call("POST", "/v1/orders?channel=web", content_type=constant.CONTENT_TYPE_FORM,
                                       body={"item": "book", "qty": "2", "note": "", "city": "上海 浦东"}),
          lambda t: None if json.loads(t).get("order") == "created" else t)
expect_ok("post-stream-content-md5", *call("POST", "/v1/echo", content_type=constant.CONTENT_TYPE_STREAM,
                                           body=b'{"hello":"world"}'),
          lambda t: None if json.loads(t).get("echo") is True else t)
expect_ok("http-backend", *call("GET", "/v1/backend/7?q=x"),
          lambda t: None if json.loads(t).get("path") == "/echo/7?q=x" else t)

expect_refused("wrong-secret", *call("GET", "/v1/ping", app_secret="not-the-secret"), 403, "A403IS")
expect_refused("unknown-key", *call("GET", "/v1/ping", app_key="000000000"), 400, "A400IK")
expect_refused("not-authorized", *call("GET", "/v1/private"), 403, "I403AA")
expect_refused("expired-authorization", *call("GET", "/v1/expired"), 403, "A403EP")
expect_refused("unknown-path", *call("GET", "/v1/nowhere"), 404, "I404NF")

# /v1/limited/python is held in RELEASE by the seed's policy of two calls a day: two answered,
# the third refused by the API's limit.
for n in (1, 2):
    expect_ok(f"throttled-api-call-{n}-of-2", *call("GET", "/v1/limited/python"), lambda t: None if t == "limited" else t)
expect_throttled("throttled-api-third-call", *call("GET", "/v1/limited/python"), "T429PA", "Throttled by API Flow Control")

real_timestamp = DateUtil.get_timestamp
DateUtil.get_timestamp = lambda: str(int(time.time() * 1000) - 16 * 60 * 1000)
expect_refused("stale-timestamp", *call("GET", "/v1/ping"), 400, "Timestamp Expired")
DateUtil.get_timestamp = real_timestamp

fixed = f"python-nonce-{time.time()}"
UUIDUtil.get_uuid = lambda: fixed
expect_ok("first-nonce", *call("GET", "/v1/ping"), lambda t: None if t == "pong" else t)
expect_refused("reused-nonce", *call("GET", "/v1/ping"), 400, "Nonce Used")
