// Browser tests of the admin console: Debian's Chromium driven by playwright-core against the built
// service (dist/, with the console in dist/console) on a temporary SQLite database. `npm run test:e2e`
// builds first; globalSetup checks the build is there.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/e2e'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/e2e/support/check-build.ts',
  testTimeout: 60000,
  maxWorkers: 1,
};
