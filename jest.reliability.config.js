// `npm run test:reliability`: faults, concurrency, hostile input, tenant isolation, Redis rate limits
// (test/reliability; the fast, database-independent limits/ folder runs in `npm test` instead). On
// SQLite by default; with TEST_DATABASE_URL set, on that MySQL/MariaDB server (each file creates its
// own database). Needs Redis at 127.0.0.1:6379. Files run one at a time: several measure timing or
// load the machine on purpose and must not disturb each other. Every file's log lines are checked
// for secrets afterwards (support/no-secrets-in-logs.ts).
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/reliability'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/reliability/limits/'],
  setupFilesAfterEnv: ['<rootDir>/test/reliability/support/no-secrets-in-logs.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
