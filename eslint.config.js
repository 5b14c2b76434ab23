// Lint rules for the whole repository: typescript-eslint for every .ts file, plus the Lit and
// web-components rules for the browser code. Formatting is Prettier's job (`npm run lint` runs both).
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

/**
 * Hono's `c.var` builds a new object of every context variable on each access (`Object.fromEntries`);
 * on forward-auth's path that cost /api/verify ~8 % of its CPU. `c.get('name')` reads one. Listed in
 * every `no-restricted-syntax` of server/ files: a later block's options replace an earlier one's.
 */
const NO_C_VAR = {
  selector: "MemberExpression[object.name='c'][property.name='var']",
  message: "Use c.get('name'): c.var copies every context variable on each access.",
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'build/**',
      'data/**',
      'coverage/**',
      'tmp/**',
      'custom-elements.json',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true } },
  },
  {
    // Plain JavaScript configuration files are outside the TypeScript project.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // Its autofix removed `!` that tsc (noUncheckedIndexedAccess) needs: not trusted here.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // @open-wc/semantic-dom-diff types every chai `equal` as returning a promise (for its DOM
          // comparison); a plain `expect(x).to.equal(y)` is synchronous.
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'it', 'describe', 'suite'], package: 'node:test' },
            { from: 'package', name: 'Equal', package: '@open-wc/semantic-dom-diff' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_C_VAR] },
  },
  {
    // Tests read JSON answers loosely; the assertions are the type check.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/require-await': 'off',
      // Async request handlers given to node:http in test servers.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
    },
  },
  {
    files: ['widget/**/*.ts', 'admin/**/*.ts', 'test/widget/**/*.ts', 'test/admin/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['widget/**/*.ts', 'admin/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    // Lit calls `@event=${this.handleX}` listeners with `this` set to the element itself.
    files: ['widget/**/*.ts', 'admin/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Stores and the database layer keep no module state (issue 25 §2): what lives between calls
    // belongs to an app or a database handle, so two apps in one process never share it. A lookup
    // table typed `ReadonlySet`/`ReadonlyMap` is a constant, not state.
    files: ['server/store/**/*.ts', 'server/db/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        NO_C_VAR,
        {
          selector:
            ':matches(Program, Program > ExportNamedDeclaration) > VariableDeclaration[kind=/^(let|var)$/]',
          message:
            'No module state in server/store or server/db: keep it in an object an app or a database handle owns.',
        },
        {
          selector:
            ':matches(Program, Program > ExportNamedDeclaration) > VariableDeclaration > VariableDeclarator:not([id.typeAnnotation.typeAnnotation.typeName.name=/^Readonly(Set|Map)$/]) > NewExpression.init[callee.name=/^(Map|Set|WeakMap|WeakSet|Array)$/]',
          message:
            'No module state in server/store or server/db: a module-level Map/Set is shared by every app in the process. Keep it in an object an app or a database handle owns (a constant lookup table: type it ReadonlySet/ReadonlyMap).',
        },
      ],
    },
  },
);
