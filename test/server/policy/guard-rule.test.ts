// The guard's rule, door by door: from outside, no password-shaped credential reaches Jira,
// Confluence or Bitbucket whatever the path or its spelling; a token request with nothing
// password-shaped does; inside and with a session that is enough from there, everything does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decideGuard,
  shapeOf,
  type GuardVerdict,
  type ProxiedRequestInput,
} from '../../../server/policy/index.js';

const BASIC = `Basic ${btoa('alice:pw')}`;
const BEARER = 'Bearer NjQ2MzQ5NTk0NjQ2OmFiY2RlZg';
const FORM = 'application/x-www-form-urlencoded';

type Req = Partial<ProxiedRequestInput> & { uri: string };
const req = (r: Req): ProxiedRequestInput => ({
  method: 'GET',
  authorization: undefined,
  contentType: undefined,
  ...r,
});

const outside = (r: Req, more: { session?: boolean; tokensOutside?: boolean } = {}) =>
  decideGuard({
    passwordEnough: false,
    sessionEnough: more.session ?? false,
    tokensOutside: more.tokensOutside ?? true,
    shape: shapeOf(req(r)),
  });
const inside = (r: Req) =>
  decideGuard({
    passwordEnough: true,
    sessionEnough: false,
    tokensOutside: true,
    shape: shapeOf(req(r)),
  });

/** Every password door of the products, each as the product takes it. */
const PASSWORD_DOORS: [door: string, r: Req][] = [
  ['Basic on a REST path', { uri: '/rest/api/2/myself', authorization: BASIC }],
  ['Basic on a page', { uri: '/browse/ABC-1', authorization: BASIC }],
  [
    'REST login (JSON body)',
    { method: 'POST', uri: '/rest/auth/1/session', contentType: 'application/json' },
  ],
  [
    'REST login, latest',
    { method: 'POST', uri: '/rest/auth/latest/session', contentType: 'application/json' },
  ],
  ['os_* in the query, any path', { uri: '/rest/api/2/myself?os_username=alice&os_password=pw' }],
  [
    'os_* in a form body, any path',
    { method: 'POST', uri: '/secure/Dashboard.jspa', contentType: FORM },
  ],
  ['Jira login form', { method: 'POST', uri: '/login.jsp', contentType: FORM }],
  ['Jira auth_fallback form', { uri: '/login.jsp?auth_fallback' }],
  ['Confluence login form', { method: 'POST', uri: '/dologin.action', contentType: FORM }],
  ['Confluence auth_fallback form', { uri: '/login.action?auth_fallback' }],
  ['gadget login', { method: 'POST', uri: '/rest/gadget/1.0/login', contentType: FORM }],
  ['Confluence XML-RPC login', { method: 'POST', uri: '/rpc/xmlrpc', contentType: 'text/xml' }],
  [
    'Confluence JSON-RPC login',
    {
      method: 'POST',
      uri: '/rpc/json-rpc/confluenceservice-v2/login',
      contentType: 'application/json',
    },
  ],
  [
    'Confluence WebDAV',
    { method: 'PROPFIND', uri: '/plugins/servlet/confluence/default/', authorization: BASIC },
  ],
  [
    'Bitbucket Git over HTTPS',
    { uri: '/scm/proj/repo.git/info/refs?service=git-upload-pack', authorization: BASIC },
  ],
  ['Bitbucket login form', { method: 'POST', uri: '/j_atl_security_check', contentType: FORM }],
  ['Digest', { uri: '/rest/api/2/myself', authorization: 'Digest username="alice"' }],
  ['NTLM', { uri: '/rest/api/2/myself', authorization: 'NTLM TlRMTVNTUAAB' }],
];

/** Spellings of a door that Tomcat reads as the door itself. */
const VARIANTS: [variant: string, uri: string][] = [
  ['path parameter', '/login.jsp;jsessionid=x'],
  ['double slash', '//rest//auth/1/session'],
  ['encoded slash', '/rest%2fauth%2f1%2fsession'],
  ['dot segments', '/secure/../rest/./auth/1/session'],
  ['encoded dots', '/secure/%2E%2E/login.jsp'],
  ['percent-encoded path', '/%72est/auth/1/session'],
  ['context path', '/jira/rest/auth/1/session'],
  ['upper case', '/Login.JSP'],
  ['absolute form', 'http://jira.example.com/login.jsp'],
];

