import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { OktaConfigError, OktaResponseError } from "../../src/client/index.js";
import {
  type FakeOktaOrg,
  generateOktaDevices,
  startFakeOktaOrg,
} from "../../src/testing/index.js";
import { clientFor, collect } from "./helpers.js";
import { type ScriptedServer, sendJson, startServer } from "./servers.js";

let org: FakeOktaOrg | undefined;
let server: ScriptedServer | undefined;
afterEach(async () => {
  await org?.close();
  await server?.close();
  org = undefined;
  server = undefined;
});

async function failure(iterable: AsyncIterable<unknown>): Promise<unknown> {
  try {
    await collect(iterable);
  } catch (error) {
    return error;
  }
  throw new Error("the listing completed");
}

describe("a listing that serves pages again under new cursors", () => {
  for (const prefetch of [false, true]) {
    it(`stops at page 23 when page 1 repeats for ever (10 devices a page, prefetch ${prefetch})`, async () => {
      org = await startFakeOktaOrg({ count: 50, pageSize: 10, faults: [{ kind: "repeat-page" }] });
      const error = await failure(clientFor(org).listDevices({ prefetch }));
      expect(error).toBeInstanceOf(OktaResponseError);
      expect((error as OktaResponseError).reason).toBe("unexpected_response");
      // 2 × 10 distinct + 200 = 220 devices is the most a listing of 10 devices may list.
      expect((error as Error).message).toMatch(
        /^The listing of devices repeats itself: 230 devices listed by page 23, only 10 distinct \(estimated; page 23: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/devices\)/,
      );
      // The cursor (query) and the token are not in the message.
      expect((error as Error).message).not.toContain("repeat=");
      expect((error as Error).message).not.toContain(org.token);
      // Prefetch requests at most one page ahead, which the error cancels.
      expect(org.requests.length).toBeGreaterThanOrEqual(23);
      expect(org.requests.length).toBeLessThanOrEqual(prefetch ? 24 : 23);
    });
  }

  it("stops a cycle that starts late (page 3 repeats from the 3rd request on)", async () => {
    const at = Array.from({ length: 200 }, (_, index) => index + 3);
    org = await startFakeOktaOrg({
      count: 500,
      pageSize: 10,
      faults: [{ kind: "repeat-page", at }],
    });
    const error = await failure(clientFor(org).listDevicePages({ prefetch: false }));
    // 30 distinct: 2 × 30 + 200 = 260 crossed with the 27th page (270 listed).
    expect((error as Error).message).toMatch(
      /repeats itself: 270 devices listed by page 27, only 30 distinct/,
    );
    expect(org.requests).toHaveLength(27);
  });

  it("a page served twice, then the listing goes on: completes with every device", async () => {
    org = await startFakeOktaOrg({
      count: 50,
      pageSize: 10,
      faults: [{ kind: "repeat-page", at: 2 }],
    });
    const devices = await collect(clientFor(org).listDevices({ prefetch: false }));
    expect(devices).toHaveLength(60);
    expect(new Set(devices.map((device) => device.id)).size).toBe(50);
  });

  it("stops empty pages served for ever under new cursors (an empty page counts as a device)", async () => {
    server = await startServer((_request, response, count) => {
      const next = `${server?.baseUrl}/api/v1/devices?limit=200&after=c${count}`;
      sendJson(response, 200, [], { Link: `<${next}>; rel="next"` });
    });
    const client = clientFor({ baseUrl: server.baseUrl, token: "00-test-token" } as FakeOktaOrg);
    const error = await failure(client.listDevicePages({ prefetch: false }));
    expect((error as Error).message).toMatch(/201 devices listed by page 201, only 0 distinct/);
    expect(server.requests).toHaveLength(201);
  });
});

describe("loops of the fake org's rewind fault (property)", () => {
  it("any cycle length, starting late, resuming anywhere: stops within 2 × distinct + a page", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 5, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.nat(), { nil: undefined }),
        fc.integer({ min: 0, max: 50 }),
        async (pageSize, cycleStart, cycleLength, resume, extra) => {
          // Enough devices that no pass between two rewinds reaches the end: a true loop.
          const count = (cycleStart + cycleLength + 2) * pageSize + extra;
          const devices = generateOktaDevices(count);
          const at = Array.from({ length: 1000 }, (_, index) => cycleStart + index * cycleLength);
          const ids =
            resume === undefined ? undefined : [devices[resume % (2 * pageSize)]?.id ?? ""];
          org = await startFakeOktaOrg({
            devices,
            pageSize,
            faults: [{ kind: "rewind", at, ...(ids === undefined ? {} : { ids }) }],
          });
          let listed = 0;
          const error = await failure(
            clientFor(org, {
              hooks: { onPage: [(page) => (listed += Math.max(page.devices.length, 1))] },
            }).listDevicePages(),
          );
          expect(error).toBeInstanceOf(OktaResponseError);
          expect((error as Error).message).toMatch(/repeats itself/);
          // Every page the client saw, the one that tripped it included (the sketch's
          // estimate is exact at these sizes in practice; 5% of margin).
          expect(listed).toBeLessThanOrEqual(2.1 * count + 200 + pageSize);
          await org.close();
          org = undefined;
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("maxPages", () => {
  for (const prefetch of [false, true]) {
    it(`stops at maxPages when the server still sends a next link, requesting no page beyond (prefetch ${prefetch})`, async () => {
      org = await startFakeOktaOrg({ count: 50, pageSize: 10 });
      const error = await failure(clientFor(org).listDevicePages({ maxPages: 3, prefetch }));
      expect(error).toBeInstanceOf(OktaResponseError);
      expect((error as Error).message).toMatch(
        /^The listing of devices reached maxPages \(3\) and the server still sends a next link \(page 3: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/devices\)/,
      );
      expect(org.requests).toHaveLength(3);
    });
  }

  it("a listing of exactly maxPages pages completes", async () => {
    org = await startFakeOktaOrg({ count: 50, pageSize: 10 });
    const pages = await collect(clientFor(org).listDevicePages({ maxPages: 5 }));
    expect(pages.map((page) => page.pageNumber)).toStrictEqual([1, 2, 3, 4, 5]);
  });

  it("defaults to room for 10 million devices at the page size", async () => {
    // 50 devices at limit 1: far below the default (10,000,000 pages), never tripped.
    org = await startFakeOktaOrg({ count: 50 });
    const pages = await collect(clientFor(org).listDevicePages({ limit: 1 }));
    expect(pages).toHaveLength(50);
  });

  for (const maxPages of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
    it(`rejects maxPages ${maxPages}`, async () => {
      org = await startFakeOktaOrg({ count: 5 });
      const error = await failure(clientFor(org).listDevices({ maxPages }));
      expect(error).toBeInstanceOf(OktaConfigError);
      expect((error as Error).message).toMatch(/maxPages must be a whole number from 1/);
      expect(org.requests).toHaveLength(0);
    });
  }
});
