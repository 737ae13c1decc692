import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import {
  guardStackFolders,
  localStatePath,
  StateGuardError,
  stateFolder,
  stateHeldIn,
  strayStateFiles,
} from "../../settings/local-state";
import { snapshot } from "../support/file-tree";
import { tempDir } from "../support/stack";
import { thrown } from "../support/thrown";

// The module object itself (an import * is a frozen copy of it), so that rename can be made to fail.
const nodeFs: typeof import("node:fs") = require("node:fs");

const STATE = '{"version":4,"resources":[{"type":"aws_dynamodb_table","name":"table"}]}\n';

/** A project folder with an output folder holding `stacks`, each with the files given. */
function project(stacks: Record<string, Record<string, string>>): { root: string; outdir: string } {
  const root = tempDir("local-state-");
  const outdir = path.join(root, "cdktf.out");
  for (const [stack, files] of Object.entries(stacks)) {
    for (const [file, text] of Object.entries(files)) {
      const full = path.join(outdir, "stacks", stack, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }
  return { root, outdir };
}

const initialized = (type: string, config: Record<string, string>) =>
  JSON.stringify({ version: 3, backend: { type, config, hash: 1 } });

describe("the local state path", () => {
  test("resolves from a stack's folder to state/ beside the output folder", () => {
    const { outdir } = project({});
    const stackDir = path.join(outdir, "stacks", "books-dev");
    expect(path.resolve(stackDir, localStatePath("books-dev"))).toBe(
      path.join(stateFolder(outdir), "books-dev.tfstate"),
    );
    expect(stateFolder(outdir)).toBe(path.join(path.dirname(outdir), "state"));
  });
});

describe("what a stack folder holds", () => {
  test("state files, their backups, errored state, workspaces and an initialized .terraform/ count", () => {
    const { outdir } = project({
      "books-dev": {
        "cdk.tf.json": "{}",
        "terraform.books-dev.tfstate": STATE,
        "terraform.books-dev.tfstate.backup": STATE,
        "errored.tfstate": STATE,
        "terraform.tfstate.d/blue/terraform.tfstate": STATE,
        ".terraform/terraform.tfstate": initialized("s3", { bucket: "acme-state", key: "p/books-dev.tfstate" }),
      },
    });
    expect(stateHeldIn(path.join(outdir, "stacks", "books-dev"))).toEqual([
      "errored.tfstate",
      "terraform.books-dev.tfstate",
      "terraform.books-dev.tfstate.backup",
      "terraform.tfstate.d/",
      ".terraform/terraform.tfstate (s3://acme-state/p/books-dev.tfstate)",
    ]);
  });

  test("synthesized files, assets and downloaded providers do not", () => {
    const { outdir } = project({
      "books-dev": { "cdk.tf.json": "{}", "assets/x/index.js": "", ".terraform/providers/aws": "" },
    });
    expect(stateHeldIn(path.join(outdir, "stacks", "books-dev"))).toEqual([]);
  });
});

describe("a synth's guard over the folders it would remove", () => {
  test("refuses a folder of a stack no longer synthesized that holds state, naming it, and changes nothing", () => {
    const { root, outdir } = project({
      "books-dev": { "cdk.tf.json": "{}", ".terraform/terraform.tfstate": initialized("local", { path: "x" }) },
      "books2-dev": { "cdk.tf.json": "{}" },
    });
    const before = snapshot(root);
    const error = thrown(() => guardStackFolders(outdir, ["books2-dev"]), StateGuardError);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain("books-dev/ holds Terraform state of stack books-dev (.terraform/");
    expect(error.problems[0]).toContain("which the app no longer synthesizes; not removing it");
    expect(error.problems[0]).toContain("terraform init && terraform destroy");
    expect(error.problems[0]).toContain("docs/changing-live-triggers.md");
    expect(error.problems[0]).toMatch(/nothing was written$/);
    expect(snapshot(root)).toEqual(before);
  });

  test("lets a folder without state go, and keeps quiet", () => {
    const { outdir } = project({ "books-dev": { "cdk.tf.json": "{}", ".terraform/providers/aws": "" } });
    expect(guardStackFolders(outdir, ["books2-dev"])).toEqual([]);
  });
});

describe("state an earlier version left in a stack's folder", () => {
  const former = {
    "cdk.tf.json": "{}",
    "terraform.books-dev.tfstate": STATE,
    "terraform.books-dev.tfstate.backup": "backup\n",
    ".terraform/terraform.tfstate": initialized("local", { path: "terraform.books-dev.tfstate" }),
  };

  test("moves to the state folder once, with a line saying so", () => {
    const { outdir } = project({ "books-dev": former });
    const notes = guardStackFolders(outdir, ["books-dev"]);
    const moved = path.join(stateFolder(outdir), "books-dev.tfstate");
    expect(readFileSync(moved, "utf8")).toBe(STATE);
    expect(readFileSync(`${moved}.backup`, "utf8")).toBe("backup\n");
    expect(existsSync(path.join(outdir, "stacks", "books-dev", "terraform.books-dev.tfstate"))).toBe(false);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^state: moved .*terraform\.books-dev\.tfstate to .*state\/books-dev\.tfstate: /);
    expect(guardStackFolders(outdir, ["books-dev"])).toEqual([]);
  });

  test("is found by the stack's initialized .terraform/, which now records the new path", () => {
    const { outdir } = project({ "books-dev": former });
    guardStackFolders(outdir, ["books-dev"]);
    const file = path.join(outdir, "stacks", "books-dev", ".terraform", "terraform.tfstate");
    expect(JSON.parse(readFileSync(file, "utf8")).backend).toEqual({
      type: "local",
      config: { path: localStatePath("books-dev") },
      hash: 1,
    });
  });

  test("is not moved over state already in the state folder: both are named and nothing changes", () => {
    const { root, outdir } = project({ "books-dev": former });
    mkdirSync(stateFolder(outdir));
    writeFileSync(path.join(stateFolder(outdir), "books-dev.tfstate"), "newer\n");
    const before = snapshot(root);
    const error = thrown(() => guardStackFolders(outdir, ["books-dev"]), StateGuardError);
    expect(error.problems[0]).toMatch(/terraform\.books-dev\.tfstate and .*state\/books-dev\.tfstate both hold state/);
    expect(snapshot(root)).toEqual(before);
  });

  test("moves to a state folder on another file system (a link to another disk: rename says EXDEV) by copying", () => {
    const { outdir } = project({ "books-dev": former });
    const rename = jest.spyOn(nodeFs, "renameSync").mockImplementation(() => {
      throw Object.assign(new Error("EXDEV: cross-device link not permitted"), { code: "EXDEV" });
    });
    try {
      expect(guardStackFolders(outdir, ["books-dev"])).toHaveLength(2);
    } finally {
      rename.mockRestore();
    }
    expect(readFileSync(path.join(stateFolder(outdir), "books-dev.tfstate"), "utf8")).toBe(STATE);
    expect(readFileSync(path.join(stateFolder(outdir), "books-dev.tfstate.backup"), "utf8")).toBe("backup\n");
    expect(existsSync(path.join(outdir, "stacks", "books-dev", "terraform.books-dev.tfstate"))).toBe(false);
  });

  test("is refused in one line, naming the state folder and the cause, when that folder cannot be made; nothing moves", () => {
    const { root, outdir } = project({ "books-dev": former });
    writeFileSync(stateFolder(outdir), "a file in the way\n");
    const before = snapshot(root);
    const error = thrown(() => guardStackFolders(outdir, ["books-dev"]), StateGuardError);
    expect(error.message).toMatch(
      /^state: cannot move .*terraform\.books-dev\.tfstate to .*state\/books-dev\.tfstate \(EEXIST\): /,
    );
    expect(error.message.split("\n")).toHaveLength(1);
    expect(snapshot(root)).toEqual(before);
  });

  test("of a stack no longer synthesized stays where its last synthesized configuration finds it", () => {
    const { outdir } = project({ "books-dev": former });
    expect(() => guardStackFolders(outdir, ["books2-dev"])).toThrow(StateGuardError);
    expect(readFileSync(path.join(outdir, "stacks", "books-dev", "terraform.books-dev.tfstate"), "utf8")).toBe(STATE);
  });
});

describe("state files of stacks the app no longer synthesizes", () => {
  test("are listed from the state folder; the synthesized stacks' are not", () => {
    const { outdir } = project({});
    mkdirSync(stateFolder(outdir));
    for (const name of ["books-dev.tfstate", "books-dev.tfstate.backup", "books2-dev.tfstate"])
      writeFileSync(path.join(stateFolder(outdir), name), STATE);
    expect(strayStateFiles(outdir, ["books2-dev"]).map((f) => path.basename(f))).toEqual(["books-dev.tfstate"]);
  });
});
