// syncDevices closes its listing as `for await` would: when the caller stops early and when
// the run fails, never when the listing itself ended or threw.
import { describe, expect, it } from "vitest";
import type { DevicePage } from "../../src/client/index.js";
import { syncDevices } from "../../src/client/sync.js";

type Page = Pick<DevicePage, "devices" | "serverTime">;

function lister(pages: Page[], failAt?: number) {
  const calls = { next: 0, return: 0 };
  const list = () => ({
    [Symbol.asyncIterator]: () => {
      let index = 0;
      return {
        next: async (): Promise<IteratorResult<Page, undefined>> => {
          calls.next++;
          if (index === failAt) throw new Error("listing failed");
          const page = pages[index++];
          return page === undefined
            ? { value: undefined, done: true }
            : { value: page, done: false };
        },
        return: async (): Promise<IteratorResult<Page, undefined>> => {
          calls.return++;
          return { value: undefined, done: true };
        },
      };
    },
  });
  return { list, calls };
}

const device = (id: string) => ({
  id,
  status: "ACTIVE",
  lastUpdated: "2025-01-01T00:00:00.000Z",
  profile: { displayName: id },
});
const page = (...ids: string[]): Page => ({
  devices: ids.map(device) as never,
  serverTime: undefined,
});

async function drain(items: AsyncGenerator<unknown>): Promise<unknown> {
  try {
    for await (const _item of items);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("syncDevices closes its listing like for await", () => {
  it("a complete listing is not closed again", async () => {
    const { list, calls } = lister([page("a1"), page("b1")]);
    expect(await drain(syncDevices(list, undefined))).toBeUndefined();
    expect(calls).toEqual({ next: 3, return: 0 });
  });

  it("a caller that stops early closes the listing", async () => {
    const { list, calls } = lister([page("a1", "a2"), page("b1")]);
    const items = syncDevices(list, undefined);
    expect((await items.next()).value).toMatchObject({ type: "device" });
    await items.return(undefined);
    expect(calls).toEqual({ next: 1, return: 1 });
  });

  it("a listing that throws is not closed, and its error is the run's", async () => {
    const { list, calls } = lister([page("a1")], 1);
    expect(await drain(syncDevices(list, undefined))).toMatchObject({ message: "listing failed" });
    expect(calls).toEqual({ next: 2, return: 0 });
  });

  it("a run that fails (a listing that repeats itself) closes the listing and reports its own error", async () => {
    const repeated = Array.from({ length: 400 }, () => page("same"));
    const { list, calls } = lister(repeated);
    const error = await drain(syncDevices(list, undefined));
    expect((error as Error).message).toMatch(/repeats itself/);
    expect(calls.return).toBe(1);
    expect(calls.next).toBeLessThan(400);
  });
});
