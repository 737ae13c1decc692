// Tests are transpiled by esbuild, without type checking: `tsc --noEmit` does that once, in `npm test`.
// Two projects: "unit" needs nothing but Node; "e2e" runs against AWS's DynamoDB Local, started once
// per test run by its global set-up.
const shared = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": "<rootDir>/__tests__/support/esbuild-transform.js" },
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup-matchers.ts"],
  cacheDirectory: "<rootDir>/.cache/jest",
};

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: "<rootDir>/__tests__/support/global-setup.js",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.js",
  testTimeout: 60000,
  // Jest's default on 2 cores is one worker; many tests wait on child processes, so two finish sooner.
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: "unit",
      testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/__tests__/e2e/"],
    },
    {
      ...shared,
      displayName: "e2e",
      testMatch: ["<rootDir>/__tests__/e2e/**/*.test.ts"],
      globalSetup: "<rootDir>/__tests__/e2e/support/start-dynamodb-local.js",
      globalTeardown: "<rootDir>/__tests__/e2e/support/stop-dynamodb-local.js",
    },
  ],
};
