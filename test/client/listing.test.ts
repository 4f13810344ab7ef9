import { afterEach, describe, expect, it, vi } from "vitest";
import { OktaHTTPError, OktaResponseError, OktaTimeoutError } from "../../src/client/index.js";
import {
  type FakeOktaOrg,
  type FakeOrgFaultKind,
  startFakeOktaOrg,
} from "../../src/testing/index.js";
import { clientFor, collect } from "./helpers.js";

let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

const COUNT = 3000;

describe("listDevices", () => {
  it(`lists ${COUNT} devices exactly once, in order, with limit=200 and Link pagination`, async () => {
    org = await startFakeOktaOrg({ count: COUNT });
    const pages: number[] = [];
    const client = clientFor(org, {
      hooks: { onPage: [(page) => pages.push(page.devices.length)] },
    });
    const ids = (await collect(client.listDevices())).map((device) => device.id);
    expect(ids).toStrictEqual(org.devices.map((device) => device.id));
    expect(pages).toHaveLength(Math.ceil(COUNT / 200));
    expect(org.requests.every((entry) => entry.query.limit === "200")).toBe(true);
    expect(org.requests.slice(1).every((entry) => entry.query.after !== undefined)).toBe(true);
  });

  it.each<[FakeOrgFaultKind, number[]]>([
    ["500", [2, 5]],
    ["502", [3]],
    ["503", [1, 2, 3]],
    ["reset", [2, 9]],
    ["truncate", [4, 5]],
    ["429", [3]],
    ["concurrency-429", [2, 6]],
    ["hang", [3]],
  ])("lists every device exactly once through %s faults at requests %j", async (kind, at) => {
    org = await startFakeOktaOrg({ count: COUNT, faults: [{ kind, at }] });
    const client = clientFor(org, { timeoutMs: 300 });
    const ids = (await collect(client.listDevices())).map((device) => device.id);
    expect(ids).toStrictEqual(org.devices.map((device) => device.id));
    expect(org.requests.filter((entry) => entry.fault === kind)).toHaveLength(at.length);
  });

  it("throws, never ends short, when a failure outlasts the retries mid-listing", async () => {
    org = await startFakeOktaOrg({ count: 1000, faults: [{ kind: "503", at: [3, 4, 5] }] });
    const client = clientFor(org, { retry: { limit: 2, baseDelayMs: 1 } });
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const device of client.listDevices()) seen.push(device.id);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(OktaHTTPError);
    expect((error as OktaHTTPError).reason).toBe("server_error");
    expect((error as OktaHTTPError).status).toBe(503);
    expect(seen).toHaveLength(400);
  });

  it("throws on a 403 mid-listing instead of returning what it had", async () => {
    org = await startFakeOktaOrg({ count: 1000, faults: [{ kind: "403", at: 2 }] });
    await expect(collect(clientFor(org).listDevices())).rejects.toMatchObject({
      reason: "forbidden",
      status: 403,
      errorCode: "E0000006",
    });
  });

  it("does not follow a next link to another origin, so the token stays home", async () => {
    org = await startFakeOktaOrg({ count: 500, faults: [{ kind: "foreign-next", at: 1 }] });
    const error = await collect(clientFor(org).listDevices()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaResponseError);
    expect((error as Error).message).toMatch(/another origin \(https?:\/\/okta\.attacker\.example/);
    expect(org.requests).toHaveLength(1);
  });

  it("stops on a cursor loop with an error", async () => {
    org = await startFakeOktaOrg({ count: 500, faults: [{ kind: "repeat-cursor", at: 2 }] });
    const error = await collect(clientFor(org).listDevices()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaResponseError);
    expect((error as Error).message).toMatch(/repeats a cursor/);
    expect(org.requests).toHaveLength(2);
  });

  it("gives pages with their rate-limit state", async () => {
    org = await startFakeOktaOrg({ count: 450, rateLimit: { limit: 100, windowMs: 60_000 } });
    const pages = await collect(clientFor(org).listDevicePages({ expand: "user" }));
    expect(pages.map((page) => page.devices.length)).toStrictEqual([200, 200, 50]);
    expect(pages.map((page) => page.pageNumber)).toStrictEqual([1, 2, 3]);
    expect(pages[2]?.nextUrl).toBeUndefined();
    expect(pages[0]?.rateLimit).toMatchObject({ limit: 100, remaining: 99 });
    expect(pages[2]?.rateLimit).toMatchObject({ remaining: 97 });
    expect(org.requests.every((entry) => entry.query.expand === "user")).toBe(true);
  });

  it("makes zero 429s under a small bucket by waiting before Remaining reaches 0", async () => {
    org = await startFakeOktaOrg({
      count: 2000,
      pageSize: 100,
      rateLimit: { limit: 6, windowMs: 1000 },
    });
    const waits: string[] = [];
    const client = clientFor(org, {
      hooks: { onRateLimitWait: [(info) => waits.push(info.cause)] },
    });
    const devices = await collect(client.listDevices());
    expect(devices).toHaveLength(2000);
    expect(org.stats.rateLimited).toBe(0);
    expect(org.stats.fullWindows).toBe(0);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((cause) => cause === "reserve")).toBe(true);
  });

  it("gives up on a 429 that never ends, with a rate_limited error", async () => {
    org = await startFakeOktaOrg({ count: 10, faults: [{ kind: "concurrency-429" }] });
    const client = clientFor(org, { rateLimit: { maxRateLimitRetries: 2, jitterMs: 1 } });
    await expect(collect(client.listDevices())).rejects.toMatchObject({
      reason: "rate_limited",
      status: 429,
      errorCode: "E0000047",
    });
    expect(org.requests).toHaveLength(3);
  });

  it("times out a hanging request and reports it after the retries", async () => {
    org = await startFakeOktaOrg({ count: 10, faults: [{ kind: "hang" }] });
    const client = clientFor(org, { timeoutMs: 100, retry: { limit: 1, baseDelayMs: 1 } });
    const started = Date.now();
    const error = await collect(client.listDevices()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaTimeoutError);
    expect((error as OktaTimeoutError).reason).toBe("network");
    expect((error as OktaTimeoutError).message).toMatch(/within 100 ms/);
    // The message names the timeout used; the time is a safety bound only (the default is 30 s
    // an attempt), not the 2 s a busy machine's timers can miss.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(org.requests).toHaveLength(2);
  });
});

