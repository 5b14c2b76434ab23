/**
 * Sets a response header before the handler runs. Served by Node, the header goes straight onto
 * Node's response object — a plain field — and Node merges it with the answer's own headers (which
 * win when they name the same one). Through Hono, the first `c.header()` before an answer exists
 * makes a WHATWG `Headers` object and every later answer carries it through validation: on the
 * read doors, asked before every proxied request, that was a measurable share of each request
 * (issue 13). Without Node (`app.request` in tests) it falls back to `c.header()`.
 */
import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';

export function setFixedHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing && !outgoing.headersSent) outgoing.setHeader(name, value);
  else c.header(name, value);
}
