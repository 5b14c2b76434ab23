// Lint rules for the whole repository: typescript-eslint for every .ts file, plus the Lit and
// web-components rules for the browser code. Formatting is Prettier's job (`npm run lint` runs both).
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'build/**',
      'data/**',
      'coverage/**',
      'custom-elements.json',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read JSON answers loosely; the assertions are the type check.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['widget/**/*.ts', 'admin/**/*.ts', 'test/widget/**/*.ts', 'test/admin/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['widget/**/*.ts', 'admin/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
);
