// `npm run test:cluster` (not part of `npm test`): 3 service instances (the built dist/ entry point)
// on a 3-node MariaDB Galera cluster behind HAProxy, sharing Redis at 127.0.0.1:6379. global-setup
// brings the cluster up (scripts/galera-up.sh, ≈40 s cold) and global-teardown down again. Needs
// `npm run build` first (the npm script does it), haproxy and Debian's galera-4. Files run one at a
// time: they share the cluster, and some kill parts of it.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/cluster'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/cluster/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/cluster/support/global-teardown.ts',
  testTimeout: 300000,
  maxWorkers: 1,
};
