// How the guard reads a request on its way to Jira or Confluence: Tomcat's normalisation of the
// path (path parameters, encoded and repeated slashes, dot segments, percent-encoding, context
// paths), the query's parameter names, the credential's kind — each variant named in the table.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shapeOf, type DoorName, type UriProblem } from '../../../server/policy/index.js';

const shape = (uri: string | undefined, more: Partial<Parameters<typeof shapeOf>[0]> = {}) =>
  shapeOf({ method: 'GET', uri, authorization: undefined, contentType: undefined, ...more });

describe('shapeOf: the path as Tomcat reads it, and the door it is', () => {
  const rows: [variant: string, uri: string, path: string, door: DoorName | null][] = [
    ['plain', '/rest/auth/1/session', '/rest/auth/1/session', 'rest-auth-session'],
    [
      'latest version',
      '/rest/auth/latest/session',
      '/rest/auth/latest/session',
      'rest-auth-session',
    ],
    ['context path', '/jira/rest/auth/1/session', '/jira/rest/auth/1/session', 'rest-auth-session'],
    ['path parameter', '/login.jsp;jsessionid=ABC', '/login.jsp', 'login-form'],
    [
      'path parameter mid-path',
      '/rest;x=1/auth/1/session',
      '/rest/auth/1/session',
      'rest-auth-session',
    ],
    ['double slashes', '//rest//auth/1//session', '/rest/auth/1/session', 'rest-auth-session'],
    ['encoded slash', '/rest%2Fauth%2F1%2Fsession', '/rest/auth/1/session', 'rest-auth-session'],
    ['backslash', '/rest%5Cauth/1/session', '/rest/auth/1/session', 'rest-auth-session'],
    ['dot segment', '/./rest/./auth/1/session', '/rest/auth/1/session', 'rest-auth-session'],
    [
      'dot-dot segment',
      '/browse/../rest/auth/1/session',
      '/rest/auth/1/session',
      'rest-auth-session',
    ],
    ['encoded dot-dot', '/browse/%2e%2e/login.jsp', '/login.jsp', 'login-form'],
    ['percent-encoded letters', '/%6Cogin.jsp', '/login.jsp', 'login-form'],
    ['upper case', '/LOGIN.JSP', '/LOGIN.JSP', 'login-form'],
    ['absolute form', 'http://jira.example.com/login.jsp', '/login.jsp', 'login-form'],
    ['Confluence login', '/wiki/dologin.action', '/wiki/dologin.action', 'login-form'],
    ['Confluence login form', '/login.action', '/login.action', 'login-form'],
    ['Bitbucket login form', '/j_atl_security_check', '/j_atl_security_check', 'login-form'],
    ['gadget login', '/rest/gadget/1.0/login', '/rest/gadget/1.0/login', 'gadget-login'],
    ['XML-RPC', '/rpc/xmlrpc', '/rpc/xmlrpc', 'xml-rpc'],
    [
      'JSON-RPC',
      '/rpc/json-rpc/confluenceservice-v2',
      '/rpc/json-rpc/confluenceservice-v2',
      'json-rpc',
    ],
    [
      'WebDAV',
      '/plugins/servlet/confluence/default/Global',
      '/plugins/servlet/confluence/default/Global',
      'webdav',
    ],
    ['Git over HTTPS', '/scm/proj/repo.git/info/refs', '/scm/proj/repo.git/info/refs', 'git-scm'],
    ['OAuth 2.0 token', '/rest/oauth2/latest/token', '/rest/oauth2/latest/token', 'oauth2-token'],
    ['an ordinary page', '/browse/ABC-1', '/browse/ABC-1', null],
    ['REST, not a door', '/rest/api/2/myself', '/rest/api/2/myself', null],
    ['root', '/', '/', null],
  ];
  for (const [variant, uri, path, door] of rows) {
    test(`${variant}: ${uri}`, () => {
      const s = shape(uri);
      assert.deepEqual(s.problems, []);
      assert.equal(s.path, path);
      assert.equal(s.door, door);
    });
  }
});

