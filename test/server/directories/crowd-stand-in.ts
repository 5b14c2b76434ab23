/**
 * A stand-in for Atlassian Crowd (no Crowd server can run here) that speaks the part of Crowd's
 * documented usermanagement REST API (developer.atlassian.com/server/crowd/crowd-rest-resources/)
 * that ipsafezone uses, over real HTTP on loopback: HTTP Basic as the registered application (401
 * otherwise), an address allow-list (403), `POST /authentication?username=` with `{"value"}` (200
 * with the user; 400 with `reason` USER_NOT_FOUND, INVALID_USER_AUTHENTICATION or
 * INACTIVE_ACCOUNT), `GET /user` (404 USER_NOT_FOUND), `/user/group/nested` and `/user/attribute`.
 * User names compare regardless of case, as in Crowd. `hang` makes it stop answering.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CrowdStandInUser {
  name: string;
  password: string;
  displayName: string;
  email: string;
  active: boolean;
  groups: string[];
  attributes?: Record<string, string[]>;
}

export interface CrowdStandIn {
  url: string;
  users: CrowdStandInUser[];
  application: { name: string; password: string };
  /** When false, every request is refused with 403 as from an address not on the allow-list. */
  addressAllowed: boolean;
  /** When true, requests get no answer (a hung server). */
  hang: boolean;
  /** Request paths seen (with query), for asserting what was asked. */
  requests: string[];
  close(): Promise<void>;
}

const API = '/rest/usermanagement/1';

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const userJson = (base: string, u: CrowdStandInUser) => ({
  link: { rel: 'self', href: `${base}${API}/user?username=${encodeURIComponent(u.name)}` },
  name: u.name,
  active: u.active,
  'first-name': u.displayName.split(' ')[0] ?? '',
  'last-name': u.displayName.split(' ').slice(1).join(' '),
  'display-name': u.displayName,
  email: u.email,
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startCrowdStandIn(users: CrowdStandInUser[]): Promise<CrowdStandIn> {
  const state = {
    users,
    application: { name: 'ipsafezone', password: 'app secret' },
    addressAllowed: true,
    hang: false,
    requests: [] as string[],
  };
  let base = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      state.requests.push(`${req.method} ${url.pathname}${url.search}`);
      if (state.hang) return; // never answers
      const auth = req.headers.authorization ?? '';
      const expected =
        'Basic ' +
        Buffer.from(`${state.application.name}:${state.application.password}`).toString('base64');
      if (auth !== expected) {
        res.writeHead(401, {
          'content-type': 'text/plain',
          'www-authenticate': 'Basic realm="Crowd REST Service"',
        });
        res.end('Application failed to authenticate');
        return;
      }
      if (!state.addressAllowed) {
        res.writeHead(403, { 'content-type': 'text/plain' });
        res.end(
          `Client with address "127.0.0.1" is forbidden from making requests to the application, ${state.application.name}.`,
        );
        return;
      }
      const name = url.searchParams.get('username') ?? '';
      const user = state.users.find((u) => u.name.toLowerCase() === name.toLowerCase());
      const notFound = () =>
        send(res, 404, { reason: 'USER_NOT_FOUND', message: `User <${name}> does not exist` });
      const path = url.pathname.startsWith(`/crowd${API}/`)
        ? url.pathname.slice(`/crowd${API}`.length)
        : '';
      if (req.method === 'POST' && path === '/authentication') {
        const body = JSON.parse((await readBody(req)) || '{}') as { value?: string };
        if (!user)
          return send(res, 400, {
            reason: 'USER_NOT_FOUND',
            message: `User <${name}> does not exist`,
          });
        if (!user.active)
          return send(res, 400, {
            reason: 'INACTIVE_ACCOUNT',
            message: `Account with name <${user.name}> is inactive`,
          });
        if (body.value !== user.password)
          return send(res, 400, {
            reason: 'INVALID_USER_AUTHENTICATION',
            message: 'Failed to authenticate principal, password was invalid',
          });
        return send(res, 200, userJson(base, user));
      }
      if (req.method === 'GET' && path === '/user')
        return user ? send(res, 200, userJson(base, user)) : notFound();
      if (req.method === 'GET' && path === '/user/group/nested') {
        if (!user) return notFound();
        return send(res, 200, {
          groups: user.groups.map((g) => ({
            link: { rel: 'self', href: `${base}${API}/group?groupname=${encodeURIComponent(g)}` },
            name: g,
          })),
        });
      }
      if (req.method === 'GET' && path === '/user/attribute') {
        if (!user) return notFound();
        return send(res, 200, {
          attributes: Object.entries(user.attributes ?? {}).map(([n, values]) => ({
            name: n,
            values,
          })),
        });
      }
      send(res, 404, { reason: 'ILLEGAL_ARGUMENT', message: 'Not found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url: `${base}/crowd`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
