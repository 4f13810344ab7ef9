import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  codePointLength,
  fitsLength,
  isOcsf13Hostname,
  OCSF_1_3_HOSTNAME_PATTERN,
} from "../../src/ocsf/version-features.js";

// The official 1.3.0 hostname_t regex, as the schema writes it.
const OFFICIAL =
  "^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])\\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\\-]*[A-Za-z0-9])$";

describe("OCSF 1.3.0 hostnames", () => {
  it("the hand-written check agrees with the official pattern on names made of its edge characters", () => {
    const official = new RegExp(OFFICIAL, "u");
    const name = fc.string({
      unit: fc.constantFrom("a", "Z", "0", "9", "-", ".", "_", " ", "'", "é", "\u{1F4F1}"),
      maxLength: 12,
    });
    fc.assert(
      fc.property(name, (text) => {
        expect(isOcsf13Hostname(text)).toBe(official.test(text));
        expect(OCSF_1_3_HOSTNAME_PATTERN.test(text)).toBe(official.test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["Mary's iPhone", false],
    ["mary-mbp.corp.example.com", true],
    ["a", true],
    ["a.", false],
    [".a", false],
    ["a..b", false],
    ["a-.b", false],
    ["", false],
  ])("%j is a hostname: %s", (text, expected) => {
    expect(isOcsf13Hostname(text)).toBe(expected);
  });
});

describe("string lengths as JSON Schema counts them", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(codePointLength("\u{1F4F1}\u{1F4F1}")).toBe(2);
    expect(fitsLength("\u{1F4F1}".repeat(3), 3)).toBe(true);
    expect(fitsLength("abcd", 3)).toBe(false);
  });
});
