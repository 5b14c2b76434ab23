// The yardstick for `npm run bench:http`: a bare Hono app on @hono/node-server with one route that
// returns a fixed JSON body (the very answer ipsafezone's `/api/zone` gave in the same run). Run as
// a child process by bench/http.bench.ts: PORT and BODY come from the environment; it prints
// `listening <port>` once it answers.
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

const body: unknown = JSON.parse(process.env.BODY ?? '{}');
const app = new Hono();
app.get('/api/zone', (c) => c.json(body));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening ${(info as AddressInfo).port}`);
});
