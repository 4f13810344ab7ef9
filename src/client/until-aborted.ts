/**
 * Settles as `promise` does, or rejects with `signal`'s reason as soon as it aborts, whichever
 * comes first. A custom `fetch`, or a body stream, that ignores its signal would otherwise hold
 * a request past its timeout, forever if it never settles. The promise that loses is left to
 * settle on its own: `onLate` gets its value (to release it, say a response's body; what it
 * throws is ignored), and its rejection is handled, never reported as unhandled.
 */
export function untilAborted<T>(
  promise: T | PromiseLike<T>,
  signal: AbortSignal,
  onLate?: (value: T) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let lost = false;
    const onAbort = (): void => {
      lost = true;
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        if (!lost) return resolve(value);
        try {
          onLate?.(value);
        } catch {
          // Nobody waits for the late value any more: a failure to release it (a hostile
          // value's getters, say) must not surface as an unhandled rejection, which ends a
          // Node process by default.
        }
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** A signal that aborts after a time, and the way to stop its timer once it is not needed. */
export interface Deadline {
  /** Aborts after the time, with a `DOMException` named `TimeoutError` as its reason. */
  readonly signal: AbortSignal;
  /** Stops the timer (call it once the wait is over). */
  clear(): void;
}

/**
 * A {@link Deadline} after `ms` milliseconds. Unlike `AbortSignal.timeout`, whose timer does
 * not keep the process alive, its timer does until it is cleared: a wait on a promise that
 * nothing else holds the process for (a custom fetch's) must end as a timeout, not with the
 * process exiting mid-request.
 */
export function deadline(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`no answer within ${ms} ms`, "TimeoutError")),
    ms,
  );
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
