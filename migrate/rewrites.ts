// What moving to CDK Terrain changes in a file: package names and versions in package.json, module
// specifiers in code (deep ones included), CLI commands in code and docs. Nothing else: cdktf.json, the
// output folder (cdktf.out), stack names, state, tags (ManagedBy: "cdktf") and the cdktf-cli name that
// scripts/cdktf-cli.js looks for (it runs cdktn-cli first) stay as they are.

/** The packages renamed, and the versions CDK Terrain 0.24 is tested with (npm view cdktn versions). */
export const RENAMED: Readonly<Record<string, { readonly name: string; readonly version: string }>> = {
  cdktf: { name: "cdktn", version: "0.24.0" },
  "cdktf-cli": { name: "cdktn-cli", version: "0.24.0" },
  "@cdktf/provider-aws": { name: "@cdktn/provider-aws", version: "25.7.0" },
  "@cdktf/provider-archive": { name: "@cdktn/provider-archive", version: "14.0.1" },
};
/** cdktn 0.24 accepts constructs >=10.6.0 <10.8.0. */
export const CONSTRUCTS = "10.6.0";
/** The AWS provider each provider package pins: what the docs say the stacks pin. */
export const AWS_PROVIDER = { from: "6.25.0", to: "6.66.0" } as const;
/** cdktn-cli's engines. */
export const NODE = ">=22.19";
/** cdktn-cli has no native module: this install script no longer exists. */
const GONE_SCRIPTS = ["@cdktf/node-pty-prebuilt-multiarch"];

const SECTIONS = ["dependencies", "devDependencies", "optionalDependencies"] as const;

type PackageJson = Record<string, unknown> & {
  [K in (typeof SECTIONS)[number]]?: Record<string, string>;
} & { allowScripts?: Record<string, unknown>; engines?: Record<string, string> };

const sorted = (deps: Record<string, string>) =>
  Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));

/**
 * package.json on CDK Terrain: the renamed packages at their versions, constructs 10.6, cdktn-cli a plain
 * development dependency (the optional one was for cdktf-cli's native module), engines at cdktn-cli's.
 */
export function rewritePackageJson(text: string): string {
  const pkg = JSON.parse(text) as PackageJson;
  const moved: Record<string, Record<string, string>> = {};
  for (const section of SECTIONS) {
    const deps = pkg[section];
    if (deps === undefined) continue;
    const out: Record<string, string> = {};
    for (const [name, version] of Object.entries(deps)) {
      const to = RENAMED[name];
      const target = name === "cdktf-cli" ? "devDependencies" : section;
      const [newName, newVersion] = to ? [to.name, to.version] : [name, name === "constructs" ? CONSTRUCTS : version];
      if (target === section) out[newName] = newVersion;
      else moved[target] = { ...moved[target], [newName]: newVersion };
    }
    pkg[section] = out;
  }
  for (const [section, deps] of Object.entries(moved)) {
    pkg[section as (typeof SECTIONS)[number]] = { ...pkg[section as (typeof SECTIONS)[number]], ...deps };
  }
  for (const section of SECTIONS) {
    const deps = pkg[section];
    if (deps === undefined) continue;
    if (Object.keys(deps).length === 0) delete pkg[section];
    else pkg[section] = sorted(deps);
  }
  if (pkg.engines?.node !== undefined) pkg.engines = { ...pkg.engines, node: NODE };
  if (pkg.allowScripts) {
    for (const name of GONE_SCRIPTS) delete pkg.allowScripts[name];
  }
  if (typeof pkg.scripts === "object" && pkg.scripts !== null) {
    pkg.scripts = Object.fromEntries(
      Object.entries(pkg.scripts as Record<string, string>).map(([k, v]) => [k, rewriteCommands(v)]),
    );
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

// The CLI's commands, as code and docs write them (`npx cdktf diff`, `cdktf deploy books-dev`).
const COMMANDS = /\bcdktf(?= (?:synth|diff|deploy|destroy|output|get|list|watch|init|provider|debug|convert)\b)/g;

export function rewriteCommands(text: string): string {
  return text.replace(COMMANDS, "cdktn");
}

// A module specifier of a renamed package, deep paths included, in import, export, require and
// dynamic import: `from "@cdktf/provider-aws/lib/sqs-queue"`, `import "cdktf/lib/testing/adapters/jest"`.
const SPECIFIER =
  /(\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*|\bjest\.mock\(\s*)(["'])(cdktf|@cdktf\/provider-aws|@cdktf\/provider-archive)(\/[^"']*)?\2/g;

/** Code on CDK Terrain: its imports and the CLI commands it runs. */
export function rewriteSource(text: string): string {
  const imports = text.replace(
    SPECIFIER,
    (_, lead: string, quote: string, name: string, deep = "") => `${lead}${quote}${RENAMED[name].name}${deep}${quote}`,
  );
  return rewriteCommands(imports);
}

/** Docs on CDK Terrain: the commands they tell the reader to run, the packages and the AWS provider they name. */
export function rewriteDoc(text: string): string {
  return rewriteCommands(text)
    .replace(/@cdktf\/provider-(aws|archive)\b/g, "@cdktn/provider-$1")
    .replace(
      new RegExp(`(pinned\\s+provider\\s+\\()${AWS_PROVIDER.from.replace(/\./g, "\\.")}\\)`, "g"),
      `$1${AWS_PROVIDER.to})`,
    );
}

/** The rewrite for a file, by its path in the project; undefined: left as it is. */
export function rewriteFor(file: string): ((text: string) => string) | undefined {
  // The migration and its tests hold the old names as data; cdktf.json stays (cdktn reads it).
  if (file.startsWith("migrate/") || /(^|\/)__tests__\/(.*\/)?migrate/.test(file)) return undefined;
  if (file === "package.json") return rewritePackageJson;
  if (/\.(ts|js|mjs|cjs)$/.test(file)) return rewriteSource;
  if (/\.md$/.test(file) || file === "help") return rewriteDoc;
  return undefined;
}
