/**
 * Atlassian Crowd — or Jira acting as "Jira user server" — as a `PasswordDirectory`, through
 * Crowd's usermanagement REST API as a registered application: `POST /authentication?username=…`
 * with `{"value": password}` checks the password (200 with the user; 400 with a `reason` such as
 * USER_NOT_FOUND or INVALID_USER_AUTHENTICATION), `/user/group/nested` gives the groups and
 * `/user/attribute` the optional SecSign ID attribute. 401/403 mean the application itself was
 * refused (name, password or address allow-list): `unavailable`, never a wrong password.
 */
import type { DirectoryResult, DirectoryUser } from '../password-directory.js';
import { crowdRequest } from './crowd-http.js';
import { DirectoryError, type DirectoryLookup, type ExternalDirectory } from '../types.js';
import type { CrowdSettings } from './crowd-settings.js';
import { isAdminGroup, usableUsername } from '../user-name.js';

const API = '/rest/usermanagement/1';

interface CrowdUserJson {
  name?: unknown;
  'display-name'?: unknown;
  email?: unknown;
  active?: unknown;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const reasonOf = (json: unknown) =>
  json && typeof json === 'object' ? text((json as { reason?: unknown }).reason) : '';

export function createCrowdDirectory(id: string, s: CrowdSettings): ExternalDirectory {
  const base = s.url.replace(/\/+$/, '');
  const plainRefused = base.startsWith('http:') && !s.allowPlain;
  const call = async (
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    body?: unknown,
  ) => {
    if (plainRefused)
      throw new DirectoryError('Plain http is not allowed for this directory: use https://.');
    return crowdRequest({
      method,
      url: `${base}${API}${path}?${new URLSearchParams(query).toString()}`,
      applicationName: s.applicationName,
      applicationPassword: s.applicationPassword,
      caPem: s.caPem,
      timeoutMs: s.timeoutMs,
      body,
    });
  };

  /** A fault for any answer that is not the documented success or user-level failure. */
  function fault(status: number, json: unknown): DirectoryError {
    if (status === 401)
      return new DirectoryError('Crowd refused the application name or password.');
    if (status === 403)
      return new DirectoryError(
        `Crowd refused this application (${reasonOf(json) || 'forbidden'}): is ipsafezone's address on the application's allow-list?`,
      );
    return new DirectoryError(
      `Crowd answered HTTP ${status}${reasonOf(json) ? ` (${reasonOf(json)})` : ''}.`,
    );
  }

  async function details(json: CrowdUserJson, typed: string): Promise<DirectoryUser> {
    const username = text(json.name) || typed;
    const groupsRes = await call('GET', '/user/group/nested', { username });
    if (groupsRes.status !== 200) throw fault(groupsRes.status, groupsRes.json);
    const list = (groupsRes.json as { groups?: unknown })?.groups;
    const groups = Array.isArray(list)
      ? list.map((g) => text((g as { name?: unknown })?.name)).filter((n) => n !== '')
      : [];
    const user: DirectoryUser = {
      username,
      displayName: text(json['display-name']),
      email: text(json.email),
      groups,
      admin: s.adminGroup.trim() === '' ? null : groups.some((g) => isAdminGroup(s.adminGroup, g)),
      disabled: json.active === false,
    };
    if (s.secSignIdAttribute) {
      const attrs = await call('GET', '/user/attribute', { username });
      if (attrs.status !== 200) throw fault(attrs.status, attrs.json);
      const all = (attrs.json as { attributes?: unknown })?.attributes;
      const hit = Array.isArray(all)
        ? (all as { name?: unknown; values?: unknown }[]).find(
            (a) => text(a?.name) === s.secSignIdAttribute,
          )
        : undefined;
      const value = Array.isArray(hit?.values) ? text(hit.values[0]).trim() : '';
      user.secSignId = value || null;
    }
    return user;
  }

  return {
    id,
    kind: 'crowd',
    async verify(username, password): Promise<DirectoryResult> {
      if (password === '') return { status: 'wrong_password' };
      const typed = usableUsername(username);
      if (typed === null) return { status: 'unknown_user' };
      try {
        const res = await call('POST', '/authentication', { username: typed }, { value: password });
        if (res.status === 200)
          return { status: 'ok', user: await details(res.json as CrowdUserJson, typed) };
        if (res.status === 400 || res.status === 404) {
          const reason = reasonOf(res.json);
          if (reason === 'USER_NOT_FOUND') return { status: 'unknown_user' };
          // A wrong, expired password or an inactive account: the same answer, so the sign-in
          // form tells nobody which it was.
          if (
            ['INVALID_USER_AUTHENTICATION', 'EXPIRED_CREDENTIAL', 'INACTIVE_ACCOUNT'].includes(
              reason,
            )
          )
            return { status: 'wrong_password' };
        }
        return { status: 'unavailable', reason: fault(res.status, res.json).message };
      } catch (err) {
        return { status: 'unavailable', reason: (err as Error).message };
      }
    },
    async testConnection() {
      // Any user lookup proves the application is accepted: 200 or 404 USER_NOT_FOUND.
      const res = await call('GET', '/user', { username: 'ipsafezone-connection-test' });
      if (res.status === 200 || (res.status === 404 && reasonOf(res.json) === 'USER_NOT_FOUND'))
        return `Connected to ${base} as application ${s.applicationName}.`;
      throw fault(res.status, res.json);
    },
    async lookup(username): Promise<DirectoryLookup> {
      const typed = usableUsername(username);
      if (typed === null) return { found: false };
      const res = await call('GET', '/user', { username: typed });
      if (res.status === 404 && reasonOf(res.json) === 'USER_NOT_FOUND') return { found: false };
      if (res.status !== 200) throw fault(res.status, res.json);
      const user = await details(res.json as CrowdUserJson, typed);
      return { found: true, reference: user.username, user };
    },
  };
}
