/**
 * A fixed corpus of bad input for the route-enumerating test
 * (test/server/http/every-route-bad-input.test.ts): concrete paths for a Hono route pattern
 * (`:param` and `*` filled with odd values), query strings, and request bodies with their
 * content types. Fixed on purpose — no random sampling — so a failure names a request that
 * reproduces, and the whole run stays a matter of seconds.
 */

/** Raw (already percent-encoded where needed) values for a path segment or a query value. */
export const BAD_SEGMENTS = [
  '%',
  '%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%2F%2Fevil.example',
  '%00',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e',
  '%C3%BC%F0%9F%98%80',
  '%FF%FE',
  '%ED%A0%80',
  'a'.repeat(10_000),
  '99999999999999999999999',
  '9007199254740993',
  '-1',
  '0',
  '1.5',
  '1e999',
  '0x10',
  'NaN',
  '%20',
  'null',
];

/** A value that passes a parameter's own check, so the body behind it is read. */
const VALID_PARAM: Record<string, string> = {
  id: '1',
  kind: 'ldap',
  factor: 'totp',
  file: 'ipsafezone-login.js',
  uid: 'x',
};

/** A pattern's concrete paths: its parameters valid, then each one bad in turn. */
export function pathsFor(pattern: string): { path: string; validParams: boolean }[] {
  const parts = pattern.split('/');
  const holes = parts
    .map((p, i) => (p.startsWith(':') || p === '*' ? i : -1))
    .filter((i) => i >= 0);
  const valid = parts.map((p) =>
    p.startsWith(':') ? (VALID_PARAM[p.slice(1)] ?? '1') : p === '*' ? 'x' : p,
  );
  const out = [{ path: valid.join('/') || '/', validParams: true }];
  for (const hole of holes) {
    const odd = parts[hole] === '*' ? [...BAD_SEGMENTS, 'a/b/c'] : BAD_SEGMENTS;
    for (const value of odd) {
      const p = [...valid];
      p[hole] = value;
      out.push({ path: p.join('/'), validParams: false });
    }
  }
  return out;
}

/** Query parameter names any route reads (the schemas' and `c.req.query` names). */
export const QUERY_KEYS = [
  'q',
  'offset',
  'limit',
  'user',
  'address',
  'outcome',
  'action',
  'from',
  'to',
  'routine',
  'username',
  'id',
  'login_hint',
  'prompt',
  'redirect',
  'return_to',
  'v',
  'exist',
  'lang',
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'nonce',
];

/** Query strings (without `?`): each bad value for every key, repeated keys, arrays. */
export function queryStrings(): string[] {
  const all = (v: string) => QUERY_KEYS.map((k) => `${k}=${v}`).join('&');
  return [
    ...BAD_SEGMENTS.filter((v) => v.length < 1000).map(all),
    QUERY_KEYS.map((k) => `${k}=${'a'.repeat(300)}`).join('&'),
    // Past Node's 16 KiB for the request line and headers: the HTTP server's own refusal.
    `q=${'a'.repeat(20_000)}`,
    QUERY_KEYS.map((k) => `${k}=1&${k}=2&${k}=`).join('&'),
    QUERY_KEYS.map((k) => `${k}[]=1&${k}[]=2`).join('&'),
    QUERY_KEYS.map((k) => `${k}[a]=1&${k}[0]=2`).join('&'),
    QUERY_KEYS.map((k) => k).join('&'),
    '&&&=&==&%=%',
  ];
}

/** Field names the JSON bodies use (the routes' zod schemas, the login and OIDC doors). */
export const FIELD_NAMES = [
  'username',
  'password',
  'code',
  'secSignId',
  'transaction',
  'name',
  'displayName',
  'email',
  'role',
  'ranges',
  'enabled',
  'force',
  'disabled',
  'position',
  'ipSafeZoneActive',
  'twoStepActive',
  'outsideFactors',
  'trustedProxies',
  'firstFactorInside',
  'firstFactorApproval',
  'usersChangeOwnId',
  'enrolment',
  'withinDays',
  'days',
  'zones',
  'clientId',
  'redirectUris',
  'postLogoutRedirectUris',
  'public',
  'label',
  'factor',
  'response',
  'clientExtensionResults',
  'authenticatorAttachment',
  'transports',
  'type',
  'address',
  'confirm',
  'applicationPassword',
  'bindPassword',
  'url',
  'baseDn',
  'startTls',
  'allowPlain',
  'timeoutMs',
  'id',
  'state',
  'returnUrl',
];

