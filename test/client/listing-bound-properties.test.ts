import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DistinctIds } from "../../src/client/distinct-ids.js";
import { OktaResponseError } from "../../src/client/errors.js";
import { ListingGuard, MAX_PAGE_SIZE } from "../../src/client/listing-bound.js";

const URL_ = "https://acme.okta.com/api/v1/devices?limit=200";

// Okta-like device ids: "guo" and 17 characters, distinct per index and seed.
function deviceId(seed: number, index: number): string {
  return `guo${seed.toString(36).padStart(4, "0")}x${index.toString(36).padStart(12, "0")}`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    pages.push(items.slice(start, start + size));
  return pages;
}

/** Feeds pages to a guard; the page number at which it threw, or undefined. */
function run(pages: Iterable<readonly { id: string }[]>, maxPages = Number.MAX_SAFE_INTEGER) {
  const guard = new ListingGuard(maxPages);
  let pageNumber = 0;
  for (const page of pages) {
    pageNumber++;
    try {
      guard.check(page, URL_, pageNumber, "next");
    } catch (error) {
      expect(error).toBeInstanceOf(OktaResponseError);
      return pageNumber;
    }
  }
  return undefined;
}

describe("DistinctIds", () => {
  it("counts small sets exactly and never grows on ids already added", () => {
    const ids = new DistinctIds();
    for (let index = 0; index < 300; index++) ids.add(deviceId(1, index));
    expect(ids.estimate()).toBeGreaterThanOrEqual(295);
    expect(ids.estimate()).toBeLessThanOrEqual(305);
    const before = ids.estimate();
    for (let round = 0; round < 5; round++)
      for (let index = 0; index < 300; index++) ids.add(deviceId(1, index));
    expect(ids.estimate()).toBe(before);
  });

  it("estimates 500,000 Okta-like ids within 5%", () => {
    const ids = new DistinctIds();
    for (let index = 0; index < 500_000; index++) ids.add(deviceId(7, index));
    expect(Math.abs(ids.estimate() - 500_000) / 500_000).toBeLessThan(0.05);
  });
});

describe("ListingGuard (property)", () => {
  it("never stops a real listing: devices moving between pages, pages overlapping, empty pages", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 1, max: MAX_PAGE_SIZE }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (count, size, seed, movedShare, emptyAt) => {
          // A device updated while listing is listed again later (Okta orders it anew);
          // up to half the org moves, far more than a real listing sees.
          const order = Array.from({ length: count }, (_, index) => ({
            id: deviceId(seed, index),
          }));
          const moved = Math.floor(count * movedShare);
          for (let index = 0; index < moved; index++) {
            const device = order[(index * 7919 + seed) % count] as { id: string };
            const at = Math.min(order.length, ((index + 1) * 104729 + seed) % (order.length + 1));
            order.splice(at, 0, device);
          }
          const pages = chunk(order, size);
          // A few empty pages (e.g. a last page when the org is a multiple of the limit).
          for (const at of emptyAt) pages.splice(at % (pages.length + 1), 0, []);
          expect(run(pages)).toBeUndefined();
        },
      ),
      { numRuns: 60 },
    );
  });

  it("stops every loop: cycles of any length, starting late, with partial overlap, within the bound", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: MAX_PAGE_SIZE }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: MAX_PAGE_SIZE }),
        (count, size, seed, cycleLength, cycleStart, shift) => {
          const order = Array.from({ length: count }, (_, index) => ({
            id: deviceId(seed, index),
          }));
          const prefix = chunk(order, size);
          const start = Math.min(cycleStart, prefix.length);
          // The cycle: windows of the listing, shifted so they overlap each other and the
          // prefix partly; may hold empty pages when the org is small.
          const cycle = Array.from({ length: cycleLength }, (_, index) => {
            const from = (start * size + index * Math.max(1, size - shift)) % Math.max(1, count);
            return order.slice(from, from + size);
          });
          function* pages() {
            yield* prefix.slice(0, start);
            for (;;) yield* cycle;
          }
          const stoppedAt = run(pages());
          expect(stoppedAt).toBeDefined();
          // Listed at most 2 × distinct (with the sketch's error) + a page, + one page.
          const bound = Math.ceil(2.1 * count) + MAX_PAGE_SIZE + 1 + size;
          let listed = 0;
          let index = 0;
          for (const page of pages()) {
            if (++index > (stoppedAt as number)) break;
            listed += Math.max(page.length, 1);
          }
          expect(listed).toBeLessThanOrEqual(bound);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("maxPages stops a listing of fresh devices that never ends, at exactly maxPages", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (maxPages, size) => {
          let next = 0;
          function* fresh() {
            for (;;) yield Array.from({ length: size }, () => ({ id: deviceId(3, next++) }));
          }
          expect(run(fresh(), maxPages)).toBe(maxPages);
        },
      ),
      { numRuns: 40 },
    );
  });
});
