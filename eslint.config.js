import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';


// Architecture: shared (domain, api, lib, components) → features → app. Features do not import each
// other; the domain core stays pure (no React, no fetch, no app code). Enforced so it cannot rot.
const features = ['complaint', 'cases', 'session', 'adr'];
const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
const boundaries = [
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
];

export default tseslint.config(
  { ignores: ['dist', 'dist-demo', 'coverage', 'public/mockServiceWorker.js', 'src/api/openapi.d.ts', 'playwright-report', 'test-results', 'bench-results'] },
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
    files: ['e2e/**', 'scripts/**', '*.config.ts', 'mocks/**/*.test.ts', 'src/**/*.test.{ts,tsx}', 'test/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
);