/** Odd values for a field: wrong types, odd strings, odd numbers. */
export const BAD_VALUES: { label: string; value: unknown }[] = [
  { label: 'NUL bytes', value: 'a\u0000b\u0000' },
  { label: 'lone surrogate', value: 'x\ud800y' },
  { label: 'lone low surrogate', value: '\udfff' },
  { label: 'unicode', value: 'Jürgen 😀 \u202e\u200b' },
  { label: 'empty string', value: '' },
  { label: 'blank string', value: '   ' },
  { label: 'number as string', value: '123' },
  { label: 'negative number as string', value: '-1' },
  { label: 'boolean as string', value: 'true' },
  { label: 'huge integer', value: 2 ** 64 },
  { label: 'largest double', value: Number.MAX_VALUE },
  { label: 'negative', value: -1 },
  { label: 'fraction', value: 1.5 },
  { label: 'zero', value: 0 },
  { label: 'null', value: null },
  { label: 'true', value: true },
  { label: 'array', value: ['a', 1, null] },
  { label: 'array of arrays', value: [[['x']]] },
  { label: 'object', value: { a: 1 } },
  { label: 'empty object', value: {} },
  { label: 'long string', value: 'a'.repeat(10_000) },
  { label: 'markup and SQL', value: `"'><script>alert(1)</script>'; DROP TABLE users; --` },
  { label: 'path', value: '../../etc/passwd' },
  // Well-formed base64url whose bytes are not what the field should hold.
  {
    label: 'base64url of JSON',
    value: Buffer.from('{"type":1,"challenge":[]}').toString('base64url'),
  },
  { label: 'base64url of 0xff bytes', value: '__________8' },
  { label: 'base64url of one byte', value: 'AA' },
];

