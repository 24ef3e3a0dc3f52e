/**
 * `npm run images:test`: the container image test alone, after `npm run images:build`. It shares
 * the integration tests' setup (a migrated test database on PostgreSQL) and is left out of
 * `npm test`, which neither builds images nor needs buildah.
 */
const { projects, testTimeout } = require('./jest.config.js');

const integration = projects.find((project) => project.displayName === 'integration');

/** @type {import('jest').Config} */
module.exports = {
  testTimeout,
  projects: [
    {
      ...integration,
      displayName: 'images',
      testMatch: ['<rootDir>/test/images/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};
