import { generateKeyPairSync, randomUUID, sign } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_MAX_SEEN_JTIS, JtiMemory } from "../../src/testing/jti-memory.js";
import { FakeAuthorizationServer } from "../../src/testing/oauth-server.js";

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

describe("JtiMemory: the fake authorization server's replay memory is bounded", () => {
  it("regression: with max 3, a 4th live jti is refused (not let through); once they expire, new ones are taken", () => {
    const memory = new JtiMemory(3);
    for (const jti of ["a", "b", "c"]) expect(memory.remember(jti, T0 + 300_000, T0)).toBe("new");
    expect(memory.remember("d", T0 + 300_000, T0 + 1)).toBe("full");
    expect(memory.size).toBe(3);
    // Still refused as replays while live, full or not.
    expect(memory.remember("a", T0 + 300_000, T0 + 2)).toBe("replay");
    // After their tokens expired: swept, and the new one is accepted.
    const later = T0 + 300_001;
    expect(memory.remember("d", later + 300_000, later)).toBe("new");
    expect(memory.size).toBe(1);
  });

  it("keeps at most twice the live jtis while far below the cap (expired ones are swept as it grows)", () => {
    const memory = new JtiMemory();
    // 5,000 proofs over ~83 minutes, each usable for 60 s: only about 60 are live at once.
    let largest = 0;
    let refused = 0;
    for (let index = 0; index < 5000; index++) {
      const now = T0 + index * 1000;
      if (memory.remember(`jti-${index}`, now + 60_000, now) !== "new") refused++;
      largest = Math.max(largest, memory.size);
    }
    expect(refused).toBe(0);
    // Without sweeping it would hold 5,000; it is swept when it reaches 1,024.
    expect(largest).toBe(1024);
    expect(memory.size).toBeLessThan(1024);
    expect(DEFAULT_MAX_SEEN_JTIS).toBe(100_000);
  });

  it("refuses a maximum that is not a whole number of at least 1", () => {
    for (const max of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new JtiMemory(max)).toThrow(RangeError);
    }
  });

  it("property: never lets a live jti through, refuses only when max live jtis are held, never holds more than max", () => {
    const op = fc.record({
      advanceMs: fc.integer({ min: 0, max: 40_000 }),
      jti: fc.integer({ min: 0, max: 30 }).map((n) => `j${n}`),
      lifetimeMs: fc.integer({ min: 0, max: 120_000 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(op, { maxLength: 200 }), (max, ops) => {
        const memory = new JtiMemory(max);
        const model = new Map<string, number>(); // every accepted jti, never forgotten
        let now = T0;
        for (const { advanceMs, jti, lifetimeMs } of ops) {
          now += advanceMs;
          const live = [...model.values()].filter((until) => until >= now).length;
          const verdict = memory.remember(jti, now + lifetimeMs, now);
          const known = model.get(jti);
          if (known !== undefined && known >= now) expect(verdict).toBe("replay");
          else if (verdict === "full") expect(live).toBeGreaterThanOrEqual(max);
          else expect(verdict).toBe("new");
          if (verdict === "new") model.set(jti, now + lifetimeMs);
          expect(memory.size).toBeLessThanOrEqual(max);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("FakeAuthorizationServer with maxSeenJtis", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const TOKEN_URL = "http://127.0.0.1:1/oauth2/v1/token";
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  function assertion(jti: string, nowSeconds: number): string {
    const input = `${part({ alg: "RS256" })}.${part({
      iss: "0oa-jti",
      sub: "0oa-jti",
      aud: TOKEN_URL,
      iat: nowSeconds,
      exp: nowSeconds + 300,
      jti,
    })}`;
    return `${input}.${sign("sha256", Buffer.from(input), privateKey).toString("base64url")}`;
  }
  function form(jwt: string): URLSearchParams {
    return new URLSearchParams({
      grant_type: "client_credentials",
      scope: "okta.devices.read",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: jwt,
    });
  }

  it("regression: crosses the bound: 503 when full, a replay still 401, and new assertions accepted once the old ones expire", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const server = new FakeAuthorizationServer({
      clientId: "0oa-jti",
      publicKey: publicKey.export({ format: "pem", type: "spki" }).toString(),
      maxSeenJtis: 2,
    });
    const seconds = () => Math.floor(Date.now() / 1000);
    const first = assertion(randomUUID(), seconds());
    expect(server.token(form(first), undefined, TOKEN_URL).status).toBe(200);
    expect(
      server.token(form(assertion(randomUUID(), seconds())), undefined, TOKEN_URL).status,
    ).toBe(200);
    expect(server.stats.jtisRemembered).toBe(2);
    const full = server.token(form(assertion(randomUUID(), seconds())), undefined, TOKEN_URL);
    expect(full).toMatchObject({ status: 503, body: { error: "temporarily_unavailable" } });
    expect(server.token(form(first), undefined, TOKEN_URL)).toMatchObject({
      status: 401,
      body: { error_description: "The client_assertion jti was already used." },
    });
    expect(server.stats.jtisRemembered).toBe(2);
    // 301 s later the first two have expired: forgotten, and a replay of one is refused for its exp.
    vi.setSystemTime(T0 + 301_000);
    expect(
      server.token(form(assertion(randomUUID(), seconds())), undefined, TOKEN_URL).status,
    ).toBe(200);
    expect(server.stats.jtisRemembered).toBe(1);
    expect(server.token(form(first), undefined, TOKEN_URL)).toMatchObject({
      status: 401,
      body: { error_description: expect.stringMatching(/exp/) },
    });
    expect(server.stats.tokensIssued).toBe(3);
  });
});
