import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';


// Architecture: shared (domain, api, lib, components) → features → app. Features do not import each
// other; the domain core stays pure (no React, no fetch, no app code). Enforced so it cannot rot.
const features = ['complaint', 'cases', 'session', 'adr'];
// The portal and the core never import the server (src/ → server/ is one way); every rule for src/ carries it,
// because a later no-restricted-imports entry replaces an earlier one for the same file.
const noServer = { regex: '^(\\.\\./)+server(/|$)', message: 'src/ does not import the server: the server imports src/core.' };
const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: files.every((f) => f.startsWith('src/')) ? [...patterns, noServer] : patterns }] },
});
const boundaries = [
  restrict(['src/**'], []),
  ...features.map((name) =>
    restrict([`src/features/${name}/**`], [
      { group: ['@/features/*', `!@/features/${name}`, `!@/features/${name}/**`], message: 'Features do not import each other: compose them in src/app.' },
      { group: ['@/app/*', '@/app/**'], message: 'Features do not import the app layer.' },
    ]),
  ),
  restrict(['src/api/**', 'src/lib/**', 'src/components/**'], [
    { group: ['@/features/*', '@/features/**', '@/app/*', '@/app/**'], message: 'Shared code does not import features or the app.' },
  ]),
  restrict(['src/domain/**'], [
    { group: ['@/features/**', '@/app/**', '@/lib/**', '@/components/**', '@mocks/**', 'react', 'react-dom', 'react-*'], message: 'The domain core is pure TypeScript.' },
  ]),
  // The server is an adapter of the core: it never reaches into the simulated back office or the portal's UI.
  restrict(['server/**'], [
    { group: ['@mocks/*', '@mocks/**'], message: 'The server does not import the simulated back office (mocks/).' },
    { regex: '^(\\.\\./)+mocks(/|$)', message: 'The server does not import the simulated back office (mocks/).' },
    { group: ['@/features/*', '@/features/**', '@/app/*', '@/app/**'], message: 'The server does not import the portal’s features or app.' },
    { regex: '^(\\.\\./)+src/(features|app)(/|$)', message: 'The server does not import the portal’s features or app.' },
  ]),
];

export default tseslint.config(
  { ignores: ['dist', 'dist-demo', 'data', 'coverage', 'public/mockServiceWorker.js', 'src/api/openapi.d.ts', 'playwright-report', 'test-results', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/require-await': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  ...boundaries,
  {
    files: ['server/**'],
    // Node, not the browser: `window` or `document` in the server is a mistake.
    languageOptions: { globals: { ...Object.fromEntries(Object.keys(globals.browser).map((name) => [name, 'off'])), ...globals.node } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['server/**/*.test.ts', 'server/test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['e2e/**', 'scripts/**', '*.config.ts', 'mocks/**/*.test.ts', 'src/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
);
