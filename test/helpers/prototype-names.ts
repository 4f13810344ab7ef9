/** Every name Object.prototype answers to, including the accessor `__proto__` (issue 12 §4). */
export const PROTOTYPE_NAMES: readonly string[] = [
  ...new Set([...Object.getOwnPropertyNames(Object.prototype), "__proto__"]),
];
