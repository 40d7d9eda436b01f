/**
 * npm run test:reliability (issue 16): the heavier reliability runs that do not fit in `npm test` —
 * three app processes on one PostgreSQL (timers at scale, cross-instance conflicts, kill -9) and the
 * write-endpoint fuzzing with 1,000 bodies per route. .ci/run calls it after `npm test`.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/reliability/**/*.reliability.ts', '<rootDir>/test/integration/fuzz-write-endpoints.spec.ts'],
  maxWorkers: 1,
  testTimeout: 600000,
  // the child app processes' sockets (fetch keep-alive) may outlive the last test by a moment
  forceExit: true,
};
