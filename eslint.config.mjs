import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Arrows point down (ARCHITECTURE.md, "Dependencies"): test, bench → libs/testing → libs/runtime →
// apps/api, apps/worker → libs/reporting, libs/demo → domain libs → libs/core. Everything goes
// through a package's index (`@app/<name>`), never into its files.
const DOMAIN_LIBS = ['partners', 'assets', 'brand', 'links', 'contacts', 'mailing', 'nurture', 'campaigns', 'deals', 'mdf'];
const appAlias = (names) => names.map((name) => `@app/${name}`);
const deepImports = [
  { regex: '^@app/[^/]+/', message: 'Import another app or lib through its index (@app/<name>), not its files.' },
  { group: ['../../*/src', '../../*/src/*', '../../../*', '**/libs/*/src', '**/libs/*/src/*', '**/apps/*/src', '**/apps/*/src/*'], message: 'Import other apps and libs through @app/* aliases.' },
];
/** `no-restricted-imports` for files that must not import `forbidden` (aliases); deep imports are refused everywhere. */
const restrict = (forbidden, message) => ({
  'no-restricted-imports': ['error', { patterns: [...deepImports, ...(forbidden.length > 0 ? [{ group: forbidden, message }] : [])] }],
});
const layers = [
  { files: ['libs/core/**/*.ts'], forbidden: ['@app/*', '!@app/core'], message: 'libs/core imports no other lib or app: the shared piece belongs in core, or an event decouples them.' },
  {
    files: DOMAIN_LIBS.map((lib) => `libs/${lib}/**/*.ts`),
    forbidden: appAlias(['reporting', 'demo', 'testing', 'runtime', 'api', 'worker']),
    message: 'A domain lib imports only core and other domain libs (reporting, demo, testing, runtime and the apps sit above it).',
  },
  { files: ['libs/reporting/**/*.ts', 'libs/demo/**/*.ts'], forbidden: appAlias(['testing', 'runtime', 'api', 'worker']), message: 'Reporting and demo sit below the apps, runtime and testing.' },
  { files: ['apps/api/**/*.ts'], forbidden: appAlias(['worker', 'runtime', 'testing']), message: 'The api imports libs only: runtime composes it with the worker.' },
  { files: ['apps/worker/**/*.ts'], forbidden: appAlias(['api', 'runtime', 'testing']), message: 'The worker imports libs only: runtime composes it with the api.' },
  { files: ['libs/runtime/**/*.ts'], forbidden: appAlias(['testing']), message: 'Runtime boots the apps; the test harness sits above it.' },
  { files: ['libs/testing/**/*.ts'], forbidden: appAlias(['api', 'worker']), message: 'The test harness boots the app through @app/runtime and imports no app.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'artifacts/**', 'apps/portal/dist/**', 'apps/portal/src/api/schema.d.ts'] },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: { eqeqeq: ['error', 'always'] },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      ...restrict([], ''),
    },
  },
  ...layers.map(({ files, forbidden, message }) => ({ files, rules: restrict(forbidden, message) })),
  {
    // The portal runs in the browser (its own tsconfig: DOM, JSX).
    files: ['apps/portal/**/*.ts', 'apps/portal/**/*.tsx', 'apps/portal/**/*.mts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // JSX handlers may return promises the component handles itself (void-returning attributes are fine).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // The portal talks to the api over HTTP; core's permissions table (it imports nothing) is the one file it shares.
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@app/(?!core/auth/permissions$)', message: 'The portal imports no app or lib but core/auth/permissions.' }, ...deepImports.slice(1)] },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
