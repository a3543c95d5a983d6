// Lint config for the whole monorepo (ESLint flat config + typescript-eslint).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/.data/**',
      '**/dist/**',
      '**/generated/**',
      'apps/web/next-env.d.ts',
      'bench/scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports (default only where a framework demands it).',
        },
      ],
    },
  },
  {
    // Frameworks that require default exports: Next.js pages/layouts, config files.
    files: [
      'apps/web/src/app/**/*.tsx',
      '**/*.config.{ts,mjs,js}',
      'codegen.ts',
      'drizzle.config.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Resolvers and the web app must not reach into the database layer directly.
    files: ['apps/server/src/graphql/**/*.ts', 'apps/web/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', '@parley/db', '@parley/db/*'],
              message: 'Resolvers and the web app go through @parley/core, never the database.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app talks GraphQL only: of the workspace packages it may import
    // the pure phone rule (shared with the server's filter), nothing else.
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*', '@parley/*', '!@parley/phone'],
              message: 'The web app talks GraphQL only; of our packages it imports @parley/phone.',
            },
          ],
        },
      ],
    },
  },
  {
    // In tests a `!` is an assertion: a null there fails the test loudly.
    files: ['**/*.test.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
);
