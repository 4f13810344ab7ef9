import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeOktaOrg, startFakeOktaOrg } from "../../src/testing/index.js";

let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

function rawGet(url: string, token: string) {
  return new Promise<{ status: number; rawHeaders: string[]; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { headers: { Authorization: `SSWS ${token}` } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

async function get(url: string, token: string) {
  const response = await fetch(url, { headers: { Authorization: `SSWS ${token}` } });
  return { response, body: (await response.json()) as unknown };
}

describe("startFakeOktaOrg", () => {
  it("pages with two separate Link headers and Okta's rate-limit headers", async () => {
    org = await startFakeOktaOrg({ count: 5, pageSize: 2 });
    const first = await rawGet(`${org.baseUrl}/api/v1/devices?limit=200`, org.token);
    const links = first.rawHeaders.filter(
      (_, index) => first.rawHeaders[index - 1]?.toLowerCase() === "link",
    );
    expect(links).toHaveLength(2);
    expect(links[0]).toMatch(/rel="self"$/);
    expect(links[1]).toMatch(/after=.*rel="next"$/);
    const names = first.rawHeaders
      .filter((_, index) => index % 2 === 0)
      .map((name) => name.toLowerCase());
    for (const header of [
      "x-rate-limit-limit",
      "x-rate-limit-remaining",
      "x-rate-limit-reset",
      "x-okta-request-id",
      "date",
    ]) {
      expect(names).toContain(header);
    }
    expect(JSON.parse(first.body)).toHaveLength(2);
  });

  it("answers Okta's errors: 401 E0000011, 404 E0000007, 400 E0000031 for an unsearchable field", async () => {
    org = await startFakeOktaOrg({ count: 3 });
    const denied = await get(`${org.baseUrl}/api/v1/devices`, "wrong");
    expect(denied.response.status).toBe(401);
    expect(denied.body).toMatchObject({
      errorCode: "E0000011",
      errorSummary: expect.any(String),
      errorId: expect.any(String),
    });
    const missing = await get(`${org.baseUrl}/api/v1/devices/guoNOPE`, org.token);
    expect(missing.response.status).toBe(404);
    expect(missing.body).toMatchObject({ errorCode: "E0000007" });
    const search = encodeURIComponent('created gt "2020-01-01T00:00:00.000Z"');
    const bad = await get(`${org.baseUrl}/api/v1/devices?search=${search}`, org.token);
    expect(bad.response.status).toBe(400);
    expect(bad.body).toMatchObject({ errorCode: "E0000031" });
  });

  it("supports a useful subset of search", async () => {
    org = await startFakeOktaOrg({ count: 300 });
    const list = async (search: string) => {
      const { body } = await get(
        `${org?.baseUrl}/api/v1/devices?limit=200&search=${encodeURIComponent(search)}`,
        org?.token ?? "",
      );
      return body as {
        id: string;
        status: string;
        lastUpdated: string;
        profile: { platform: string };
      }[];
    };
    const since = "2025-01-01T00:00:00.000Z";
    const recent = await list(`lastUpdated ge "${since}"`);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((device) => Date.parse(device.lastUpdated) >= Date.parse(since))).toBe(
      true,
    );
    const expected = org.devices.filter(
      (device) => Date.parse(device.lastUpdated) >= Date.parse(since),
    ).length;
    expect(recent.length).toBe(Math.min(200, expected));
    const combo = await list(
      'status eq "ACTIVE" and (profile.platform eq "IOS" or profile.platform eq "ANDROID")',
    );
    expect(combo.length).toBeGreaterThan(0);
    expect(
      combo.every(
        (device) =>
          device.status === "ACTIVE" && ["IOS", "ANDROID"].includes(device.profile.platform),
      ),
    ).toBe(true);
  });

  it("embeds users only with expand", async () => {
    org = await startFakeOktaOrg({ count: 30 });
    const plain = (await get(`${org.baseUrl}/api/v1/devices`, org.token)).body as Record<
      string,
      unknown
    >[];
    expect(plain.every((device) => !("_embedded" in device))).toBe(true);
    const expanded = (await get(`${org.baseUrl}/api/v1/devices?expand=user`, org.token))
      .body as Record<string, unknown>[];
    expect(expanded.every((device) => "_embedded" in device)).toBe(true);
  });

  it("enforces its bucket with 429 E0000047 and counts it", async () => {
    org = await startFakeOktaOrg({ count: 1, rateLimit: { limit: 2, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await get(`${org.baseUrl}/api/v1/devices`, org.token)).response.status);
    expect(statuses).toStrictEqual([200, 200, 429]);
    expect(org.stats.rateLimited).toBe(1);
    expect(org.stats.fullWindows).toBe(1);
  });

  it("injects faults at the requested requests only", async () => {
    org = await startFakeOktaOrg({
      count: 1,
      faults: [
        { kind: "503", at: 2 },
        { kind: "html", at: [3] },
      ],
    });
    const one = await fetch(`${org.baseUrl}/api/v1/devices`, {
      headers: { Authorization: `SSWS ${org.token}` },
    });
    const two = await fetch(`${org.baseUrl}/api/v1/devices`, {
      headers: { Authorization: `SSWS ${org.token}` },
    });
    const three = await fetch(`${org.baseUrl}/api/v1/devices`, {
      headers: { Authorization: `SSWS ${org.token}` },
    });
    expect([one.status, two.status, three.status]).toStrictEqual([200, 503, 200]);
    expect(await three.text()).toMatch(/^<!DOCTYPE html>/);
    expect(org.requests.map((entry) => entry.fault)).toStrictEqual([undefined, "503", "html"]);
  });

  it("never records the token", async () => {
    org = await startFakeOktaOrg({ count: 1, token: "00SECRETtokenVALUE" });
    await get(`${org.baseUrl}/api/v1/devices`, org.token);
    expect(JSON.stringify(org.requests)).not.toContain("00SECRETtokenVALUE");
    expect(org.requests[0]?.authScheme).toBe("SSWS");
  });
});
