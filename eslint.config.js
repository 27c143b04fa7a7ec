import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'dist-demo', 'coverage', 'public/mockServiceWorker.js', 'src/api/openapi.d.ts', 'playwright-report', 'test-results', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/require-await': 'off',
      'react-hooks/set-state-in-effect': 'off',
      // Architecture: shared → features → app. Features do not import each other; the domain stays pure.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/features/complaint', from: './src/features', except: ['./complaint'] },
            { target: './src/features/cases', from: './src/features', except: ['./cases'] },
            { target: './src/features/session', from: './src/features', except: ['./session'] },
            { target: './src/features/adr', from: './src/features', except: ['./adr'] },
            { target: './src/features', from: './src/app' },
            { target: ['./src/domain', './src/api', './src/lib', './src/components'], from: ['./src/features', './src/app'] },
            { target: './src/domain', from: ['./src/lib', './src/components', './mocks'] },
            { target: './src', from: './mocks', except: [] },
          ],
        },
      ],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ['src/main.tsx', 'src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: { 'import-x/no-restricted-paths': 'off' },
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
