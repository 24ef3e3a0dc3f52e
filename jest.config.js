/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
      // Rewrites @conveyor/* imports to relative paths, also in global setup, where jest's
      // moduleNameMapper does not apply.
      baseUrl: __dirname,
      paths: { '@conveyor/*': ['libs/*/src/index.ts'] },
    },
    module: { type: 'commonjs' },
  },
];

// Both projects share one global setup (it starts its resources once per run, however many
// projects call it), and every test file works on its own copy of the migrated database: the
// handler specs beside the code need it as much as the tests under test/.
const shared = {
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@conveyor/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/file-database.setup.ts'],
};

module.exports = {
  // End-to-end tests start processes and wait on queues; every wait has its own deadline.
  testTimeout: 120_000,
  // One test file at a time (they share the emulators and start their own processes), in a worker
  // process rather than in jest's own, which hosts the Stripe emulator: a file's busy moments no
  // longer stall the emulator, and the worker is replaced once it holds more than 1 GB after a
  // file (in band, jest's process passed 2 GB within the unit tests alone; each infra/cdk file
  // loads aws-cdk-lib afresh). It is no faster: the full suite took 1,808 and 1,897 s here, in
  // band 1,915 s.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1G',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools,infra}/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      // Needs the images built first: `npm run images:test` runs it (jest.images.config.js).
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/images/'],
    },
  ],
};
