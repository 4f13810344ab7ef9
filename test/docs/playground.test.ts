// The docs site in a real browser: Debian's Chromium (no browser download), driven by
// playwright-core, reading docs/api (built by `npm run docs`, which npm test runs before
// vitest) over a 127.0.0.1 server. Skipped, with a message, when Chromium is absent.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_OCSF_VERSION,
  DeviceMappingError,
  OCSF_VERSIONS,
  type OcsfVersion,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import { safeParseOktaDevice } from "../../src/schemas/index.js";
import {
  pageManagedDevice,
  pageNonCompliantDevice,
  realShapeMacWithUser,
} from "../fixtures/page-examples.js";
import { type StaticServer, serveDirectory } from "../helpers/static-server.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const site = resolve(root, "docs/api");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `SKIPPED: the docs site's browser tests need Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium; .ci/run installs it)`,
  );
}

// The flags the project runs Chromium with: no sandbox (CI containers), nothing fetched
// from the network by the browser itself.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// A record the schema rejects (status a number, a date that does not exist) and the mapper
// cannot map (the same date), beside a good one.
const brokenRecord = {
  ...pageNonCompliantDevice,
  id: "guoBROKEN000000001",
  status: 3,
  created: "2024-02-30T00:00:00.000Z",
  profile: { ...pageNonCompliantDevice.profile, registered: "yes" },
};

let profileDir = "";
let context: BrowserContext;
let server: StaticServer;
let page: Page;
const pageErrors: string[] = [];

async function mapInPage(
  json: string,
  profile: "sekoia" | "ocsf",
  version: OcsfVersion = DEFAULT_OCSF_VERSION,
): Promise<void> {
  await page.fill("#playground-input", json);
  await page.selectOption("#playground-profile", profile);
  if (profile === "ocsf") await page.selectOption("#playground-version", version);
  await page.click("#playground-run");
  await page.waitForSelector(
    '#playground-output[data-status="done"], #playground-output[data-status="not-json"], #playground-output[data-status="empty"]',
  );
}

async function eventsInPage(): Promise<unknown[]> {
  const texts = await page.locator(".playground-event").allTextContents();
  return texts.map((text) => JSON.parse(text) as unknown);
}

