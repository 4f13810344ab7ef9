// Issue 12 §4 (error fields that are Object.prototype names), §5 (a null element with a
// checkpoint) and §6 (a checkpoint never skips data), against servers on 127.0.0.1.
import { generateKeyPairSync, type JsonWebKey } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  advanceCheckpoint,
  CHECKPOINT_CLOCK_TOLERANCE_MS,
  CheckpointTimeError,
  createOktaDeviceClient,
  type DeviceCheckpoint,
  OktaClientError,
  OktaConfigError,
  type OktaFailureReason,
  OktaOAuthError,
  testOktaConnection,
} from "../../src/client/index.js";
import { mapOktaDevices } from "../../src/index.js";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";
import { PROTOTYPE_NAMES } from "../helpers/prototype-names.js";
import { clientFor, collect } from "./helpers.js";

const KNOWN_REASONS: readonly OktaFailureReason[] = [
  "invalid_base_url",
  "invalid_options",
  "invalid_token",
  "invalid_client",
  "invalid_scope",
  "dpop_error",
  "forbidden",
  "not_found",
  "bad_request",
  "rate_limited",
  "network",
  "server_error",
  "unexpected_response",
];

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const servers: Server[] = [];
let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
  await org?.close();
  org = undefined;
});

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function json(response: ServerResponse, status: number, body: unknown, headers = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(text);
}

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privateJwk = rsa.privateKey.export({ format: "jwk" }) as JsonWebKey;

function oauthOptions(baseUrl: string) {
  return {
    baseUrl,
    auth: { oauth: { clientId: "0oa1test000000000001", privateKey: privateJwk as never } },
    allowInsecureHttp: true,
    retry: { limit: 0 },
  };
}

// Every value of an error's toJSON() is plain data: no function, no inherited object.
function expectPlainData(value: unknown): void {
  if (value === null || value === undefined) return;
  expect(["string", "number", "boolean", "object"]).toContain(typeof value);
  if (typeof value === "object") {
    for (const child of Object.values(value as object)) expectPlainData(child);
  }
}

