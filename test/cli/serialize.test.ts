import { describe, expect, it } from "vitest";
import { serializeEvent } from "../../src/cli/serialize.js";

describe("serializeEvent (issue 12 §5: a record that cannot be written fails alone)", () => {
  it("writes an event as one NDJSON line", () => {
    expect(serializeEvent({ a: 1 })).toStrictEqual({ ok: true, line: '{"a":1}\n' });
  });

  it("returns, never throws, for what JSON cannot write", () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [deep, cyclic, { n: 1n }]) {
      const result = serializeEvent(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/^could not be written as JSON \(\w+Error: /);
    }
  });
});
