// Tests are transpiled by esbuild, without type checking: `tsc --noEmit` does that once, in `npm test`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": "<rootDir>/__tests__/support/esbuild-transform.js",
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup-matchers.ts"],
  globalSetup: "<rootDir>/__tests__/support/global-setup.js",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.js",
  cacheDirectory: "<rootDir>/.cache/jest",
};
