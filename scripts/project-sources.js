// What a copy of the project needs to synthesize and run its tools, beside a shared node_modules: used
// by the tests' second checkout and by the benchmark's many-stacks project.
const PROJECT_SOURCES = Object.freeze([
  "main.ts",
  "cdktf.json",
  "package.json",
  "tsconfig.json",
  "scripts",
  "settings",
  "constructs",
  "config",
  "handlers",
  "plan-check",
]);

module.exports = { PROJECT_SOURCES };
