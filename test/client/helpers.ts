import {
  createOktaDeviceClient,
  type OktaDeviceClient,
  type OktaDeviceClientOptions,
} from "../../src/client/index.js";
import type { FakeOktaOrg } from "../../src/testing/index.js";

/** A client of the fake org with quick retries, so fault tests run fast. */
export function clientFor(
  org: FakeOktaOrg,
  options: Partial<OktaDeviceClientOptions> = {},
): OktaDeviceClient {
  return createOktaDeviceClient({
    baseUrl: org.baseUrl,
    auth: { apiToken: org.token },
    allowInsecureHttp: true,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    rateLimit: { jitterMs: 5 },
    timeoutMs: 2000,
    ...options,
  });
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** An AbortController whose signal counts the listeners added and not yet removed. */
export function countedSignal(): {
  controller: AbortController;
  signal: AbortSignal;
  listeners: () => number;
} {
  const controller = new AbortController();
  const { signal } = controller;
  let listeners = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<typeof add>) => {
    listeners++;
    add(...args);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    listeners--;
    remove(...args);
  }) as typeof signal.removeEventListener;
  return { controller, signal, listeners: () => listeners };
}

/**
 * Runs `body` with the process's unhandled rejections collected in the array it is given (a
 * wait that leaves one behind would end a Node process by default).
 */
export async function collectingUnhandled(
  body: (unhandled: unknown[]) => Promise<void>,
): Promise<void> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    await body(unhandled);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
}
