// untilAborted: the bound on a promise that ignores its signal (a custom fetch, a body stream).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { releaseLate } from "../../src/client/transport.js";
import { untilAborted } from "../../src/client/until-aborted.js";
import { collectingUnhandled, countedSignal } from "./helpers.js";

const settle = () => new Promise((done) => setTimeout(done, 0));

describe("untilAborted", () => {
  it("rejects with the signal's reason when the promise never settles", async () => {
    const controller = new AbortController();
    const reason = new Error("deadline");
    const racing = untilAborted(new Promise<never>(() => undefined), controller.signal);
    controller.abort(reason);
    await expect(racing).rejects.toBe(reason);
  });

  it("rejects at once when the signal is already aborted, and hands a late value to onLate", async () => {
    const controller = new AbortController();
    controller.abort(new Error("already"));
    const late: string[] = [];
    await expect(
      untilAborted(Promise.resolve("answer"), controller.signal, (value) => late.push(value)),
    ).rejects.toThrow("already");
    await settle();
    expect(late).toStrictEqual(["answer"]);
  });

  it("takes a plain value as a settled promise", async () => {
    await expect(untilAborted(42, new AbortController().signal)).resolves.toBe(42);
  });

  it("settles with whichever comes first, calls onLate only for a value that lost, leaves no listener and no unhandled rejection (fast-check)", async () => {
    await collectingUnhandled(async (unhandled) => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("resolve", "reject"),
          fc.integer({ min: 0, max: 3 }),
          fc.integer({ min: 0, max: 3 }),
          fc.boolean(),
          async (outcome, settleAfter, abortAfter, onLateThrows) => {
            const { controller, signal, listeners } = countedSignal();
            const events: string[] = [];
            const promise = new Promise<string>((resolve, reject) => {
              setTimeout(() => {
                events.push("settled");
                if (outcome === "resolve") resolve("value");
                else reject(new Error("failed"));
              }, settleAfter);
            });
            setTimeout(() => {
              events.push("aborted");
              controller.abort(new Error("deadline"));
            }, abortAfter);
            const late: string[] = [];
            const onLate = (value: string) => {
              late.push(value);
              if (onLateThrows) throw new Error("onLate failed");
            };
            const result = await untilAborted(promise, signal, onLate).then(
              (value) => value,
              (error: Error) => error.message,
            );
            await new Promise((done) => setTimeout(done, 5));
            const first = events[0];
            if (first === "aborted") {
              expect(result).toBe("deadline");
              expect(late).toStrictEqual(outcome === "resolve" ? ["value"] : []);
            } else {
              expect(result).toBe(outcome === "resolve" ? "value" : "failed");
              expect(late).toStrictEqual([]);
            }
            if (first === "settled") expect(listeners()).toBe(0);
          },
        ),
        { numRuns: 60 },
      );
      await settle();
      expect(unhandled).toStrictEqual([]);
    });
  });

  it("regression: an onLate that throws (a late value whose getters throw) is no unhandled rejection", async () => {
    await collectingUnhandled(async (unhandled) => {
      const controller = new AbortController();
      let answer: ((value: string) => void) | undefined;
      const racing = untilAborted(
        new Promise<string>((resolve) => (answer = resolve)),
        controller.signal,
        () => {
          throw new Error("onLate failed");
        },
      );
      controller.abort(new Error("deadline"));
      await expect(racing).rejects.toThrow("deadline");
      answer?.("late");
      // Long enough for Node to report an unhandled rejection (it does after a macrotask).
      await new Promise((done) => setTimeout(done, 20));
      expect(unhandled).toStrictEqual([]);
    });
  });

  it("regression: a late Response whose getters throw is let go without an unhandled rejection", async () => {
    await collectingUnhandled(async (unhandled) => {
      const hostile = new Proxy(
        {},
        {
          // `then` is read when the value is resolved: only what releaseLate reads throws.
          get(_target, key) {
            if (key === "then") return undefined;
            throw new Error("hostile getter");
          },
        },
      );
      const controller = new AbortController();
      controller.abort(new Error("deadline"));
      await expect(
        untilAborted(Promise.resolve(hostile), controller.signal, releaseLate),
      ).rejects.toThrow("deadline");
      await new Promise((done) => setTimeout(done, 20));
      expect(unhandled).toStrictEqual([]);
    });
  });
});