describe.skipIf(!hasChromium)("the docs site in Chromium", () => {
  beforeAll(async () => {
    if (!existsSync(join(site, "documents/Playground.html"))) {
      throw new Error(
        "docs/api is missing: run `npm run build && npm run docs` first (npm test does)",
      );
    }
    server = await serveDirectory(site);
    profileDir = mkdtempSync(join(tmpdir(), "okta-device-ocsf-chromium-"));
    // A persistent context on a fresh folder is how Playwright takes a --user-data-dir.
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1400, height: 1000 },
    });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      // A missing file is reported below with its URL; the console only says "404".
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        pageErrors.push(message.text());
      }
    });
    // Every file the site asks for must exist (the browser's own /favicon.ico aside).
    page.on("response", (response) => {
      if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
        pageErrors.push(`${response.status()} ${response.url()}`);
      }
    });
    await page.goto(`${server.url}/documents/Playground.html`);
    await page.waitForSelector("#okta-playground[data-ready='true']", { timeout: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profileDir !== "") rmSync(profileDir, { recursive: true, force: true });
  });

  it("maps the product page's two examples, one by one and as a list, in both profiles", async () => {
    for (const profile of ["sekoia", "ocsf"] as const) {
      for (const record of [pageManagedDevice, pageNonCompliantDevice]) {
        await mapInPage(JSON.stringify(record), profile);
        expect(await eventsInPage()).toStrictEqual([toOcsfDeviceInventory(record, { profile })]);
      }
      await mapInPage(JSON.stringify([pageManagedDevice, pageNonCompliantDevice]), profile);
      expect(await eventsInPage()).toStrictEqual([
        toOcsfDeviceInventory(pageManagedDevice, { profile }),
        toOcsfDeviceInventory(pageNonCompliantDevice, { profile }),
      ]);
      expect(await page.textContent(".playground-summary")).toContain(
        `2 record(s), profile "${profile}"${profile === "ocsf" ? " (OCSF 1.6.0)" : ""}: 2 event(s), 0 mapping error(s), 0 record(s) with validation errors.`,
      );
    }
    expect(pageErrors).toStrictEqual([]);
  });

  it("shows every validation and mapping error of a broken record, and the good one's event", async () => {
    await mapInPage(JSON.stringify([brokenRecord, pageManagedDevice]), "ocsf");
    const validation = safeParseOktaDevice(brokenRecord);
    if (validation.success) throw new Error("the broken record should not validate");
    let mappingMessage = "";
    try {
      toOcsfDeviceInventory(brokenRecord as never, { profile: "ocsf" });
    } catch (error) {
      if (error instanceof DeviceMappingError) mappingMessage = error.message;
    }
    expect(mappingMessage).toContain("guoBROKEN000000001");

    const broken = page.locator('.playground-record[data-index="0"]');
    expect(await broken.getAttribute("data-status")).toBe("unmapped");
    expect(await broken.locator("h3").textContent()).toBe("Record 0 (id guoBROKEN000000001)");
    expect(await broken.locator(".playground-validation li").allTextContents()).toStrictEqual(
      validation.error.issues.map((issue) => `${issue.path}: ${issue.message}`),
    );
    expect(validation.error.issues.map((issue) => issue.path)).toStrictEqual([
      "status",
      "created",
      "profile.registered",
    ]);
    expect(await broken.locator(".playground-mapping-error").textContent()).toBe(mappingMessage);
    expect(await eventsInPage()).toStrictEqual([
      toOcsfDeviceInventory(pageManagedDevice, { profile: "ocsf" }),
    ]);
    expect(await page.textContent(".playground-summary")).toContain(
      '2 record(s), profile "ocsf" (OCSF 1.6.0): 1 event(s), 1 mapping error(s), 1 record(s) with validation errors.',
    );
  });

  it("offers every OCSF version the package writes, for the ocsf profile only", async () => {
    expect(
      await page
        .locator("#playground-version option")
        .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value)),
    ).toStrictEqual([...OCSF_VERSIONS]);
    const records = [pageManagedDevice, pageNonCompliantDevice];
    for (const version of ["1.3.0", "1.8.0"] as const) {
      await mapInPage(JSON.stringify(records), "ocsf", version);
      expect(await eventsInPage()).toStrictEqual(
        records.map((record) =>
          toOcsfDeviceInventory(record, { profile: "ocsf", ocsfVersion: version }),
        ),
      );
      expect(await page.textContent(".playground-summary")).toContain(`(OCSF ${version})`);
    }
    await mapInPage(JSON.stringify(records), "sekoia");
    expect(await page.isDisabled("#playground-version")).toBe(true);
    expect(await eventsInPage()).toStrictEqual(
      records.map((record) => toOcsfDeviceInventory(record)),
    );
  });

  it("says when the text is not JSON", async () => {
    await mapInPage("{ not json", "sekoia");
    expect(await page.getAttribute("#playground-output", "data-status")).toBe("not-json");
    expect(await page.textContent("#playground-output")).toMatch(/^Not valid JSON: /);
  });

  it("says there is nothing to map for empty or blank input", async () => {
    for (const text of ["", "  \n\t "]) {
      await mapInPage(text, "sekoia");
      expect(await page.getAttribute("#playground-output", "data-status")).toBe("empty");
      expect(await page.textContent("#playground-output")).toMatch(/^Nothing to map: paste/);
    }
  });

  it("maps 1,000 records and names every failing one, each a link to its record", async () => {
    const records: unknown[] = Array.from({ length: 1000 }, (_, index) => ({
      ...pageManagedDevice,
      id: `guoMANY${String(index).padStart(11, "0")}`,
    }));
    records[3] = { ...pageManagedDevice, id: "guoBAD3", status: undefined };
    records[998] = { ...pageManagedDevice, id: "guoBAD998", created: "2024-02-30T00:00:00Z" };
    await mapInPage(JSON.stringify(records), "sekoia");
    expect(await page.textContent(".playground-summary")).toContain(
      '1000 record(s), profile "sekoia": 999 event(s), 1 mapping error(s), 2 record(s) with validation errors.',
    );
    expect(await page.textContent(".playground-failing")).toBe("Records with errors: 3, 998");
    const links = page.locator(".playground-failing a");
    expect(await links.evaluateAll((all) => all.map((a) => a.getAttribute("href")))).toStrictEqual([
      "#playground-record-3",
      "#playground-record-998",
    ]);
    expect(await page.locator("#playground-record-998 h3").textContent()).toBe(
      "Record 998 (id guoBAD998)",
    );
    expect(await page.locator(".playground-event").count()).toBe(999);
  }, 120_000);

  it("keeps a JSON key named __proto__ under unmapped, like any other key", async () => {
    const text = JSON.stringify(realShapeMacWithUser).replace(/^\{/, '{"__proto__":{"x":1},');
    await mapInPage(text, "ocsf");
    const [event] = (await eventsInPage()) as { unmapped?: unknown }[];
    expect(JSON.stringify(event?.unmapped)).toContain('"__proto__":{"x":1}');
    expect(await page.locator(".playground-failing").count()).toBe(0);
  });

  it("fits a phone's width: no control wider than the page", async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    try {
      const widths = await page.evaluate(() => ({
        page: document.documentElement.clientWidth,
        scroll: document.documentElement.scrollWidth,
        controls: Array.from(
          document.querySelectorAll("#okta-playground select, #okta-playground textarea"),
        ).map((node) => node.getBoundingClientRect().right),
      }));
      expect(Math.max(...widths.controls)).toBeLessThanOrEqual(widths.page);
      expect(widths.scroll).toBeLessThanOrEqual(widths.page);
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
  });

  it("keeps inline code in headings and in 'On this page', and the package name once", async () => {
    await page.goto(`${server.url}/index.html`);
    await page.waitForSelector(".tsd-page-toolbar");
    expect(await page.locator("h1").allTextContents()).toStrictEqual(["okta-device-ocsf"]);
    const heading = page.locator("#mapping-profile-sekoia-the-default");
    expect((await heading.textContent())?.trim()).toBe('Mapping (profile "sekoia", the default)');
    expect(await heading.locator("code").textContent()).toBe('"sekoia"');
    const onThisPage = await page.locator(".page-menu a").allTextContents();
    expect(onThisPage.map((text) => text.trim())).toContain(
      'Mapping (profile "sekoia", the default)',
    );
  });

  it("keeps wide tables inside the content column, clear of the right sidebar", async () => {
    await page.goto(`${server.url}/index.html`);
    await page.waitForSelector(".tsd-page-toolbar");
    const overlaps = await page.evaluate(() => {
      const sidebar = document.querySelector(".page-menu")?.getBoundingClientRect();
      const content = document.querySelector(".col-content")?.getBoundingClientRect();
      const tables = Array.from(document.querySelectorAll(".col-content table"));
      return {
        tables: tables.length,
        sidebarLeft: sidebar?.left ?? 0,
        contentRight: content?.right ?? Number.POSITIVE_INFINITY,
        widest: Math.max(...tables.map((table) => table.getBoundingClientRect().right)),
      };
    });
    expect(overlaps.tables).toBeGreaterThan(0);
    expect(overlaps.widest).toBeLessThanOrEqual(overlaps.contentRight + 0.5);
    expect(overlaps.widest).toBeLessThanOrEqual(overlaps.sidebarLeft);
  });
});
