/**
 * The layering, checked in `npm test` (`npm run deps`): no import circles (type-only imports
 * included), the floors below (an import points to its own floor or a lower one, never up), the
 * pure core free of I/O, Hono only from the HTTP floor up. docs/architecture.md draws the same
 * picture. The widget and the admin page may import the server only type-only.
 */

/**
 * The floors, bottom to top: each is a list of path patterns (regular expressions over the path
 * from the repository root). `floors-point-down` below is generated from this table: a module on
 * floor i may not import a module on any floor above i — type-only imports included. A module
 * under server/ on no floor is an error of its own (`every-module-on-a-floor`).
 */
const FLOORS = [
  ['platform', ['^server/platform/']],
  [
    'core',
    [
      '^server/(zones|client-address|policy|core)/',
      '^server/factors/(facts|registry|proof)[.]ts$',
      '^server/factors/[^/]+/facts[.]ts$',
    ],
  ],
  ['config', ['^server/config/']],
  ['data', ['^server/(db|store)/']],
  [
    'services',
    [
      '^server/(domain|directories)/',
      '^server/factors/(?!(facts|registry|proof)[.]ts$)(?![^/]+/facts[.]ts$)',
      '^server/secsign/(?!embedded/)',
      '^server/oidc/(?!(routes|admin-routes)[.]ts$)',
      '^server/ops/',
    ],
  ],
  // providers.ts is the type every door receives: it names lower floors only, and the doors
  // import it, so it sits with the middleware.
  ['http', ['^server/http/', '^server/providers[.]ts$']],
  [
    'doors',
    [
      '^server/(login|admin-api|profile-api|ops-api|pages|cli)/',
      '^server/oidc/(routes|admin-routes)[.]ts$',
    ],
  ],
  ['app', ['^server/(app|main)[.]ts$']],
];

const either = (patterns) => patterns.map((p) => `(${p})`).join('|');
const ON_A_FLOOR = either(FLOORS.flatMap(([, paths]) => paths));

/** One rule per floor but the top: from this floor to any floor above it. */
const floorsPointDown = FLOORS.slice(0, -1).map(([name, paths], i) => ({
  name: 'floors-point-down',
  severity: 'error',
  comment: `The ${name} floor imports only its own floor and those below it (FLOORS in .dependency-cruiser.cjs).`,
  from: { path: either(paths) },
  to: { path: either(FLOORS.slice(i + 1).flatMap(([, above]) => above)) },
}));

const CORE = either(FLOORS[1][1]);
const BELOW_HTTP = either(FLOORS.slice(0, 5).flatMap(([, paths]) => paths));

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
    ...floorsPointDown,
    {
      name: 'every-module-on-a-floor',
      severity: 'error',
      comment: 'A module under server/ belongs to one floor of FLOORS; add its folder there.',
      from: { path: '^server/' },
      to: { path: '^server/', pathNot: `${ON_A_FLOOR}|^server/secsign/embedded/` },
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
      name: 'hono-from-http-up',
      severity: 'error',
      comment:
        'Below the HTTP floor nothing knows Hono (the embedded SecSign ID simulator is a Hono app of its own, bound for demo/).',
      from: { path: BELOW_HTTP, pathNot: '^server/secsign/embedded/' },
      to: { path: '^node_modules/(hono|@hono)/' },
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
