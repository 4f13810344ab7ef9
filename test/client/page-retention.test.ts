// A listing holds no page the caller is done with while it waits for the next one: a page
// kept alive through the next page's download and parse is promoted to the old generation
// by the collections that parse triggers (GC time a plain fetch loop does not pay).
import type { ServerResponse } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import type { DevicePage } from "../../src/client/index.js";
import { clientFor } from "./helpers.js";
import { type ScriptedServer, sendJson, startServer } from "./servers.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const PAGES = 6;
const PAGE_SIZE = 50;

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function devices(page: number) {
  return Array.from({ length: PAGE_SIZE }, (_, index) => ({
    id: `guo${page}x${index}`.padEnd(20, "0"),
    status: "ACTIVE",
    profile: { displayName: `device ${page}-${index}` },
  }));
}

// Pages are answered only when the test releases them, so that the listing is seen waiting.
async function gatedOrg() {
  const held = new Map<number, ServerResponse>();
  const released = new Set<number>();
  const answer = (page: number, response: ServerResponse, baseUrl: string) => {
    const headers: Record<string, string> = {};
    if (page < PAGES)
      headers.Link = `<${baseUrl}/api/v1/devices?limit=${PAGE_SIZE}&after=p${page + 1}>; rel="next"`;
    sendJson(response, 200, devices(page), headers);
  };
  server = await startServer((request, response) => {
    const after = new URL(request.url ?? "/", "http://x").searchParams.get("after");
    const page = after === null ? 1 : Number(after.slice(1));
    if (released.has(page)) answer(page, response, (server as ScriptedServer).baseUrl);
    else held.set(page, response);
  });
  const baseUrl = server.baseUrl;
  return {
    baseUrl,
    release(page: number) {
      released.add(page);
      const response = held.get(page);
      held.delete(page);
      if (response !== undefined) answer(page, response, baseUrl);
    },
  };
}

// In a function of its own, so that no frame of the test keeps the page (an async
// function's frame, like a generator's, keeps its temporaries while it waits).
async function pageRef(next: Promise<IteratorResult<DevicePage, void>>) {
  const result = await next;
  if (result.done === true) throw new Error("the listing ended early");
  return { ref: new WeakRef(result.value.devices), number: result.value.pageNumber };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("a listing does not keep pages its caller is done with", () => {
  it.each([false, true])(
    "regression: with prefetch %s, the previous page is collectable while the next one is awaited",
    async (prefetch) => {
      const org = await gatedOrg();
      const client = clientFor({
        baseUrl: org.baseUrl,
        token: "00page-retention-token-000",
      } as never);
      const pages = client.listDevicePages({ limit: PAGE_SIZE, prefetch });
      org.release(1);
      let current = await pageRef(pages.next());
      const alive: number[] = [];
      for (let page = 2; page <= PAGES; page++) {
        const pending = pages.next();
        // The generator now waits for page `page`, which the server holds back.
        await tick();
        gc();
        if (current.ref.deref() !== undefined) alive.push(current.number);
        org.release(page);
        current = await pageRef(pending);
      }
      expect(alive).toEqual([]);
      expect((await pages.next()).done).toBe(true);
    },
  );

  it("regression: listDevices lets the devices of a finished page go while the next page is awaited", async () => {
    const org = await gatedOrg();
    const client = clientFor({
      baseUrl: org.baseUrl,
      token: "00page-retention-token-000",
    } as never);
    const iterator = client.listDevices({ limit: PAGE_SIZE });
    org.release(1);
    // Every device of the page taken, each only as a weak reference.
    const takeDevices = async (count: number) => {
      const refs: WeakRef<object>[] = [];
      for (let index = 0; index < count; index++) {
        const result = await iterator.next();
        if (result.done === true) throw new Error("the listing ended early");
        refs.push(new WeakRef(result.value));
      }
      return refs;
    };
    let refs = await takeDevices(PAGE_SIZE);
    const alive: number[] = [];
    for (let page = 2; page <= PAGES; page++) {
      // The first device of the next page: the iterator waits for a page the server holds back.
      const pending = iterator.next();
      await tick();
      gc();
      if (refs.some((ref) => ref.deref() !== undefined)) alive.push(page - 1);
      org.release(page);
      const first = await pending.then((result) => result.done !== true);
      expect(first).toBe(true);
      refs = await takeDevices(PAGE_SIZE - 1);
    }
    expect(alive).toEqual([]);
  });

  it("regression: syncDevices lets the devices of a finished page go while the next page is awaited", async () => {
    const org = await gatedOrg();
    const client = clientFor({
      baseUrl: org.baseUrl,
      token: "00page-retention-token-000",
    } as never);
    const items = client.syncDevices(undefined, { limit: PAGE_SIZE });
    org.release(1);
    // The next `count` changes, each device only as a weak reference.
    const takeDevices = async (count: number) => {
      const refs: WeakRef<object>[] = [];
      while (refs.length < count) {
        const result = await items.next();
        if (result.done === true) throw new Error("the sync ended early");
        if (result.value.type === "device") refs.push(new WeakRef(result.value.device));
      }
      return refs;
    };
    let refs = await takeDevices(PAGE_SIZE);
    const alive: number[] = [];
    for (let page = 2; page <= PAGES; page++) {
      // The first device of the next page: the sync waits for a page the server holds back.
      const pending = items.next();
      await tick();
      gc();
      if (refs.some((ref) => ref.deref() !== undefined)) alive.push(page - 1);
      org.release(page);
      const first = await pending.then(
        (result) => result.done !== true && result.value.type === "device",
      );
      expect(first).toBe(true);
      refs = await takeDevices(PAGE_SIZE - 1);
    }
    expect(alive).toEqual([]);
  });
});
