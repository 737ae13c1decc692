// The console in a real browser (Debian's Chromium, driven by playwright-core): the first tutorial done
// by clicks alone (add Dan Brown's book, edit it to add subTitle, delete it), each step's card read off
// the page; then a record that fails is parked and replayed from the page. Screenshots go to
// .artifacts/console/. Every wait is for an element, never for time.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { findProjectRoot } from "../../constructs/handler-bundle";
import type { EnvironmentConfig } from "../../settings/config";
import { fixedFlag } from "../fixtures/handlers/fail-until-fixed";
import { books } from "../fixtures/sample-environments";
import { tempDir } from "../support/stack";
import { LocalProcess, throwawayProject } from "./support/local-process";
import { FAIL_UNTIL_FIXED } from "./support/local-redrive";

const CHROMIUM = "/usr/bin/chromium";
const artifacts = path.join(findProjectRoot(), ".artifacts", "console");

const environments: EnvironmentConfig[] = [
  {
    environment: "e2e",
    project: "e2e",
    region: "us-east-1",
    triggers: [
      books,
      // Fails records marked flaky until its flag file exists; parks them at the first failure.
      {
        tableName: "gadgets",
        partitionKey: { name: "id", type: "N" },
        handlerEntry: FAIL_UNTIL_FIXED,
        batchSize: 1,
        maximumRetryAttempts: 0,
      },
    ],
  },
];

const present = existsSync(CHROMIUM);
if (!present && process.env.CI === "true")
  test("Chromium is installed for the console's browser test", () => {
    throw new Error(`no Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium package`);
  });
const describeWithChromium = present ? describe : describe.skip;
if (!present) console.log(`console browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describeWithChromium("the console, in a browser", () => {
  let local: LocalProcess;
  let project: { dir: string; env: NodeJS.ProcessEnv };
  let browser: BrowserContext;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  const books = () => page.getByRole("region", { name: "books-e2e", exact: true });
  const gadgets = () => page.getByRole("region", { name: "gadgets-e2e", exact: true });
  const card = (table: Locator, eventName: string) => table.locator(`.card[data-event-name="${eventName}"]`);

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    project = throwawayProject(environments);
    local = new LocalProcess(project, ["--console"]);
    // Synth, DynamoDB Local and the first bundle: slow when the whole suite loads the machine.
    await local.waitFor(/Watching the streams/);
    const url = /Console: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(local.stdout)?.[1];
    if (!url) throw new Error(`no console address before "Watching":\n${local.stdout}`);
    browser = await chromium.launchPersistentContext(tempDir("chromium-profile-"), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage();
    await page.goto(url);
    await page.getByText("live", { exact: true }).waitFor();
  }, 180000);

  /** Click to card, per step: printed for the record, never asserted (the machine may be loaded). */
  const timings: string[] = [];

  afterAll(async () => {
    if (timings.length > 0) console.log(`console click-to-card: ${timings.join(", ")}; screenshots in ${artifacts}`);
    await browser?.close();
    await local?.interrupt();
  });

  test("the walkthrough: add, edit and delete a book by the buttons, each with its card", async () => {
    const table = books();
    await table.getByRole("button", { name: "Add item" }).click();
    await table.getByLabel("author").fill("Dan Brown");
    await table.getByLabel("bookTitle").fill("The DaVinci code");
    let clicked = Date.now();
    await table.getByRole("button", { name: "Save" }).click();
    const insert = card(table, "INSERT");
    await insert.waitFor();
    timings.push(`INSERT ${Date.now() - clicked} ms`);
    expect(await insert.locator(".card-head").innerText()).toContain(
      'author="Dan Brown", bookTitle="The DaVinci code"',
    );

    await table
      .getByRole("row", { name: /Dan Brown/ })
      .getByRole("button", { name: "Edit" })
      .click();
    await table.getByLabel("Other attributes").fill('{"subTitle": {"S": "Volume-1"}}');
    clicked = Date.now();
    await table.getByRole("button", { name: "Save" }).click();
    const modify = card(table, "MODIFY");
    await modify.waitFor();
    timings.push(`MODIFY ${Date.now() - clicked} ms`);
    const newImage = modify.getByRole("table", { name: "New image" });
    const oldImage = modify.getByRole("table", { name: "Old image" });
    expect(await newImage.getByRole("row", { name: /subTitle/ }).getAttribute("class")).toBe("changed");
    expect(await newImage.getByRole("row", { name: /subTitle/ }).innerText()).toContain('"Volume-1"');
    expect(await newImage.getByRole("row", { name: /author/ }).getAttribute("class")).toBeNull();
    expect(await oldImage.innerText()).toContain('"The DaVinci code"');
    expect(await oldImage.getByRole("row", { name: /subTitle/ }).count()).toBe(0);

    clicked = Date.now();
    await table
      .getByRole("row", { name: /Dan Brown/ })
      .getByRole("button", { name: "Delete" })
      .click();
    const remove = card(table, "REMOVE");
    await remove.waitFor();
    timings.push(`REMOVE ${Date.now() - clicked} ms`);
    expect(await remove.getByRole("table", { name: "Old image" }).innerText()).toContain('"Volume-1"');
    await table.getByText("no items yet").waitFor();
    await shot("walkthrough");
    // The one docs/local.md shows: the books table alone.
    await table.screenshot({ path: path.join(artifacts, "walkthrough-books.png") });
    expect(await card(table, "INSERT").count()).toBe(1);
  });

  test("a record that fails is parked, and Replay from the page runs it again and removes it", async () => {
    const table = gadgets();
    await table.getByRole("button", { name: "Add item" }).click();
    await table.getByLabel("id").fill("7");
    await table.getByLabel("Other attributes").fill('{"flaky": {"BOOL": true}}');
    await table.getByRole("button", { name: "Save" }).click();
    await table.locator('.card.failed[data-event-name="INSERT"]').waitFor();
    const replay = table.getByRole("region", { name: "Parked failures" }).getByRole("button", { name: "Replay" });
    await replay.waitFor();
    await shot("parked");

    writeFileSync(fixedFlag(path.join(project.dir, ".local"), "gadgets-e2e-stream-handler"), "");
    await replay.click();
    const result = table.locator("output.replay-result");
    await result.filter({ hasText: /^Replayed/ }).waitFor();
    expect(await result.innerText()).toContain("replayed: 1 record accepted");
    await table.getByRole("region", { name: "Parked failures" }).getByText("none").waitFor();
    await shot("replayed");
  });

  test("is readable at phone width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction("window.innerWidth === 390");
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    await shot("phone");
    expect(width).toBeLessThanOrEqual(390);
  });
});
