import { describe, expect, it } from "vitest";
import { findNextLink } from "../../src/client/link-header.js";

describe("findNextLink", () => {
  it("finds next among Okta's two Link headers as Headers joins them", () => {
    const headers = new Headers();
    headers.append("link", '<https://a.okta.com/api/v1/devices?limit=200>; rel="self"');
    headers.append("link", '<https://a.okta.com/api/v1/devices?after=guo1&limit=200>; rel="next"');
    expect(findNextLink(headers.get("link"))).toBe(
      "https://a.okta.com/api/v1/devices?after=guo1&limit=200",
    );
  });

  it("returns undefined on the last page (self only) and without a header", () => {
    expect(findNextLink('<https://a.okta.com/api/v1/devices>; rel="self"')).toBeUndefined();
    expect(findNextLink(null)).toBeUndefined();
  });

  it("handles unquoted and multi-valued rel, and extra parameters", () => {
    expect(findNextLink("<https://x/1>; rel=next")).toBe("https://x/1");
    expect(findNextLink('<https://x/2>; type="application/json"; rel="prev next"')).toBe(
      "https://x/2",
    );
  });

  it("keeps commas inside the URL", () => {
    expect(findNextLink('<https://x/?search=a,b>; rel="next"')).toBe("https://x/?search=a,b");
  });
});
