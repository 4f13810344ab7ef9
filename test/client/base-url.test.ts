import { describe, expect, it } from "vitest";
import { normalizeBaseUrl } from "../../src/client/base-url.js";
import { OktaConfigError } from "../../src/client/index.js";

describe("normalizeBaseUrl", () => {
  it.each([
    ["https://acme.okta.com", "https://acme.okta.com"],
    ["https://acme.okta.com/", "https://acme.okta.com"],
    ["  https://ACME.okta.com/  ", "https://acme.okta.com"],
    ["https://acme.oktapreview.com", "https://acme.oktapreview.com"],
    ["https://acme.okta-emea.com", "https://acme.okta-emea.com"],
    ["https://acme.okta-gov.com", "https://acme.okta-gov.com"],
    ["https://acme.okta.mil", "https://acme.okta.mil"],
    ["https://login.acme.example", "https://login.acme.example"],
  ])("accepts %j as %s", (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
  });

  it("accepts http only for loopback with allowInsecureHttp", () => {
    expect(normalizeBaseUrl("http://127.0.0.1:8080", true)).toBe("http://127.0.0.1:8080");
    expect(normalizeBaseUrl("http://localhost:8080/", true)).toBe("http://localhost:8080");
    expect(() => normalizeBaseUrl("http://127.0.0.1:8080")).toThrow(/allowInsecureHttp/);
    expect(() => normalizeBaseUrl("http://acme.okta.com", true)).toThrow(
      /only reachable over https/,
    );
  });

  it.each([
    ["", /empty/],
    ["https://{yourOktaDomain}", /placeholder/],
    ["https://yourOktaDomain.okta.com", /placeholder/],
    ["acme.okta.com", /not a URL/],
    ["ftp://acme.okta.com", /https/],
    ["https://acme-admin.okta.com", /Admin Console.*https:\/\/acme\.okta\.com/],
    ["https://acme.okta.com/api/v1", /must not have a path/],
    ["https://acme.okta.com/oauth2/default", /must not have a path/],
    ["https://acme.okta.com?x=1", /query/],
    ["https://acme.okta.com/#top", /fragment/],
    ["https://acme.okta.com.com", /mistyped/],
    ["https://acme..okta.com", /mistyped|not a URL/],
    ["https://user:pass@acme.okta.com", /credentials/],
    ["https://okta", /full domain/],
  ])("rejects %j with a message that says what is wrong", (input, message) => {
    let error: unknown;
    try {
      normalizeBaseUrl(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OktaConfigError);
    expect((error as OktaConfigError).reason).toBe("invalid_base_url");
    expect((error as Error).message).toMatch(message);
  });

  it("does not echo credentials given in the URL", () => {
    expect(() => normalizeBaseUrl("https://user:s3cr3t@acme.okta.com")).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("s3cr3t") }),
    );
  });
});