export interface BadBody {
  label: string;
  contentType: string | null;
  body: string | Buffer;
  /** Sent without a Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
}

const JSON_TYPE = 'application/json';

/** Request bodies: broken and wrong-typed JSON, odd field values, odd content types. */
export function badBodies(): BadBody[] {
  const json = (label: string, body: string | Buffer, chunked = false): BadBody => ({
    label,
    contentType: JSON_TYPE,
    body,
    chunked,
  });
  const bodies: BadBody[] = [
    json('malformed JSON', '{"username": "a",'),
    json('malformed JSON, chunked', '{"username": "a",', true),
    json('not JSON at all', 'hello'),
    json('empty body', ''),
    json('array', '[]'),
    json('array, chunked', '[1,2,3]', true),
    json('string', '"username"'),
    json('number', '42'),
    json('null', 'null'),
    json('true', 'true'),
    json('empty object', '{}'),
    json('huge number literal', '{"id": 123456789012345678901234567890e400, "days": -1e400}'),
    json('over the body limit', `[${'1,'.repeat(40_000)}1]`),
    json('over the body limit, chunked', `[${'1,'.repeat(40_000)}1]`, true),
    json('deeply nested objects', '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)),
    json('deeply nested arrays', '['.repeat(20_000) + ']'.repeat(20_000)),
    json(
      'deeply nested under every field',
      fields(() => JSON.parse('['.repeat(500) + ']'.repeat(500))),
    ),
    json(
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from('{"username": "'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('", "password": "x"}'),
      ]),
    ),
    json('byte order mark', '\ufeff{"username": "a", "password": "b"}'),
    json('duplicate keys', '{"username": "a", "username": {"x": 1}, "password": "b"}'),
    json(
      'prototype keys',
      '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"x": 1}}}',
    ),
    json('extra fields only', JSON.stringify({ extra: 1, another: 'x' })),
    ...MUTATION_VALUES.map((v) =>
      json(
        `every field: ${v.label}`,
        fields(() => v.value),
      ),
    ),
    // 10,000 characters per field (five fields: the body stays under the limit); the mutations
    // put them into every field of the bodies a door takes.
    json(
      '10,000 characters',
      fields(() => 'x'.repeat(10_000), FIELD_NAMES.slice(0, 5)),
    ),
    { label: 'no content type', contentType: null, body: '{"username": "a", "password": "b"}' },
    { label: 'text/plain', contentType: 'text/plain', body: '{"username": "a", "password": "b"}' },
    {
      label: 'form-encoded',
      contentType: 'application/x-www-form-urlencoded',
      body: 'username=a&password=b&code=1',
    },
    {
      label: 'multipart',
      contentType: 'multipart/form-data; boundary=xyz',
      body: '--xyz\r\nContent-Disposition: form-data; name="username"\r\n\r\na\r\n--xyz--\r\n',
    },
    { label: 'JSON as UTF-16', contentType: 'application/json; charset=utf-16', body: '{}' },
    { label: 'JSON upper case', contentType: 'APPLICATION/JSON', body: '{"username": "a"}' },
    { label: 'vendor JSON', contentType: 'application/vnd.api+json', body: '[]' },
    { label: 'bad content type', contentType: ';;;', body: '{}' },
  ];
  return bodies;
}

function fields(value: () => unknown, names: string[] = FIELD_NAMES): string {
  return JSON.stringify(Object.fromEntries(names.map((n) => [n, value()])));
}

/** A made-up base64url value (a transaction, a credential's parts). */
export const B64 = 'AAAAAAAAAAAAAAAAAAAAAA';

/**
 * Bodies the doors would accept (plausible values of their schemas' shapes). Sent to every route
 * that takes a body: those a route does not refuse as `invalid_input` are its shapes, and each is
 * then sent again with one value at a time made bad (`mutations`) — so the corpus reaches the
 * handlers behind the validators, without a list of which route takes which body.
 */
export const PLAUSIBLE_BODIES: Record<string, unknown>[] = [
  { username: 'carol', password: 'correct horse battery' },
  { username: 'bob', password: 'wrong password', second: { factor: 'totp', code: '123456' } },
  { secSignId: 'bob.sec' },
  { transaction: B64 },
  { transaction: B64, factor: 'totp', code: '123456' },
  { factor: 'totp', code: '123456' },
  { password: 'correct horse battery' },
  { username: 'carol' },
  { enrolment: B64, code: '123456', label: 'Phone' },
  {
    transaction: B64,
    credential: {
      id: B64,
      rawId: B64,
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON: B64, authenticatorData: B64, signature: B64, userHandle: B64 },
    },
  },
  {
    transaction: B64,
    label: 'Key',
    credential: {
      id: B64,
      rawId: B64,
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON: B64, attestationObject: B64, transports: ['usb'] },
    },
  },
  { name: 'Branch', ranges: ['192.0.2.0/24', '2001:db8::/32'], enabled: true, note: 'n' },
  { ipSafeZoneActive: true, outsideFactors: ['secsign', 'totp'] },
  { withinDays: 30, firstFactorApproval: false },
  {
    username: 'erin',
    password: 'a long enough password 1',
    displayName: 'Erin',
    email: 'erin@example.com',
    role: 'user',
    secSignId: 'erin.sec',
  },
  { displayName: 'Bob B', email: 'bob@example.com' },
  { clientId: 'wiki', name: 'Wiki', redirectUris: ['https://wiki.example.com/cb'] },
  {
    zones: [{ name: 'Office', ranges: ['10.1.0.0/16'], enabled: true }],
    ipSafeZoneActive: true,
    days: 30,
  },
  { zones: [{ name: 'Office', ranges: ['10.1.0.0/16'] }], reportDays: 7 },
  { id: 1 },
  { enabled: false, position: 1 },
  {
    name: 'Corp LDAP',
    enabled: false,
    url: 'ldaps://127.0.0.1:9',
    bindDn: 'cn=svc,dc=example,dc=com',
    bindPassword: 'secret',
    baseDn: 'dc=example,dc=com',
    userFilter: '(uid={username})',
    caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    timeoutMs: 1000,
  },
  {
    name: 'Crowd',
    enabled: false,
    url: 'https://127.0.0.1:9/crowd',
    applicationName: 'ipsafezone',
    applicationPassword: 'secret',
  },
];