describe("OAuth error values that are Object.prototype names (issue 12 §4)", () => {
  it('400 {"error":"constructor"} makes reason unexpected_response, a string', async () => {
    const baseUrl = await serve((_request, response) =>
      json(response, 400, { error: "constructor" }),
    );
    const result = await testOktaConnection(oauthOptions(baseUrl));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe("unexpected_response");
    expect(typeof result.message).toBe("string");
    expect(result.message).not.toMatch(/function|native code/);
  });

  it("property: any prototype name as error or error_description, any status", async () => {
    let answer = { status: 400, body: {} as Record<string, unknown> };
    const baseUrl = await serve((_request, response) => json(response, answer.status, answer.body));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PROTOTYPE_NAMES),
        fc.constantFrom("error", "error_description", "both"),
        fc.constantFrom(400, 401, 403, 500),
        async (name, field, status) => {
          answer = {
            status,
            body: {
              ...(field !== "error_description" ? { error: name } : { error: "invalid_client" }),
              ...(field !== "error" ? { error_description: name } : {}),
            },
          };
          const result = await testOktaConnection(oauthOptions(baseUrl));
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(KNOWN_REASONS).toContain(result.reason);
          if (field !== "error_description") {
            expect(result.reason).toBe(status >= 500 ? "server_error" : "unexpected_response");
          }
          const thrown = await collect(
            createOktaDeviceClient(oauthOptions(baseUrl)).listDevices(),
          ).catch((error: unknown) => error);
          expect(thrown).toBeInstanceOf(OktaOAuthError);
          const error = thrown as OktaOAuthError;
          expect(KNOWN_REASONS).toContain(error.reason);
          expectPlainData(error.toJSON());
          expect(JSON.stringify(error.toJSON())).not.toMatch(/native code/);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("Okta API error fields that are Object.prototype names (issue 12 §4)", () => {
  it("property: errorCode, errorSummary, errorCauses as prototype names, any status", async () => {
    let answer = { status: 400, body: {} as Record<string, unknown>, headers: {} };
    const baseUrl = await serve((_request, response) =>
      json(response, answer.status, answer.body, answer.headers),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PROTOTYPE_NAMES),
        fc.constantFrom(400, 401, 403, 404, 405, 418, 500),
        async (name, status) => {
          answer = {
            status,
            body: {
              errorCode: name,
              errorSummary: name,
              errorLink: name,
              errorId: name,
              errorCauses: [{ errorSummary: name }],
            },
            headers: { "WWW-Authenticate": `SSWS error="${name}"`, "X-Okta-Request-Id": name },
          };
          const client = createOktaDeviceClient({
            baseUrl,
            auth: { apiToken: "00fuzzfuzzfuzzfuzz" },
            allowInsecureHttp: true,
            retry: { limit: 0 },
          });
          const thrown = await collect(client.listDevices()).catch((error: unknown) => error);
          expect(thrown).toBeInstanceOf(OktaClientError);
          const error = thrown as OktaClientError;
          expect(KNOWN_REASONS).toContain(error.reason);
          expect(error.errorCode).toBe(name);
          expectPlainData(error.toJSON());
          const result = await client.testConnection();
          expect(result.ok).toBe(false);
          if (!result.ok) expect(KNOWN_REASONS).toContain(result.reason);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("a null element in a page (issue 12 §5)", () => {
  it("with a checkpoint that has ids, is passed on (and reported by the mapper), not a TypeError", async () => {
    const device = {
      id: "guo1null0000000000001",
      status: "ACTIVE",
      created: "2025-01-01T00:00:00.000Z",
      lastUpdated: "2025-06-01T00:00:00.000Z",
      profile: { displayName: "d", platform: "WINDOWS", registered: true },
    };
    const seen = { ...device, id: "guo1seen0000000000001" };
    const baseUrl = await serve((_request, response) => json(response, 200, [null, seen, device]));
    const client = createOktaDeviceClient({
      baseUrl,
      auth: { apiToken: "00nullnullnullnull" },
      allowInsecureHttp: true,
    });
    const checkpoint: DeviceCheckpoint = { lastUpdated: device.lastUpdated, ids: [seen.id] };
    const pages = await collect(client.listDevicePages({ updatedSince: checkpoint }));
    expect(pages[0]?.devices).toStrictEqual([null, device]);
    expect(pages[0]?.skippedAtBoundary).toBe(1);
    const results = [];
    for await (const result of mapOktaDevices(client.listDevices({ updatedSince: checkpoint }))) {
      results.push(result);
    }
    expect(results.map((result) => result.ok)).toStrictEqual([false, true]);
    expect(results[0]?.ok === false && results[0].error.message).toMatch(
      /must be an object, got null/,
    );
    expect(() => advanceCheckpoint(checkpoint, null as never)).toThrow(CheckpointTimeError);
  });
});

describe("a checkpoint never skips data (issue 12 §6)", () => {
  const base: DeviceCheckpoint = { lastUpdated: "2025-01-01T00:00:00.000Z", ids: ["a"] };

  it.each([
    "2999-01-01",
    "March 7",
    "0",
    "2025-08-26T09:30:00",
    "2025-02-30T00:00:00Z",
    "",
    "2025-08-26T09:30:00.000Zjunk",
  ])("refuses lastUpdated %j and keeps the checkpoint", (lastUpdated) => {
    let thrown: unknown;
    try {
      advanceCheckpoint(base, { id: "b", lastUpdated });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CheckpointTimeError);
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as CheckpointTimeError).reason).toBe("invalid");
    expect((thrown as CheckpointTimeError).deviceId).toBe("b");
    expect((thrown as Error).message).toContain('"lastUpdated"');
  });

  it("never moves to a time later than the server's clock, and reports it", () => {
    const now = Date.parse("2025-06-01T12:00:00Z");
    expect(() =>
      advanceCheckpoint(base, { id: "b", lastUpdated: "2999-01-01T00:00:00.000Z" }, { now }),
    ).toThrow(/later than the server's clock/);
    expect(() =>
      advanceCheckpoint(base, { id: "b", lastUpdated: "2999-01-01T00:00:00.000Z" }),
    ).toThrow(CheckpointTimeError);
    // Within the tolerance it moves; just past it, it does not.
    const within = new Date(now + CHECKPOINT_CLOCK_TOLERANCE_MS).toISOString();
    expect(advanceCheckpoint(base, { id: "b", lastUpdated: within }, { now }).lastUpdated).toBe(
      within,
    );
    const past = new Date(now + CHECKPOINT_CLOCK_TOLERANCE_MS + 1).toISOString();
    expect(() => advanceCheckpoint(base, { id: "b", lastUpdated: past }, { now })).toThrow(
      CheckpointTimeError,
    );
  });

  it("property: the checkpoint is the newest acceptable time, never beyond the clock", () => {
    const now = Date.parse("2025-06-01T12:00:00Z");
    const time = fc.oneof(
      fc
        .integer({ min: now - 10 * 86_400_000, max: now + 10 * 86_400_000 })
        .map((ms) => new Date(ms).toISOString()),
      fc.constantFrom("2999-01-01", "March 7", "0", "2025-02-30T00:00:00Z", "2025-06-01T10:00:00"),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom("a", "b", "c", "d"), lastUpdated: time }), {
          maxLength: 30,
        }),
        (devices) => {
          let checkpoint: DeviceCheckpoint | undefined;
          for (const device of devices) {
            try {
              checkpoint = advanceCheckpoint(checkpoint, device, { now });
            } catch (error) {
              expect(error).toBeInstanceOf(CheckpointTimeError);
            }
          }
          const acceptable = devices
            .map((device) => ({
              ...device,
              ms: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(device.lastUpdated)
                ? Date.parse(device.lastUpdated)
                : Number.NaN,
            }))
            .filter(
              (device) =>
                Number.isFinite(device.ms) && device.ms <= now + CHECKPOINT_CLOCK_TOLERANCE_MS,
            );
          if (acceptable.length === 0) {
            expect(checkpoint).toBeUndefined();
            return;
          }
          const newest = Math.max(...acceptable.map((device) => device.ms));
          expect(checkpoint && Date.parse(checkpoint.lastUpdated)).toBe(newest);
          const ids = [
            ...new Set(
              acceptable.filter((device) => device.ms === newest).map((device) => device.id),
            ),
          ];
          expect([...(checkpoint?.ids ?? [])].sort()).toStrictEqual(ids.sort());
        },
      ),
      { numRuns: 500 },
    );
  });

  it("refuses updatedSince strings that are not strict ISO 8601", async () => {
    org = await startFakeOktaOrg({ count: 3 });
    for (const since of [
      "March 7",
      "0",
      "2025-08-26",
      "2025-02-30T00:00:00Z",
      "2025-08-26T09:30:00",
    ]) {
      await expect(collect(clientFor(org).listDevices({ updatedSince: since }))).rejects.toThrow(
        OktaConfigError,
      );
    }
    await expect(
      collect(clientFor(org).listDevices({ updatedSince: { lastUpdated: "2999-01-01", ids: [] } })),
    ).rejects.toThrow(OktaConfigError);
    expect(org.requests).toHaveLength(0);
  });

  it("a device from the future does not move a checkpoint taken with the page's serverTime; later runs still see updates", async () => {
    org = await startFakeOktaOrg({ count: 20 });
    const future = org.devices[5]?.id ?? "";
    org.updateDevice(future, {}, "2999-01-01T00:00:00.000Z");
    let serverTime: number | undefined;
    const client = clientFor(org, {
      hooks: {
        onPage: [
          (page) => {
            serverTime = page.serverTime;
          },
        ],
      },
    });
    let checkpoint: DeviceCheckpoint | undefined;
    const refused: string[] = [];
    for await (const device of client.listDevices()) {
      expect(serverTime).toBeDefined();
      expect(Math.abs((serverTime ?? 0) - Date.now())).toBeLessThan(60_000);
      try {
        checkpoint = advanceCheckpoint(checkpoint, device, { now: serverTime });
      } catch (error) {
        if (!(error instanceof CheckpointTimeError)) throw error;
        refused.push(error.deviceId ?? "");
      }
    }
    expect(refused).toStrictEqual([future]);
    expect(checkpoint?.lastUpdated.startsWith("2999")).toBe(false);
    // A genuine update after the run is found by the next one.
    const updated = org.devices[7]?.id ?? "";
    org.updateDevice(updated, { status: "SUSPENDED" });
    const next = await collect(clientFor(org).listDevices({ updatedSince: checkpoint }));
    expect(next.map((device) => device.id)).toContain(updated);
  });
});