describe('shapeOf: URIs Tomcat would not read are problems', () => {
  const rows: [variant: string, uri: string | undefined, problem: UriProblem][] = [
    ['no URI handed over', undefined, 'missing_uri'],
    ['empty URI', '', 'missing_uri'],
    ['dot-dot above the root', '/../login.jsp', 'above_root'],
    ['encoded dot-dot above the root', '/%2e%2e/%2e%2e/login.jsp', 'above_root'],
    ['bad percent escape in the path', '/login%zz.jsp', 'bad_percent_encoding'],
    ['bad percent escape in a parameter name', '/browse?%zzos_password=x', 'bad_percent_encoding'],
    ['an encoded NUL', '/login.jsp%00.png', 'control_character'],
    ['not a path', 'login.jsp', 'not_a_path'],
  ];
  for (const [variant, uri, problem] of rows) {
    test(`${variant}: ${String(uri)}`, () => {
      assert.deepEqual(shape(uri).problems, [problem]);
    });
  }
});

describe('shapeOf: password-shaped parameters in the query and the path', () => {
  const rows: [variant: string, uri: string, params: string[], user: string | null][] = [
    [
      'os_username and os_password',
      '/browse/X?os_username=alice&os_password=pw',
      ['os_username', 'os_password'],
      'alice',
    ],
    ['percent-encoded name', '/rest/api/2/myself?%6Fs_password=pw', ['os_password'], null],
    ['plus and case in the name', '/?OS_PASSWORD=pw', ['os_password'], null],
    ['repeated parameters', '/?a=1&os_password=x&os_password=y', ['os_password'], null],
    ['os_authType asks for Basic', '/?os_authType=basic', ['os_authtype'], null],
    [
      'the servlet login form',
      '/j_atl_security_check?j_username=bob&j_password=pw',
      ['j_username', 'j_password'],
      'bob',
    ],
    ['in a path parameter', '/browse;os_password=pw/X', ['os_password'], null],
    ['nothing', '/browse/X?jql=project%3DX', [], null],
  ];
  for (const [variant, uri, params, user] of rows) {
    test(variant, () => {
      const s = shape(uri);
      assert.deepEqual(s.passwordParams, params);
      assert.equal(s.claimedUser, user);
    });
  }

  test('auth_fallback and nosso ask for the product form', () => {
    assert.equal(shape('/login.jsp?auth_fallback').fallback, true);
    assert.equal(shape('/?nosso').fallback, true);
    assert.equal(shape('/login.jsp').fallback, false);
  });

  test('a form body read by ipsafezone is searched too, and its grant type noted', () => {
    const s = shape('/rest/oauth2/latest/token', {
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      formBody: 'grant_type=authorization_code&code=abc&os_password=pw',
    });
    assert.deepEqual(s.passwordParams, ['os_password']);
    assert.equal(s.grantType, 'authorization_code');
    assert.equal(s.bodyRead, true);
  });
});

describe('shapeOf: the credential kind and the body kind', () => {
  const auth: [header: string | undefined, kind: string][] = [
    [undefined, 'none'],
    ['', 'none'],
    ['Basic YWxpY2U6cHc=', 'basic'],
    ['basic   YWxpY2U6cHc=', 'basic'],
    ['Bearer abc.def', 'bearer'],
    ['BEARER abc', 'bearer'],
    ['Bearer', 'other'],
    ['Digest username="a"', 'other'],
    ['NTLM TlRMTVNTUAAB', 'other'],
    ['Negotiate YII=', 'other'],
  ];
  for (const [header, kind] of auth) {
    test(`Authorization: ${String(header)} → ${kind}`, () => {
      assert.equal(shape('/', { authorization: header }).authorization, kind);
    });
  }
  test('Basic names its user for the audit, never its password', () => {
    const s = shape('/', { authorization: `Basic ${btoa('alice:secret')}` });
    assert.equal(s.claimedUser, 'alice');
    assert.ok(!JSON.stringify(s).includes('secret'));
  });
  const bodies: [type: string | undefined, kind: string][] = [
    [undefined, 'none'],
    ['application/json', 'other'],
    ['text/xml', 'other'],
    ['application/x-www-form-urlencoded', 'form'],
    ['Application/X-WWW-Form-Urlencoded; charset=UTF-8', 'form'],
    ['multipart/form-data; boundary=x', 'form'],
  ];
  for (const [type, kind] of bodies) {
    test(`Content-Type: ${String(type)} → ${kind}`, () => {
      assert.equal(shape('/', { contentType: type }).body, kind);
    });
  }
  test('HEAD is read as GET; the method in capitals', () => {
    assert.equal(shape('/', { method: 'HEAD' }).method, 'GET');
    assert.equal(shape('/', { method: 'post' }).method, 'POST');
  });
});
