/**
 * Turns a function that fills `this` into a constructor of plain objects.
 *
 * Why: V8 gives objects made by a constructor in-object room for every property the
 * constructor may add (slack tracking), whereas properties added one by one to an object
 * literal go to a backing store that is re-allocated as it grows. For event objects with
 * many optional properties this halves their cost, and mapping whole orgs is this library's
 * hot path. The prototype is `Object.prototype`, so the objects are indistinguishable from
 * literals (`constructor === Object`, same JSON, same deep equality).
 */
export function plainConstructor<Args extends unknown[], T extends object>(
  fill: (this: T, ...args: Args) => void,
): new (
  ...args: Args
) => T {
  fill.prototype = Object.prototype;
  return fill as unknown as new (
    ...args: Args
  ) => T;
}