/** The odd values a mutation puts in one place (no `true`: it would switch things on). */
const MUTATION_VALUES = BAD_VALUES.filter((v) =>
  [
    'NUL bytes',
    'lone surrogate',
    'unicode',
    'empty string',
    'number as string',
    'huge integer',
    'negative',
    'fraction',
    'null',
    'array',
    'object',
    'long string',
    'markup and SQL',
    'base64url of JSON',
    'base64url of 0xff bytes',
    'base64url of one byte',
  ].includes(v.label),
);

/** `body` with the value at each path (leaves and inner) replaced by each odd value in turn. */
export function mutations(body: unknown): { label: string; body: unknown }[] {
  const out: { label: string; body: unknown }[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (path.length > 0) {
      for (const v of MUTATION_VALUES) {
        out.push({ label: `${path.join('.')} = ${v.label}`, body: replaced(body, path, v.value) });
      }
    }
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (value !== null && typeof value === 'object') {
      for (const [k, item] of Object.entries(value)) walk(item, [...path, k]);
    }
  };
  walk(body, []);
  return out;
}

function replaced(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(body)) {
    const copy: unknown[] = [...body];
    copy[head as number] = replaced(copy[head as number], rest, value);
    return copy;
  }
  const copy = { ...(body as Record<string, unknown>) };
  copy[head!] = replaced(copy[head!], rest, value);
  return copy;
}

/** Odd request headers: cookies, forwarding, language, origin, credentials, ids. */
export const BAD_HEADERS: { label: string; headers: Record<string, string> }[] = [
  { label: 'cookie: a lone %', headers: { cookie: 'ipsafezone_session=%' } },
  { label: 'cookie: broken escape', headers: { cookie: 'ipsafezone_session=%E0%A4%A; x=%' } },
  { label: 'cookie: twice', headers: { cookie: 'ipsafezone_session=a; ipsafezone_session=b' } },
  { label: 'cookie: long', headers: { cookie: `ipsafezone_session=${'a'.repeat(8_000)}` } },
  { label: 'cookie: no value', headers: { cookie: 'ipsafezone_session; =; ;;' } },
  { label: 'cookie: quoted', headers: { cookie: 'ipsafezone_session="abc' } },
  { label: 'forwarded for: words', headers: { 'x-forwarded-for': 'unknown, %, _hidden' } },
  { label: 'forwarded for: port', headers: { 'x-forwarded-for': '[::1]:80, 10.1.2.3:8080' } },
  { label: 'forwarded for: mapped', headers: { 'x-forwarded-for': '::ffff:10.1.2.3' } },
  { label: 'forwarded for: zone id', headers: { 'x-forwarded-for': 'fe80::1%eth0' } },
  { label: 'forwarded for: long', headers: { 'x-forwarded-for': '1.2.3.4, '.repeat(1_000) } },
  { label: 'forwarded for: empty', headers: { 'x-forwarded-for': ',,, ,' } },
  { label: 'language: odd', headers: { 'accept-language': '*;q=abc, de-DE;q=2,,;q=-1, %' } },
  { label: 'language: long', headers: { 'accept-language': 'de,'.repeat(2_000) } },
  { label: 'origin: null', headers: { origin: 'null' } },
  { label: 'origin: not a URL', headers: { origin: '%' } },
  { label: 'authorization: odd', headers: { authorization: 'Bearer %00 \u00ff' } },
  { label: 'authorization: basic', headers: { authorization: 'Basic %%%' } },
  { label: 'request id: odd', headers: { 'x-request-id': '../\u00ff'.repeat(100) } },
  { label: 'fetch site: odd', headers: { 'sec-fetch-site': 'cross-site, same-origin' } },
  { label: 'accept: odd', headers: { accept: 'application/json;q=x, */*;;' } },
  { label: 'encoding: odd', headers: { 'accept-encoding': 'br;q=abc, gzip;q=2, *' } },
  { label: 'if-none-match: odd', headers: { 'if-none-match': 'W/"', 'if-modified-since': 'x' } },
];

