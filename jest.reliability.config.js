// `npm run test:reliability`: faults, concurrency, soak (short), hostile input, tenant isolation and
// limits (test/reliability). On SQLite by default; with TEST_DATABASE_URL set, on that MySQL/MariaDB
// server (each file creates its own database). Files run one at a time: several of them measure
// timing or load the machine on purpose, and must not disturb each other.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/reliability'],
  testPathIgnorePatterns: ['/node_modules/'],
  setupFilesAfterEnv: ['<rootDir>/test/reliability/support/no-secrets-in-logs.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
