/**
 * The layering, checked in `npm test` (`npm run deps`): no import circles (type-only imports
 * included), the pure core imports nothing from the HTTP, database or store layers nor Hono or
 * libSQL, and nothing points up a layer. docs/architecture.md draws the same picture.
 *
 * Layers, bottom to top: core (zones, client-address, policy, auth/factors, auth/identifiers) →
 * store → domain and auth (the seams) → http → doors (login, admin-api, profile-api, pages, oidc)
 * → app. The widget and the admin page may import the server only type-only.
 */
const CORE = '^server/(zones|client-address|policy)/|^server/auth/(factors|identifiers)[.]ts$';
const DOORS = '^server/(login|admin-api|profile-api|pages|oidc|cli)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import circles make the layers meaningless and break start-up order.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-core',
      severity: 'error',
      comment:
        'The zone engine, the client address and the policy are pure: strings in, decisions out.',
      from: { path: CORE },
      to: {
        // The ground floor's errors (ConfigError) are plain classes without I/O.
        pathNot: `${CORE}|^server/platform/errors[.]ts$`,
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'pure-core-no-node-io',
      severity: 'error',
      from: { path: CORE },
      to: { dependencyTypes: ['core'], path: '^(http|https|net|fs|fs/promises|child_process)$' },
    },
    {
      name: 'store-is-sql-only',
      severity: 'error',
      comment: 'server/store: SQL in, plain objects out; no rules, no HTTP.',
      from: { path: '^server/store/' },
      to: {
        path: `^server/(domain|http|auth/(?!factors|identifiers))|${DOORS}|^node_modules/hono/`,
      },
    },
    {
      name: 'domain-not-up',
      severity: 'error',
      comment: 'Domain rules know nothing of HTTP or the doors.',
      from: { path: '^server/domain/' },
      to: { path: `^server/http/|${DOORS}|^node_modules/hono/` },
    },
    {
      name: 'seams-not-up',
      severity: 'error',
      comment: 'The factor and directory seams know nothing of HTTP or the doors.',
      // (The embedded SecSign ID simulator is a Hono app of its own, bound for demo/.)
      from: {
        path: '^server/(auth|directories|secsign|platform)/',
        pathNot: '^server/secsign/embedded/',
      },
      to: { path: `^server/http/|${DOORS}|^node_modules/hono/` },
    },
    {
      name: 'http-not-doors',
      severity: 'error',
      comment: 'Shared middleware does not import the routes that use it.',
      from: { path: '^server/http/' },
      to: { path: DOORS },
    },
    {
      name: 'server-not-demo',
      severity: 'error',
      comment: 'The server never imports the demo; main.ts loads it dynamically in demo mode only.',
      from: { path: '^server/', pathNot: '^server/main[.]ts$' },
      to: { path: '^demo/' },
    },
    {
      name: 'clients-import-server-types-only',
      severity: 'error',
      comment:
        "The widget and the admin page take the server's types, never its code — except the pure zone engine, which the admin page runs for live range checks.",
      from: { path: '^(widget|admin)/' },
      to: { path: '^server/', pathNot: '^server/zones/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
