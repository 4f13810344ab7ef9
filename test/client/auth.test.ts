// createTokenAuth's bound on an accessToken function (a vault lookup, say): which errors are
// the client's timeout and which are the function's own, and that the bound's timer does not
// outlive the wait it bounds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTokenAuth } from "../../src/client/auth.js";
import { collectingUnhandled, countedSignal } from "./helpers.js";

const URL_ = "https://acme.okta.com/api/v1/devices/d1";
const TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhdHRhY2sifQ.c2lnbmF0dXJlLWF0dGFjaw";
// Timers alive in this process (a ref'd timer keeps a CLI from exiting).
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
const settle = () => new Promise((done) => setTimeout(done, 5));
// Vitest's own timer: it sends task updates at most every 100 ms, the last one on a timer that
// may be pending as a test starts and fire during it. Waited out before a count that must not
// change, so that only the wait under test's timers are counted.
const vitestTimersDone = () => new Promise((done) => setTimeout(done, 150));

describe("an accessToken function's bound", () => {
  it("regression: the caller's abort stops the bound's timer (a token function that never answers held the process for timeoutMs)", async () => {
    const auth = createTokenAuth(
      { accessToken: () => new Promise<string>(() => undefined) },
      600_000,
    );
    await vitestTimersDone();
    const before = timers();
    const controller = new AbortController();
    const reason = new Error("stopped by the caller");
    const pending = auth.headers("GET", URL_, controller.signal);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await settle();
    expect(timers()).toBe(before);
  });

  it("regression: the function's own TimeoutError is its error, not a claim that timeoutMs passed", async () => {
    const own = new DOMException("the vault did not answer", "TimeoutError");
    const auth = createTokenAuth({ accessToken: () => Promise.reject(own) }, 600_000);
    await expect(auth.headers("GET", URL_, undefined)).rejects.toBe(own);
  });

  it("past timeoutMs: OktaTimeoutError naming the request, never the token", async () => {
    let answer: ((token: string) => void) | undefined;
    const auth = createTokenAuth(
      { accessToken: () => new Promise<string>((resolve) => (answer = resolve)) },
      20,
    );
    const error = await auth.headers("GET", URL_, undefined).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "OktaTimeoutError", code: "ETIMEDOUT", method: "GET" });
    answer?.(TOKEN);
    expect(JSON.stringify(error) + String(error)).not.toContain(TOKEN);
  });

  it("a function that throws synchronously, or answers a non-string, fails with its own error or a config error", async () => {
    const thrown = new Error("no vault");
    const throwing = createTokenAuth(
      {
        accessToken: () => {
          throw thrown;
        },
      },
      1000,
    );
    await expect(throwing.headers("GET", URL_, undefined)).rejects.toBe(thrown);
    const wrong = createTokenAuth({ accessToken: () => 42 as unknown as string }, 1000);
    await expect(wrong.headers("GET", URL_, undefined)).rejects.toMatchObject({
      name: "OktaConfigError",
    });
  });

  it("property: however the answer, its timing and the caller's abort interleave, the wait settles once, with the right error, and leaves no timer, listener or unhandled rejection (fast-check)", async () => {
    await collectingUnhandled(async (unhandled) => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("token", "reject", "never"),
          fc.integer({ min: 0, max: 6 }),
          fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
          async (outcome, answerAfter, abortAfter) => {
            const before = timers();
            const { controller, signal, listeners } = countedSignal();
            const own = new Error("own failure");
            const auth = createTokenAuth(
              {
                accessToken: () =>
                  new Promise<string>((resolve, reject) => {
                    if (outcome === "never") return;
                    setTimeout(
                      () => (outcome === "token" ? resolve(TOKEN) : reject(own)),
                      answerAfter,
                    );
                  }),
              },
              // Longer than any step here: only the caller's abort or the answer ends the wait.
              60_000,
            );
            const reason = new Error("caller");
            if (abortAfter !== undefined) setTimeout(() => controller.abort(reason), abortAfter);
            if (outcome === "never" && abortAfter === undefined) return;
            const result = await auth.headers("GET", URL_, signal).then(
              (headers) => headers,
              (error: unknown) => error,
            );
            // Past every step's timer (at most 6 ms): what is left is what the wait left.
            await new Promise((done) => setTimeout(done, 15));
            expect([reason, own, { Authorization: `Bearer ${TOKEN}` }]).toContainEqual(result);
            if (outcome === "never") expect(result).toBe(reason);
            // An aborted signal drops its `once` listeners itself (and never fires again).
            if (!signal.aborted) expect(listeners()).toBe(0);
            expect(timers()).toBeLessThanOrEqual(before);
          },
        ),
        { numRuns: 40 },
      );
      await settle();
      expect(unhandled).toStrictEqual([]);
    });
  });
});
