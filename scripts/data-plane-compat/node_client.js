// Alibaba's Node client of published APIs (npm aliyun-api-gateway 1.1.6), unmodified, against
// the mock: every call goes to the mock's listener with the group's SubDomain as Host header
// (SimpleClient takes no headers: it uses the mock's no-DNS form). One "ok"/"FAIL" line per
// check.
//
//   node node_client.js HOST:PORT
'use strict';

const { Client, SimpleClient } = require('aliyun-api-gateway');
const seed = require('./seed.json');

const endpoint = process.argv[2];
const scope = seed.scopes[0];
const app = scope.apps[0];
const group = scope.groups[0];
const domain = `${group.id}-${scope.region}.alicloudapi.com`;
const key = app.key_pairs[0].app_key;
const secret = app.key_pairs[0].app_secret;
const code = app.app_codes[0].app_code;
const base = `http://${endpoint}`;
const host = { host: domain };

let failed = 0;
function report(ok, name, detail) {
  if (!ok) failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} node.${name}  ${detail}`);
}

async function expectOk(name, call, check) {
  try {
    const result = await call();
    const problem = check(result);
    report(!problem, name, problem || 'answered as deployed');
  } catch (err) {
    report(false, name, `refused: ${err.message}`);
  }
}

async function expectRefused(name, call, status, code) {
  try {
    await call();
    report(false, name, `answered 2xx, expected ${status} ${code}`);
  } catch (err) {
    const headers = (err.data && err.data.headers) || {};
    const got = headers['x-ca-error-code'] || headers['x-ca-error-message'];
    const ok = err.code === status && got === code && headers['x-ca-request-id'];
    report(ok, name, `${err.code} ${got}: ${headers['x-ca-error-message'] || ''}`);
  }
}

// A call the bound policy refuses: 429 with the code and message in X-Ca-Error-Code and
// X-Ca-Error-Message (the client reads no body when it throws).
async function expectThrottled(name, call, code, message) {
  try {
    await call();
    report(false, name, `answered 2xx, expected 429 ${code}`);
  } catch (err) {
    const headers = (err.data && err.data.headers) || {};
    const ok = err.code === 429 && headers['x-ca-error-code'] === code && headers['x-ca-error-message'] === message
      && headers['x-ca-request-id'];
    report(ok, name, `${err.code} ${headers['x-ca-error-code']}: ${headers['x-ca-error-message'] || ''}`);
  }
}

(async () => {
  const client = new Client(key, secret);
  await expectOk('get-with-query', () => client.get(`${base}/v1/users/42`, { query: { name: 'Alice', age: 30 }, headers: host }),
    (r) => (r.user === 'Alice' ? null : `body ${JSON.stringify(r)}`));
  await expectOk('post-form-non-ascii', () => client.post(`${base}/v1/orders`, {
    query: { channel: 'web' },
    headers: Object.assign({ 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, host),
    data: { item: 'book', qty: 2, note: '', city: '上海 浦东' },
  }), (r) => (r.order === 'created' ? null : `body ${JSON.stringify(r)}`));
  await expectOk('post-json-content-md5', () => client.post(`${base}/v1/echo`, { headers: host, data: { hello: 'world' } }),
    (r) => (r.echo === true ? null : `body ${JSON.stringify(r)}`));
  await expectOk('signed-custom-header', () => client.get(`${base}/v1/ping`, {
    headers: host, signHeaders: { 'x-custom-trace': 'abc' },
  }), (r) => (r === 'pong' ? null : `body ${r}`));
  await expectOk('no-dns-form', () => client.get(`${base}/_alicloudapi/${domain}/v1/ping`), (r) => (r === 'pong' ? null : `body ${r}`));
  await expectOk('http-backend', () => client.get(`${base}/v1/backend/7`, { query: { q: 'x' }, headers: host }),
    (r) => (r.path === '/echo/7?q=x' ? null : `backend saw ${JSON.stringify(r)}`));
  await expectOk('appcode', () => new SimpleClient(code).get(`${base}/_alicloudapi/${domain}/v1/users/42?name=Alice`),
    (r) => (r.user === 'Alice' ? null : `body ${JSON.stringify(r)}`));

  await expectRefused('wrong-secret', () => new Client(key, 'not-the-secret').get(`${base}/v1/ping`, { headers: host }), 403, 'A403IS');
  await expectRefused('unknown-key', () => new Client('000000000', secret).get(`${base}/v1/ping`, { headers: host }), 400, 'A400IK');
  await expectRefused('not-authorized', () => client.get(`${base}/v1/private`, { headers: host }), 403, 'I403AA');
  await expectRefused('expired-authorization', () => client.get(`${base}/v1/expired`, { headers: host }), 403, 'A403EP');
  const stale = String(Date.now() - 16 * 60 * 1000);
  await expectRefused('stale-timestamp', () => client.get(`${base}/v1/ping`, { headers: Object.assign({ 'x-ca-timestamp': stale }, host) }), 400, 'Timestamp Expired');
  const nonce = `nonce-${Date.now()}`;
  await expectOk('first-nonce', () => client.get(`${base}/v1/ping`, { headers: Object.assign({ 'x-ca-nonce': nonce }, host) }), () => null);
  await expectRefused('reused-nonce', () => client.get(`${base}/v1/ping`, { headers: Object.assign({ 'x-ca-nonce': nonce }, host) }), 400, 'Nonce Used');
  await expectRefused('unknown-path', () => client.get(`${base}/v1/nowhere`, { headers: host }), 404, 'I404NF');
  await expectRefused('wrong-stage', () => new Client(key, secret, 'TEST').get(`${base}/v1/ping`, { headers: host }), 404, 'I404NF');
  await expectRefused('unknown-appcode', () => new SimpleClient('0'.repeat(32)).get(`${base}/_alicloudapi/${domain}/v1/users/42`), 400, 'A400AC');

  // /v1/limited/node is held in RELEASE by the seed's policy of two calls a day: two answered,
  // the third refused by the API's limit.
  for (const n of [1, 2]) {
    await expectOk(`throttled-api-call-${n}-of-2`, () => client.get(`${base}/v1/limited/node`, { headers: host }),
      (r) => (r === 'limited' ? null : `body ${r}`));
  }
  await expectThrottled('throttled-api-third-call', () => client.get(`${base}/v1/limited/node`, { headers: host }),
    'T429PA', 'Throttled by API Flow Control');
  process.exit(0);
})().catch((err) => {
  console.log(`FAIL node.driver  ${err.stack}`);
  process.exit(1);
});
