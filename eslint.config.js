// One lint over the whole workspace: typescript-eslint with type information, so floating
// promises and misused async code are caught (they lose errors silently in a server).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      'server/src/generated/**',
      '.tools/**',
      '.data/**',
      'scripts/**/*.mjs',
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Fastify's idiom is an async handler that returns its value; there is nothing to await in many.
      '@typescript-eslint/require-await': 'off',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through env.ts (parseEnv), once at start.' },
      ],
    },
  },
  {
    // Where settings are read: env.ts, the test harness that sets them per run, and dev scripts.
    files: [
      'server/src/env.ts',
      'kiosk/src/main/config.ts',
      '**/*.test.ts',
      'server/src/test/**',
      'vitest.config.ts',
      '**/global-setup.ts',
      'scripts/**',
      'e2e/src/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
