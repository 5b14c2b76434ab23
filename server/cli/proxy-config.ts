/**
 * `ipsafezone proxy-config nginx|apache …` (issue 24): prints a complete, commented reverse-proxy
 * configuration that puts ipsafezone's guard in front of Jira, Confluence or Bitbucket — generated,
 * so nobody hand-copies the forwarding headers or forgets a location. The break-glass list (who
 * reaches the product when ipsafezone cannot answer) is written from the enabled zones while
 * IPSafeZone is active, as CIDR blocks; so the output must be written again when they change.
 */
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { listZones } from '../store/zones.js';
import { getSettings } from '../store/settings.js';
import { parseRangeBounds } from '../zones/parse-range.js';
import { cidrCover } from '../zones/cidr-cover.js';
import { UsageError, type CliIo } from './io.js';
import { PRODUCT_NAMES, type Product, type ProxyConfigInput } from './proxy-config-input.js';
import { nginxConfig } from './proxy-config-nginx.js';
import { apacheConfig } from './proxy-config-apache.js';

export const PROXY_CONFIG_HELP = `Usage: ipsafezone proxy-config nginx|apache --product jira|confluence|bitbucket
         --server-name NAME --listen ADDR:PORT --upstream URL --backend URL
         [--proxy-bind ADDR] [--tls-cert FILE --tls-key FILE] [--fcgi HOST:PORT]

  Prints the reverse-proxy configuration that puts ipsafezone's guard in front of the product:
  from outside the safe zones a password alone never reaches it (docs/integration-atlassian.md,
  part C). nginx: include the output inside http { }. Apache: include it in the main configuration.

  --product      which product stands behind it (sets paths and words)
  --server-name  the public host name (e.g. jira.example.com)
  --listen       where the proxy listens (e.g. 0.0.0.0:443)
  --upstream     the product's own address (e.g. http://127.0.0.1:8080; no path); the proxy also
                 sends the OAuth 2.0 token endpoint to ipsafezone's relay, which needs the
                 same URL as IPSAFEZONE_GUARD_UPSTREAM
  --backend      ipsafezone's address (e.g. http://127.0.0.1:8090; no path)
  --proxy-bind   the address nginx reaches ipsafezone from (its one trusted proxy)
  --tls-cert, --tls-key  certificate and key files: listen with TLS
  --fcgi         Apache: where ipsafezone answers as a FastCGI authorizer
                 (IPSAFEZONE_FCGI_GUARD; default 127.0.0.1:9180)

  The addresses inside the enabled zones (while IPSafeZone is active) are written into the output
  for the break-glass rule: write it again whenever the zones or that setting change.`;

const PRODUCTS = Object.keys(PRODUCT_NAMES) as Product[];

export async function proxyConfigCommand(
  db: Database,
  _clock: Clock,
  io: CliIo,
  args: string[],
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      product: { type: 'string' },
      'server-name': { type: 'string' },
      listen: { type: 'string' },
      upstream: { type: 'string' },
      backend: { type: 'string' },
      'proxy-bind': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      fcgi: { type: 'string' },
    },
    allowPositionals: true,
  });
  const [kind] = positionals;
  if ((kind !== 'nginx' && kind !== 'apache') || positionals.length > 1) {
    throw new UsageError('name the proxy: nginx or apache', PROXY_CONFIG_HELP);
  }
  const product = values.product as Product;
  if (!PRODUCTS.includes(product)) {
    throw new UsageError(`--product must be one of ${PRODUCTS.join(', ')}`, PROXY_CONFIG_HELP);
  }
  const serverName = required(values['server-name'], '--server-name');
  if (!/^[A-Za-z0-9.-]+$/.test(serverName)) {
    throw new UsageError('--server-name must be a host name', PROXY_CONFIG_HELP);
  }
  const listen = required(values.listen, '--listen');
  if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+|\*):\d{1,5}$/.test(listen)) {
    throw new UsageError('--listen must be ADDR:PORT', PROXY_CONFIG_HELP);
  }
  const upstream = origin(required(values.upstream, '--upstream'), '--upstream');
  const backend = origin(required(values.backend, '--backend'), '--backend');
  const proxyBind = values['proxy-bind'] ?? null;
  if (proxyBind !== null && !/^[0-9a-fA-F:.]+$/.test(proxyBind)) {
    throw new UsageError('--proxy-bind must be an address', PROXY_CONFIG_HELP);
  }
  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if ((cert === undefined) !== (key === undefined)) {
    throw new UsageError('give --tls-cert and --tls-key together', PROXY_CONFIG_HELP);
  }
  for (const file of [cert, key]) {
    if (file !== undefined && !/^[^\s;"'{}#]+$/.test(file)) {
      throw new UsageError(`"${file}": a file name without spaces or quotes`, PROXY_CONFIG_HELP);
    }
  }
  const fcgi = values.fcgi ?? '127.0.0.1:9180';
  if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(fcgi)) {
    throw new UsageError('--fcgi must be HOST:PORT', PROXY_CONFIG_HELP);
  }
  const { insideBlocks, zonesNote } = await zoneBlocks(db);
  const input: ProxyConfigInput = {
    product,
    serverName,
    listen,
    upstream,
    backend,
    proxyBind,
    tls: cert && key ? { cert, key } : null,
    fcgi,
    insideBlocks,
    zonesNote,
  };
  const by = `ipsafezone proxy-config ${args.join(' ')}`;
  io.out(kind === 'nginx' ? nginxConfig(input, by) : apacheConfig(input, by));
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') {
    throw new UsageError(`${flag} is required`, PROXY_CONFIG_HELP);
  }
  return value.trim();
}

/** `http(s)://host[:port]`, without a path (the context path stays in the request). */
function origin(value: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} must be a URL like http://127.0.0.1:8080`, PROXY_CONFIG_HELP);
  }
  if (!/^https?:$/.test(url.protocol) || (url.pathname !== '/' && url.pathname !== '')) {
    throw new UsageError(`${flag} must be http(s)://host:port without a path`, PROXY_CONFIG_HELP);
  }
  if (url.search || url.hash || url.username) {
    throw new UsageError(`${flag} must be http(s)://host:port without a path`, PROXY_CONFIG_HELP);
  }
  return url.origin;
}

/** The enabled zones' ranges as CIDR blocks, while IPSafeZone is active. */
async function zoneBlocks(db: Database): Promise<{ insideBlocks: string[]; zonesNote: string }> {
  const settings = await getSettings(db);
  if (!settings.ipSafeZoneActive) {
    return { insideBlocks: [], zonesNote: 'IPSafeZone is not active: nobody is inside' };
  }
  const zones = (await listZones(db)).filter((z) => z.enabled);
  const blocks: string[] = [];
  for (const zone of zones) {
    for (const text of zone.ranges) {
      const r = parseRangeBounds(text, { force: zone.force });
      if (r.ok) blocks.push(...cidrCover(r.bounds));
    }
  }
  const names = zones.map((z) => z.name).join(', ');
  return {
    insideBlocks: [...new Set(blocks)],
    zonesNote: zones.length > 0 ? `from the zones ${names}` : 'no zone is enabled',
  };
}
