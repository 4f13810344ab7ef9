import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OktaClientError } from "../../src/client/errors.js";
import { decodeBody, parseBody } from "../../src/client/response-body.js";
import { registerSecret } from "../../src/client/secrets.js";

describe("decodeBody", () => {
  it("decodes chunks as one text, replacing invalid UTF-8 as Response.text() does", async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9, 0xff, 0x62]);
    const expected = await new Response(bytes).text();
    // Cut inside the two-byte character: the chunks are decoded as one text.
    expect(decodeBody([bytes.subarray(0, 4), bytes.subarray(4, 5), bytes.subarray(5)])).toBe(
      expected,
    );
    expect(decodeBody([bytes])).toBe(expected);
    expect(decodeBody([])).toBe("");
  });
});

// Attack on the merged 12a redaction: a body that is not JSON made the error's cause V8's
// SyntaxError, whose message quotes about ten characters of the body around the fault
// (`Unexpected token 'T', "[Tq3v9XyZ_a"... is not valid JSON`): a piece of an echoed secret
// too short for the redaction to recognise, kept in `error.cause`.
describe("parseBody never quotes the body in its cause", () => {
  const url = "https://acme.okta.com/api/v1/devices";
  const failure = (text: string): OktaClientError => {
    try {
      parseBody([new TextEncoder().encode(text)], url, { url, method: "GET", status: 200 });
    } catch (error) {
      return error as OktaClientError;
    }
    throw new Error("parseBody accepted a body that is not JSON");
  };
  // Without the stack: its frames name the test's own code (fast-check's "Property").
  const printed = (error: unknown) => {
    Object.defineProperty(error, "stack", { value: "" });
    return `${inspect(error, { showHidden: true, depth: 8 })}${JSON.stringify(error)}`;
  };

  it("regression: an echoed API token in a body that is not JSON leaves no piece in the cause", () => {
    const token = "00Tq3v9XyZ_abcDEFghiJKLmnoPQRstuVWX-12345678";
    registerSecret(token);
    for (const body of [`[${token.slice(2)}]`, `{"a": ${token.slice(2)}}`, token.slice(2, 12)]) {
      const error = failure(body);
      expect(error.reason).toBe("unexpected_response");
      expect((error.cause as Error).message).toBe(
        "Unexpected token 'T' in the body (not valid JSON)",
      );
      expect(printed(error)).not.toContain("Tq3v9X");
    }
    // A fault without a quote keeps V8's message as it is.
    expect((failure('{"a":1} x').cause as Error).message).toMatch(/position 8/);
  });

  it("property: no six characters of a secret in a body that is not JSON reach the error", () => {
    const baseline = printed(failure("[x]"));
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{15,59}$/),
        fc.constantFrom("[", '{"a": ', "", '["x", ', "<"),
        fc.constantFrom("]", "}", "", " tail"),
        (secret, before, after) => {
          const windows = Array.from({ length: secret.length - 5 }, (_, at) =>
            secret.slice(at, at + 6),
          );
          fc.pre(windows.every((window) => !baseline.includes(window)));
          const text = printed(failure(`${before}${secret}${after}`));
          for (const window of windows) expect(text).not.toContain(window);
        },
      ),
      { numRuns: 500 },
    );
  });
});
