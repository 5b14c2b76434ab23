/**
 * Resolves the client address once per request, from the socket peer and (only through a trusted
 * proxy) one forwarding header, and stores it as `c.var.client` for every route and the audit log.
 */
import { createMiddleware } from 'hono/factory';
import type { ClientAddressResolver } from '../client-address/types.js';
import type { AppEnv } from './context.js';

/** The socket peer as Node reports it, or undefined when there is no socket (app.request in tests). */
export function socketPeer(env: AppEnv['Bindings'] | undefined): string | undefined {
  return env?.incoming?.socket?.remoteAddress;
}

export function clientAddressMiddleware(resolve: ClientAddressResolver) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('client', resolve({ peer: socketPeer(c.env), header: (name) => c.req.header(name) }));
    await next();
  });
}
