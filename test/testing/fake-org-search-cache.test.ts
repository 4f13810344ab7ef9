// The fake org caches the listing of each distinct `search` (so that a cursor is found in
// constant time); that cache is bounded at 64 entries. These tests cross the bound.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";
import { compileSearch } from "../../src/testing/search.js";
import { clientFor } from "../client/helpers.js";

const MAX_CACHED_SEARCHES = 64;

let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function searchIds(target: FakeOktaOrg, search: string): Promise<string[]> {
  const response = await fetch(
    `${target.baseUrl}/api/v1/devices?limit=200&search=${encodeURIComponent(search)}`,
    { headers: { Authorization: `SSWS ${target.token}` } },
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }[]).map((device) => device.id);
}

function expectedIds(target: FakeOktaOrg, search: string): string[] {
  const predicate = compileSearch(search);
  return target.devices
    .filter((device) => predicate(device as unknown as Record<string, unknown>))
    .map((device) => device.id);
}

describe("the fake org's search cache (bounded at 64)", () => {
  it("regression: 70 distinct searches never hold more than 64, and a listing paged across the eviction is exact", async () => {
    org = await startFakeOktaOrg({ count: 40, pageSize: 5 });
    const target = org;
    const search = 'status eq "ACTIVE"';
    const pages = clientFor(target).listDevicePages({ search, limit: 5 })[Symbol.asyncIterator]();
    const first = await pages.next();
    expect(first.done).toBe(false);
    const listed = first.done === true ? [] : first.value.devices.map((device) => device.id);
    expect(target.stats.cachedSearches).toBe(1);
    const sizes: number[] = [];
    for (let index = 0; index < 70; index++) {
      const other = `id eq "guo-not-there-${index}"`;
      expect(await searchIds(target, other)).toStrictEqual([]);
      sizes.push(target.stats.cachedSearches);
    }
    expect(Math.max(...sizes)).toBe(MAX_CACHED_SEARCHES);
    // The 64th distinct search filled the cache; the next one emptied it and started again.
    expect(sizes[62]).toBe(MAX_CACHED_SEARCHES);
    expect(sizes[63]).toBe(1);
    expect(sizes.at(-1)).toBe(70 - 63);
    // The first listing's cached copy is gone: its next pages are rebuilt, nothing lost or repeated.
    for (let page = await pages.next(); page.done !== true; page = await pages.next()) {
      listed.push(...page.value.devices.map((device) => device.id));
    }
    expect(listed).toStrictEqual(expectedIds(target, search));
    expect(listed.length).toBeGreaterThan(5);
  });

  it("property: any sequence of searches, repeated or new, is answered exactly with at most 64 cached", async () => {
    org = await startFakeOktaOrg({ count: 30 });
    const target = org;
    const pool = [
      ...Array.from({ length: 90 }, (_, index) => `id eq "${target.devices[index % 30]?.id}"`),
      'status eq "ACTIVE"',
      'status eq "SUSPENDED"',
      'profile.platform eq "WINDOWS"',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 60, maxLength: 150 }),
        async (picks) => {
          for (const pick of picks) {
            const search = pool[pick] ?? "";
            expect(await searchIds(target, search)).toStrictEqual(expectedIds(target, search));
            expect(target.stats.cachedSearches).toBeLessThanOrEqual(MAX_CACHED_SEARCHES);
          }
        },
      ),
      { numRuns: 5 },
    );
  });
});
