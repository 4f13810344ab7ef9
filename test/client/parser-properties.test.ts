import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findNextLink } from "../../src/client/link-header.js";
import { hasChallengeError } from "../../src/client/www-authenticate.js";

const space = fc.constantFrom("", " ", "  ", "\t");
const token = fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/);

describe("Link header parser (fuzz)", () => {
  it("property: finds exactly the rel=next target among any links, quoting and spacing", () => {
    const target = fc.webUrl().filter((url) => !/[<>]/.test(url));
    const rel = fc.constantFrom("self", "next", "prev", "prev next", "first");
    const link = fc.record({
      target,
      rel,
      quoted: fc.boolean(),
      before: space,
      after: space,
      extra: fc.option(token),
    });
    fc.assert(
      fc.property(fc.array(link, { maxLength: 5 }), (links) => {
        const header = links
          .map((item) => {
            const value = item.quoted || item.rel.includes(" ") ? `"${item.rel}"` : item.rel;
            const extra = item.extra === null ? "" : `;${item.before}type="${item.extra}"`;
            return `<${item.target}>${extra};${item.before}rel${item.after}=${item.after}${value}`;
          })
          .join(", ");
        const expected = links.find((item) => item.rel.split(" ").includes("next"))?.target;
        expect(findNextLink(header)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("property: never throws, and only returns text that sat between < and > in the header", () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom("<", ">", ";", ",", "rel=next", 'rel="next"', '"', "\\"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const header = pieces.join("");
        const found = findNextLink(header);
        if (found !== undefined) expect(header).toContain(`<${found}>`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("DPoP challenge parser (fuzz)", () => {
  it("property: recognises error=use_dpop_nonce in any parameter order, quoting and spacing", () => {
    const param = fc.record({
      name: fc.constantFrom("error", "error_description", "realm", "algs", "xerror"),
      value: fc.constantFrom("use_dpop_nonce", "invalid_token", "use_dpop_nonce_x", "ES256"),
      quoted: fc.boolean(),
      before: space,
      after: space,
    });
    fc.assert(
      fc.property(
        fc.constantFrom("DPoP", "Bearer", "dpop"),
        fc.array(param, { maxLength: 4 }),
        (scheme, params) => {
          const header = `${scheme} ${params
            .map(
              (item) =>
                `${item.name}${item.before}=${item.after}${item.quoted ? `"${item.value}"` : item.value}`,
            )
            .join(", ")}`;
          const expected = params.some(
            (item) => item.name === "error" && item.value === "use_dpop_nonce",
          );
          expect(hasChallengeError(header, "use_dpop_nonce")).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