describe('guard: from outside, without a session', () => {
  for (const [door, r] of PASSWORD_DOORS) {
    test(`refused: ${door}`, () => {
      assert.equal(outside(r).pass, false);
    });
    test(`refused with a Bearer header too: ${door}`, () => {
      const v = outside({ ...r, authorization: r.authorization ?? BEARER });
      assert.equal(v.pass, false, JSON.stringify(v));
    });
  }
  for (const [variant, uri] of VARIANTS) {
    test(`refused with a junk Bearer header, ${variant}: ${uri}`, () => {
      const v = outside({
        method: 'POST',
        uri,
        authorization: BEARER,
        contentType: 'application/json',
      });
      assert.deepEqual(v, { pass: false, reason: 'password_door' });
    });
  }
  const params: [variant: string, uri: string][] = [
    ['percent-encoded name', '/rest/api/2/myself?%6Fs_password=pw'],
    ['upper-case name', '/rest/api/2/myself?OS_PASSWORD=pw'],
    ['repeated', '/rest/api/2/myself?os_password=&os_password=pw'],
    ['only os_username', '/rest/api/2/myself?os_username=alice'],
    ['path parameter', '/rest/api/2/myself;os_password=pw'],
  ];
  for (const [variant, uri] of params) {
    test(`a token request with os_* refused, ${variant}`, () => {
      assert.deepEqual(outside({ uri, authorization: BEARER }), {
        pass: false,
        reason: 'password_parameter',
      });
    });
  }

  const reasons: [what: string, r: Req, verdict: GuardVerdict][] = [
    [
      'a personal access token',
      { uri: '/rest/api/2/myself', authorization: BEARER },
      { pass: true, reason: 'token' },
    ],
    [
      'HEAD with a token',
      { method: 'HEAD', uri: '/rest/api/2/myself', authorization: BEARER },
      { pass: true, reason: 'token' },
    ],
    [
      'a token posting JSON',
      {
        method: 'POST',
        uri: '/rest/api/2/issue',
        authorization: BEARER,
        contentType: 'application/json',
      },
      { pass: true, reason: 'token' },
    ],
    [
      'a token with Git (Bearer, extraHeader)',
      { uri: '/scm/p/r.git/info/refs', authorization: BEARER },
      { pass: true, reason: 'token' },
    ],
    [
      'a token with a form body',
      { method: 'POST', uri: '/rest/api/2/issue', authorization: BEARER, contentType: FORM },
      { pass: false, reason: 'form_body' },
    ],
    [
      'a token with a multipart body',
      {
        method: 'POST',
        uri: '/rest/api/2/issue/X-1/attachments',
        authorization: BEARER,
        contentType: 'multipart/form-data; boundary=b',
      },
      { pass: false, reason: 'form_body' },
    ],
    [
      'a token plus Basic is just Basic',
      { uri: '/', authorization: BASIC },
      { pass: false, reason: 'password_credential' },
    ],
    ['no credential at all', { uri: '/browse/ABC-1' }, { pass: false, reason: 'no_credential' }],
    [
      'a Bearer without a token',
      { uri: '/', authorization: 'Bearer ' },
      { pass: false, reason: 'password_credential' },
    ],
    [
      'a URI that cannot be read',
      { uri: '/../login.jsp', authorization: BEARER },
      { pass: false, reason: 'unreadable_request' },
    ],
    [
      'no URI handed over',
      { uri: '', authorization: BEARER },
      { pass: false, reason: 'unreadable_request' },
    ],
    [
      'the OAuth 2.0 token endpoint as the proxy sees it',
      { method: 'POST', uri: '/rest/oauth2/latest/token', contentType: FORM },
      { pass: false, reason: 'no_credential' },
    ],
  ];
  for (const [what, r, verdict] of reasons) {
    test(`${what} → ${verdict.reason}`, () => assert.deepEqual(outside(r), verdict));
  }

  test('tokens confined to the zone by the setting', () => {
    assert.deepEqual(
      outside({ uri: '/rest/api/2/myself', authorization: BEARER }, { tokensOutside: false }),
      {
        pass: false,
        reason: 'tokens_confined',
      },
    );
  });
});

describe('guard: the OAuth 2.0 token endpoint, its body read by ipsafezone (case b)', () => {
  const token = (formBody: string, more: Partial<Req> = {}) =>
    outside({
      method: 'POST',
      uri: '/rest/oauth2/latest/token',
      contentType: FORM,
      formBody,
      ...more,
    });
  test('a code grant passes', () => {
    assert.deepEqual(token('grant_type=authorization_code&code=c&code_verifier=v&client_id=x'), {
      pass: true,
      reason: 'oauth2_code',
    });
  });
  test('a refresh grant passes', () => {
    assert.equal(token('grant_type=refresh_token&refresh_token=r').pass, true);
  });
  test('a password grant is refused: its fields are password-shaped once the body is read', () => {
    assert.deepEqual(token('grant_type=password&username=a&password=p'), {
      pass: false,
      reason: 'password_parameter',
    });
    assert.deepEqual(token('grant_type=password'), { pass: false, reason: 'no_credential' });
  });
  test('username and password beside a code are refused', () => {
    assert.deepEqual(token('grant_type=authorization_code&code=c&username=a&password=p'), {
      pass: false,
      reason: 'password_parameter',
    });
  });
  test('two different grant types are refused', () => {
    assert.equal(token('grant_type=authorization_code&code=c&grant_type=password').pass, false);
  });
  test('os_password beside the code is refused', () => {
    assert.deepEqual(token('grant_type=authorization_code&code=c&os_username=a&%6Fs_password=p'), {
      pass: false,
      reason: 'password_parameter',
    });
  });
  test('with Basic is refused', () => {
    assert.equal(
      token('grant_type=authorization_code&code=c', { authorization: BASIC }).pass,
      false,
    );
  });
  test('another path with a read code body is not the token endpoint', () => {
    const v = outside({
      method: 'POST',
      uri: '/rest/api/2/issue',
      contentType: FORM,
      formBody: 'grant_type=authorization_code',
    });
    assert.equal(v.pass, false);
  });
});

describe('guard: inside, and outside with a session that is enough', () => {
  for (const [door, r] of PASSWORD_DOORS) {
    test(`inside passes: ${door}`, () =>
      assert.deepEqual(inside(r), { pass: true, reason: 'inside' }));
    test(`a second-factor session passes: ${door}`, () =>
      assert.deepEqual(outside(r, { session: true }), { pass: true, reason: 'session' }));
  }
  test('inside passes even what cannot be read (the product answers it)', () => {
    assert.deepEqual(inside({ uri: '/../x' }), { pass: true, reason: 'inside' });
  });
});
