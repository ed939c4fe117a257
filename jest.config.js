// Unit, integration and contract suites on SQLite. Tests are transpiled by swc (no type check:
// `npm run typecheck` does that once) so the suite stays fast on a 2-core machine.
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/mysql holds what only a server database can show (outages); the MariaDB config runs it.
  // test/reliability is `npm run test:reliability` (heavy: processes, load, fuzzing), except its
  // fast limits/ folder, which runs here too. test/cluster is `npm run test:cluster` (Galera +
  // HAProxy); test/e2e is `npm run test:e2e` (the console in a browser).
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/mysql/',
    '<rootDir>/test/cluster/',
    '<rootDir>/test/e2e/',
    '<rootDir>/test/reliability/(?!limits/)',
  ],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  setupFiles: ['reflect-metadata'],
  // Process tests spawn the tsc-built entry points: build dist/ once per run (a no-op when fresh).
  globalSetup: '<rootDir>/test/fixtures/build-dist.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
