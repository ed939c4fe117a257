// Layer rules from DESIGN.md: dependencies point inward (scim → graphql → domain ← persistence).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

const frameworks = ['typeorm', 'type-graphql', 'graphql', 'express', '@apollo/*', 'mysql2', 'better-sqlite3'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      '*.config.js',
      'bench/results/**',
      'console/src/gql/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/config.ts only.',
        },
      ],
    },
  },
  // The admin console (a browser app): hooks rules; it reaches the service through GraphQL only.
  {
    files: ['console/**/*.{ts,tsx,mts}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['console/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/../src/**', 'node:*'],
              message: 'The console is a client: GraphQL only, no server code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'scripts/**', 'bench/**', 'ormconfig.ts', 'jest*.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworks, message: 'domain/ is framework-free.' },
            {
              group: ['**/persistence/**', '**/graphql/**', '**/scim/**', '**/http/**'],
              message: 'domain/ imports nothing from outer layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/graphql/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/persistence/**', 'typeorm', '**/scim/**'],
              message: 'graphql/ calls domain services, never persistence.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/scim/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/persistence/**', '**/domain/**', 'typeorm', 'mysql2', 'better-sqlite3'],
              message: 'scim/ speaks GraphQL only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/scim/protocol/**', 'src/scim/v1/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'express',
                'node:*',
                'fs',
                'http',
                '**/graphql/**',
                '**/domain/**',
                '**/persistence/**',
              ],
              message: 'scim/protocol is pure.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/persistence/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/graphql/**', '**/scim/**', 'type-graphql', 'express'],
              message: 'persistence/ implements domain ports only.',
            },
          ],
        },
      ],
    },
  },
);
