// The integration and migration suites against MariaDB/MySQL. Each test file creates its own
// database on the server named by TEST_DATABASE_URL and drops it afterwards.
const base = require('./jest.config');

process.env.TEST_DATABASE_URL ??= 'mysql://root@127.0.0.1:3306/identity_test';

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/integration', '<rootDir>/test/mysql'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 2,
};
