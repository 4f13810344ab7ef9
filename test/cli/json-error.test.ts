// The CLI's report of input that is not JSON names where, never what: from Node 22 on,
// JSON.parse's own message quotes the text, which may be a file of secrets given by mistake.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonErrorPosition } from "../../src/cli/json-error.js";

// What V8 12+ (Node 22, 24) says, whatever the Node running this test says.
const V8_MESSAGES = [
  (text: string) => `Unexpected token '${text[0]}', "${text}" is not valid JSON`,
  (text: string) => `Unexpected token '${text[0]}', "${text.slice(0, 10)}"... is not valid JSON`,
  (text: string) =>
    `Unexpected non-whitespace character after JSON at position 4 (line 1 column 5) "${text}"`,
];

describe("jsonErrorPosition", () => {
  it("keeps the position and drops the quoted text", () => {
    expect(
      jsonErrorPosition(new SyntaxError("Unexpected token 'h', \"hunter2\" is not valid JSON")),
    ).toBe("");
    expect(
      jsonErrorPosition(
        new SyntaxError(
          "Expected ',' or '}' after property value in JSON at position 19 (line 1 column 20)",
        ),
      ),
    ).toBe("at character 20");
    expect(jsonErrorPosition(new SyntaxError("Unexpected end of JSON input"))).toBe(
      "(it ends too early)",
    );
  });

  it("never returns any of the text, whatever the text and the message's shape", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 6, maxLength: 60 }).filter((text) => !/^\d+$/.test(text.trim())),
        fc.constantFrom(...V8_MESSAGES),
        (text, message) => {
          const said = jsonErrorPosition(new SyntaxError(message(text)));
          expect(said).toMatch(/^(at character [1-9]\d*|\(it ends too early\)|)$/);
          if (said !== "") expect(said).not.toContain(text);
        },
      ),
    );
  });

  it("agrees with this Node's JSON.parse on real inputs", () => {
    for (const text of ['{"a":1 x}', "{broken", "[1,", "x00Xq7vK2pLm9Rt4W"]) {
      let error: unknown;
      try {
        JSON.parse(text);
      } catch (caught) {
        error = caught;
      }
      expect(jsonErrorPosition(error)).not.toContain(text);
    }
  });
});
