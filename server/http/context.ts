/**
 * The Hono environment every route shares: the Node bindings (socket peer) and the per-request
 * variables the middleware sets — above all the resolved client address, which every decision uses.
 */
import type { HttpBindings } from '@hono/node-server';
import type { ResolvedClientAddress } from '../client-address/types.js';

export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    /** The client address for this request, resolved once by `clientAddressMiddleware`. */
    client: ResolvedClientAddress;
  };
}
