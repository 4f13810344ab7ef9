import { afterEach, describe, expect, it } from "vitest";
import { OktaHTTPError } from "../../src/client/index.js";
import {
  type FakeOktaOrg,
  generateOktaDevices,
  startFakeOktaOrg,
} from "../../src/testing/index.js";
import { clientFor, collect } from "../client/helpers.js";

let org: FakeOktaOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

describe("fake org: deleted devices", () => {
  it("deleteDevice removes a device from listings, and GET answers 404 E0000007", async () => {
    org = await startFakeOktaOrg({ count: 12 });
    const client = clientFor(org);
    const id = org.devices[4]!.id;
    expect(org.deleteDevice(id)).toBe(true);
    expect(org.deleteDevice(id)).toBe(false);
    const listed = await collect(client.listDevices());
    expect(listed).toHaveLength(11);
    expect(listed.map((device) => device.id)).not.toContain(id);
    const error = await client.getDevice(id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OktaHTTPError);
    expect(error).toMatchObject({ status: 404, reason: "not_found" });
    expect((error as OktaHTTPError).message).toMatch(/E0000007/);
  });

  it("a delete fault deletes devices mid-listing; a cursor naming a deleted device still works", async () => {
    const original = generateOktaDevices(30, { seed: 1, expand: "user" }).map(
      (device) => device.id,
    );
    // Before page 2 is served: delete the device page 1 ended with (the cursor), one of
    // page 2 and one of page 1 (already listed).
    org = await startFakeOktaOrg({
      count: 30,
      pageSize: 10,
      faults: [{ kind: "delete", at: 2, ids: [original[9]!, original[12]!, original[3]!] }],
    });
    const listed = (await collect(clientFor(org).listDevices({ prefetch: false }))).map(
      (device) => device.id,
    );
    expect(listed).toStrictEqual(original.filter((id) => id !== original[12]));
    expect(org.devices).toHaveLength(27);
  });

  it("addDevice at a position serves it there, and listings before it do not see it", async () => {
    org = await startFakeOktaOrg({ count: 5 });
    const device = { ...org.devices[0]!, id: "guoFIRST" };
    org.addDevice(device, 0);
    const listed = await collect(clientFor(org).listDevices());
    expect(listed[0]?.id).toBe("guoFIRST");
    expect(listed).toHaveLength(6);
  });
});
