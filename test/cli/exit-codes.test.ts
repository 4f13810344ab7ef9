// The exit-code and advice tables are indexed by a failure reason, a string that may come
// from a server's answer: no Object.prototype name may answer for it (issue 12 §4).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADVICE, adviceFor, EXIT_CODES, exitCodeFor } from "../../src/cli/exit-codes.js";
import { PROTOTYPE_NAMES } from "../helpers/prototype-names.js";

describe("exitCodeFor and adviceFor", () => {
  it.each(PROTOTYPE_NAMES)("%s gets unexpected_response's exit code and advice", (name) => {
    expect(exitCodeFor(name)).toBe(EXIT_CODES.unexpected_response);
    expect(adviceFor(name)).toBe(ADVICE.unexpected_response);
  });

  it("every known reason keeps its own code and advice", () => {
    for (const [reason, code] of Object.entries(EXIT_CODES)) {
      expect(exitCodeFor(reason)).toBe(code);
      expect(adviceFor(reason)).toBe(ADVICE[reason as keyof typeof ADVICE]);
    }
  });

  it("any other string gets a number and a string, never a function or undefined", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_NAMES)), (reason) => {
        expect(Number.isInteger(exitCodeFor(reason))).toBe(true);
        expect(typeof adviceFor(reason)).toBe("string");
      }),
    );
  });
});