const CALLBACK = 'https://jira.example.com/plugins/servlet/oidc/callback';

/**
 * Query strings a door would take (OpenID Connect authorization and logout, the login page, the
 * admin lists). A route takes one when its answer differs from its answer without a query; each
 * taken one is then sent with one value at a time made bad (`queryMutations`).
 */
export const PLAUSIBLE_QUERIES: Record<string, string>[] = [
  {
    client_id: 'jira',
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'openid profile email groups',
    state: 'state-1',
    nonce: 'nonce-1',
    prompt: 'login',
    max_age: '60',
    login_hint: 'bob',
  },
  { client_id: 'jira', post_logout_redirect_uri: CALLBACK, state: 's', id_token_hint: 'x.y.z' },
  { return_to: '/oidc/interaction/abc', login_hint: 'bob', lang: 'de' },
  { address: '10.1.2.3', username: 'bob' },
  {
    user: 'bob',
    address: '10.1.2.3',
    outcome: 'refused',
    action: 'login.password',
    from: '2026-01-01T00:00:00Z',
    to: '2027-01-01T00:00:00Z',
    routine: 'hide',
    offset: '0',
    limit: '10',
  },
  { q: 'bob', offset: '0', limit: '10' },
];

/** Markup that must never come back unescaped in a page (`REFLECTED` is what to look for). */
export const REFLECTED = '<script>alert(1)</script>';
const MARKUP_RAW = encodeURIComponent(`"'>${REFLECTED}`);

/** Raw (percent-encoded) odd values for one query or form parameter. */
const PARAMETER_VALUES = [
  '',
  '%',
  '%00',
  '%FF%FE',
  '%ED%A0%80',
  '-1',
  '99999999999999999999999',
  '1e999',
  'a'.repeat(2_000),
  '..%2f..%2f',
  'https%3A%2F%2Fevil.example%2F',
  '%2F%2Fevil.example%2F',
  '%2F%5Cevil.example%2F',
  '%5C%5Cevil.example',
  'https%3Aevil.example',
  '%09%2F%2Fevil.example',
  MARKUP_RAW,
  '%0d%0aSet-Cookie:%20x=y',
];

/** `params` encoded, with `key` set to the raw `value` (or given twice). */
function encodeWith(params: Record<string, string>, key: string, raw: string | null): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    const value = encodeURIComponent(v);
    if (k !== key) parts.push(`${k}=${value}`);
    else if (raw === null) parts.push(`${k}=${value}`, `${k}=${value}x`);
    else parts.push(`${k}=${raw}`);
  }
  return parts.join('&');
}

export function encodeParams(params: Record<string, string>): string {
  return encodeWith(params, '', null);
}

/** Each parameter given each odd value, given twice, and left out. */
export function queryMutations(params: Record<string, string>): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  for (const key of Object.keys(params)) {
    for (const raw of PARAMETER_VALUES) {
      out.push({ label: `${key}=${raw.slice(0, 30)}`, text: encodeWith(params, key, raw) });
    }
    out.push({ label: `${key} twice`, text: encodeWith(params, key, null) });
    const { [key]: _left, ...rest } = params;
    out.push({ label: `without ${key}`, text: encodeParams(rest) });
  }
  return out;
}

/**
 * Form bodies the form-reading doors take: the OpenID Connect token, revocation and logout
 * endpoints (sent with the registered client's Basic credentials) and the OAuth 2.0 token relay.
 */
export const PLAUSIBLE_FORMS: Record<string, string>[] = [
  { grant_type: 'authorization_code', code: 'abc', redirect_uri: CALLBACK },
  { grant_type: 'refresh_token', refresh_token: 'abc', scope: 'openid' },
  { grant_type: 'client_credentials', scope: 'openid' },
  { grant_type: 'password', username: 'bob', password: 'correct horse battery' },
  { token: 'abc', token_type_hint: 'access_token' },
  { xsrf: 'abc', logout: 'yes' },
];