describe("prefetch", () => {
  it("requests the next page while the current one is consumed, and cancels it on break", async () => {
    org = await startFakeOktaOrg({ count: 1000 });
    const client = clientFor(org);
    for await (const page of client.listDevicePages()) {
      // The prefetch reaches the server while page 1 is held: waited for, not a fixed 50 ms
      // pause that a busy machine can outlast.
      const fake = org;
      await vi.waitFor(() => expect(fake.requests.length).toBeGreaterThanOrEqual(2), {
        timeout: 10_000,
        interval: 10,
      });
      expect(page.pageNumber).toBe(1);
      expect(org.requests).toHaveLength(2);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(org.requests).toHaveLength(2);
  });

  it("can be turned off: one request at a time", async () => {
    org = await startFakeOktaOrg({ count: 1000 });
    for await (const _page of clientFor(org).listDevicePages({ prefetch: false })) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(org.requests).toHaveLength(1);
      break;
    }
  });

  it("delivers the whole current page before a prefetched page's failure", async () => {
    org = await startFakeOktaOrg({ count: 1000, faults: [{ kind: "403", at: 2 }] });
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const device of clientFor(org).listDevices()) seen.push(device.id);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(seen).toHaveLength(200);
    expect(error).toMatchObject({ reason: "forbidden" });
  });
});

describe("abort", () => {
  it("stops a listing promptly between pages", async () => {
    org = await startFakeOktaOrg({ count: 2000 });
    const controller = new AbortController();
    const client = clientFor(org);
    let count = 0;
    const error = await (async () => {
      try {
        for await (const _device of client.listDevices({ signal: controller.signal })) {
          if (++count === 250) controller.abort(new Error("stop now"));
        }
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect((error as Error).message).toBe("stop now");
    expect(count).toBe(400);
    // Pages 1 and 2, and page 3 prefetched, then cancelled.
    expect(org.requests.length).toBeLessThanOrEqual(3);
  });

  it("stops a hanging request at once", async () => {
    org = await startFakeOktaOrg({ count: 10, faults: [{ kind: "hang" }] });
    const controller = new AbortController();
    const client = clientFor(org, { timeoutMs: 60_000 });
    const listing = collect(client.listDevices({ signal: controller.signal }));
    // Aborted once the request hangs at the server (not after a fixed pause).
    const fake = org;
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1), { timeout: 10_000, interval: 5 });
    const aborted = Date.now();
    controller.abort(new Error("user cancelled"));
    await expect(listing).rejects.toThrow("user cancelled");
    // Well under the 60 s the request would otherwise hang (1 s left a busy machine too little).
    expect(Date.now() - aborted).toBeLessThan(10_000);
  });

  it("stops during a rate-limit wait", async () => {
    org = await startFakeOktaOrg({
      count: 1000,
      pageSize: 100,
      rateLimit: { limit: 2, windowMs: 60_000 },
    });
    const controller = new AbortController();
    const client = clientFor(org, {
      hooks: {
        onRateLimitWait: [
          () => setTimeout(() => controller.abort(new Error("cancelled in wait")), 20),
        ],
      },
    });
    const started = Date.now();
    await expect(collect(client.listDevices({ signal: controller.signal }))).rejects.toThrow(
      "cancelled in wait",
    );
    // Well under the window's 60 s, which the wait would otherwise last (2 s is a margin a
    // busy machine's timers can miss).
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(org.stats.rateLimited).toBe(0);
  });
});
