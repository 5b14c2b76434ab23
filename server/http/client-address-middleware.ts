/**
 * Resolves the client address once per request, from the socket peer and (only through a trusted
 * proxy) one forwarding header, and stores it as `c.get('client')` for every route and the audit log.
 */
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import type { ClientAddressResolver, ResolvedClientAddress } from '../client-address/types.js';
import type { DoorEnv } from './context.js';

/** The socket peer as Node reports it, or undefined when there is no socket (app.request in tests). */
export function socketPeer(env: DoorEnv['Bindings'] | undefined): string | undefined {
  return env?.incoming?.socket?.remoteAddress;
}

/** This request's client address, from its socket peer and (through a trusted proxy) a header. */
export function clientAddressOf(
  c: Context<DoorEnv>,
  resolve: ClientAddressResolver,
): ResolvedClientAddress {
  return resolve({ peer: socketPeer(c.env), header: (name) => c.req.header(name) });
}

export function clientAddressMiddleware(resolve: ClientAddressResolver) {
  return createMiddleware<DoorEnv>(async (c, next) => {
    c.set('client', clientAddressOf(c, resolve));
    await next();
  });
}
