import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deviceUrl } from "../../src/client/device-url.js";
import { createOktaDeviceClient, OktaConfigError } from "../../src/client/index.js";

const ORIGIN = "https://acme.okta.com";

describe("a device id can never change the request path", () => {
  it("regression: getDevice('..') and listDeviceUsers('..') are refused before any request", async () => {
    const requested: string[] = [];
    const client = createOktaDeviceClient({
      baseUrl: ORIGIN,
      auth: { apiToken: "00device-url-test-token" },
      fetch: async (input) => {
        const url = String(input instanceof Request ? input.url : input);
        requested.push(url);
        const body = url.endsWith("/users") ? "[]" : "{}";
        return new Response(body, { headers: { "content-type": "application/json" } });
      },
    });
    await expect(client.getDevice("..")).rejects.toBeInstanceOf(OktaConfigError);
    await expect(client.listDeviceUsers("..")).rejects.toBeInstanceOf(OktaConfigError);
    expect(requested).toEqual([]);
    await client.getDevice("%2e%2e");
    await client.listDeviceUsers("a/../../users");
    expect(requested).toEqual([
      `${ORIGIN}/api/v1/devices/%252e%252e`,
      `${ORIGIN}/api/v1/devices/a%2F..%2F..%2Fusers/users`,
    ]);
  });

  it.each([".", "..", "", "\ud800"])("refuses %j", (id) => {
    expect(() => deviceUrl(ORIGIN, id)).toThrow(OktaConfigError);
  });

  it.each(["guo4a5u7YAHhjXrMK0g4", "%2e%2e", "..%2f", "a/b", "a\\b", "?x", "#x", "...", " . "])(
    "keeps %j as one encoded segment",
    (id) => {
      const url = new URL(deviceUrl(ORIGIN, id, "/users"));
      const segments = url.pathname.split("/");
      expect(segments.slice(0, 4)).toEqual(["", "api", "v1", "devices"]);
      expect(segments).toHaveLength(6);
      expect(decodeURIComponent(segments[4] as string)).toBe(id);
      expect(url.search).toBe("");
      expect(url.hash).toBe("");
    },
  );

  it("property: any id gives /api/v1/devices/<that id> on the origin, or OktaConfigError", () => {
    const id = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: fc.constantFrom(".", "/", "\\", "%", "2", "e", "E", "f", "?", "#", "a") }),
    );
    fc.assert(
      fc.property(id, fc.constantFrom("" as const, "/users" as const), (value, suffix) => {
        let href: string;
        try {
          href = deviceUrl(ORIGIN, value, suffix);
        } catch (error) {
          expect(error).toBeInstanceOf(OktaConfigError);
          return;
        }
        const url = new URL(href);
        expect(url.origin).toBe(ORIGIN);
        const rest = url.pathname.slice("/api/v1/devices/".length);
        expect(url.pathname.startsWith("/api/v1/devices/")).toBe(true);
        const segment = suffix === "" ? rest : rest.slice(0, -suffix.length);
        expect(segment).not.toContain("/");
        expect(decodeURIComponent(segment)).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("a very long device id (attack on issue 12 §7)", () => {
  it("regression: a 100000-character id is refused before any request, without quoting it", async () => {
    const requested: string[] = [];
    const client = createOktaDeviceClient({
      baseUrl: ORIGIN,
      auth: { apiToken: "00device-url-test-token" },
      fetch: async (input) => {
        requested.push(String(input instanceof Request ? input.url : input));
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
    });
    const id = "x".repeat(100_000);
    const error = await client.getDevice(id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaConfigError);
    expect((error as Error).message.length).toBeLessThan(200);
    await expect(client.listDeviceUsers(id)).rejects.toBeInstanceOf(OktaConfigError);
    expect(requested).toEqual([]);
  });

  it("property: an id is accepted up to 256 characters and refused beyond, whatever its characters", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 400, size: "max" }),
        (id) => {
          fc.pre(id !== "." && id !== "..");
          if (id.length > 256) {
            expect(() => deviceUrl(ORIGIN, id)).toThrow(/at most 256 characters/);
          } else {
            expect(new URL(deviceUrl(ORIGIN, id)).pathname.split("/")).toHaveLength(5);
          }
        },
      ),
      // Shrinking long grapheme strings takes minutes: the first counterexample says enough.
      { endOnFailure: true },
    );
  });
});
