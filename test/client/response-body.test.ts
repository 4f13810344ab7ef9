import { describe, expect, it } from "vitest";
import { decodeBody } from "../../src/client/response-body.js";

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
