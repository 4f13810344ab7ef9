/**
 * Settles as `promise` does, or rejects with `signal`'s reason as soon as it aborts, whichever
 * comes first. A custom `fetch`, or a body stream, that ignores its signal would otherwise hold
 * a request past its timeout, forever if it never settles. The promise that loses is left to
 * settle on its own: `onLate` gets its value (to release it, say a response's body), and its
 * rejection is handled, never reported as unhandled.
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
        if (lost) onLate?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
