import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';


// Architecture, by path (so relative imports count too): domain ← api (the contract) ← core (the back office's
// rules) ← mocks | server; and for the portal: domain, api, lib, components ← features ← app. Features do not
// import each other; the domain core stays pure; the portal never imports the back office's core or the server.
const features = ['complaint', 'cases', 'session', 'adr', 'organisation'];
const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });
const layerZones = [
  zone('./src/domain', ['./src/api', './src/core', './src/lib', './src/components', './src/features', './src/app', './mocks', './server'], 'The domain core is pure: it imports nothing above it.'),
  zone('./src/api', ['./src/core', './src/components', './src/features', './src/app', './mocks', './server'], 'The contract depends only on the domain (and lib for the client).'),
  zone('./src/core', ['./src/lib', './src/components', './src/features', './src/app', './mocks', './server'], 'The back-office core knows nothing of the portal, MSW or the server.'),
  zone(['./src/lib', './src/components'], ['./src/core', './src/features', './src/app', './mocks', './server'], 'Shared code does not import features, the app or the back office.'),
  ...features.map((name) =>
    zone(`./src/features/${name}`, ['./src/features', './src/app', './src/core', './mocks', './server'], 'Features do not import each other, the app or the back office: compose them in src/app.', [`./${name}`]),
  ),
  zone('./src/app', ['./src/core', './mocks', './server'], 'The portal talks to the back office only through the API client.'),
  zone('./mocks', ['./server', './src/features', './src/app', './src/components'], 'The simulated back office is an adapter of the core.'),
  zone('./server', ['./mocks', './src/features', './src/app', './src/lib', './src/components'], 'The server is an adapter of the core.'),
];
const domainPurity = {
  files: ['src/domain/**'],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'react-*'], message: 'The domain core is pure TypeScript.' }] }] },
};

export default tseslint.config(
  { ignores: ['dist', 'dist-demo', 'data', 'coverage', 'public/mockServiceWorker.js', 'src/api/openapi.d.ts', 'playwright-report', 'test-results', 'bench-results', 'build'] },
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
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.app.json', 'tsconfig.node.json', 'tsconfig.server.json'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  // src/main.tsx starts the simulated back office in development and demo builds (dropped from production).
  { files: ['src/main.tsx'], rules: { 'import-x/no-restricted-paths': 'off' } },
  // Tests drive a layer through the layers beside it (the client against the simulated back office).
  { files: ['**/*.test.{ts,tsx}', 'test/**'], rules: { 'import-x/no-restricted-paths': 'off' } },
  // React's Node server builds keep an AsyncLocalStorage that leaves promise hooks on for the whole process once a page
  // renders (docs/decisions/0189-first-screen-context-off-between-renders.md): the server renders with the edge build.
  {
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react-dom/server', 'react-dom/static', 'react-dom/server.node', 'react-dom/static.node'].map((name) => ({
            name,
            message: "Use react-dom/static.edge (or server.edge): the Node build's AsyncLocalStorage slows every request after the first render (decision 0189).",
          })),
        },
      ],
    },
  },
  domainPurity,
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
    files: ['e2e/**', 'scripts/**', '*.config.ts', 'mocks/**/*.test.ts', 'src/**/*.test.{ts,tsx}', 'test/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
);
