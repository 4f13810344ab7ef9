import { describe, expect, it } from "vitest";
import { DeviceMappingError, type DeviceMapResult, mapOktaDevices } from "../../src/index.js";
import { pageManagedDevice, pageNonCompliantDevice } from "../fixtures/page-examples.js";

const bad = { ...pageManagedDevice, id: "guoBAD", created: "not a date" };

describe("mapOktaDevices", () => {
  it("maps an array synchronously, in order, and reports bad records without stopping", () => {
    const results = [...mapOktaDevices([pageManagedDevice, bad, 7, pageNonCompliantDevice])];
    expect(results.map((result) => [result.index, result.ok, result.deviceId])).toStrictEqual([
      [0, true, "gooabc123defGHIJKL"],
      [1, false, "guoBAD"],
      [2, false, undefined],
      [3, true, "goodef456ghiJKLMNO"],
    ]);
    const failure = results[1];
    if (failure?.ok !== false) throw new Error("expected a failure");
    expect(failure.error).toBeInstanceOf(DeviceMappingError);
    expect(failure.error.field).toBe("created");
    const success = results[3];
    if (success?.ok !== true) throw new Error("expected a success");
    expect(success.event.device.uid).toBe("goodef456ghiJKLMNO");
  });

  it("maps an async iterable lazily, pulling one record per result", async () => {
    let pulled = 0;
    async function* source() {
      for (const record of [pageManagedDevice, bad, pageNonCompliantDevice]) {
        pulled++;
        yield record;
      }
    }
    const iterator = mapOktaDevices(source());
    const first = await iterator.next();
    expect(pulled).toBe(1);
    expect(first.value).toMatchObject({ ok: true, index: 0 });
    const rest: DeviceMapResult<unknown>[] = [];
    for await (const result of iterator) rest.push(result);
    expect(rest.map((result) => result.ok)).toStrictEqual([false, true]);
  });

  it("lets an error of the source itself propagate: a failed listing never looks complete", async () => {
    async function* failing() {
      yield pageManagedDevice;
      throw new Error("listing failed on page 2");
    }
    const seen: number[] = [];
    await expect(async () => {
      for await (const result of mapOktaDevices(failing())) seen.push(result.index);
    }).rejects.toThrow("listing failed on page 2");
    expect(seen).toStrictEqual([0]);
  });

  it("takes the profile option", () => {
    const [result] = [...mapOktaDevices([pageManagedDevice], { profile: "ocsf" })];
    if (result?.ok !== true) throw new Error("expected a success");
    expect(result.event.device.type_id).toBe(2);
    expect(result.event.time).toBe(1756200600000);
  });

  it("rejects something that is not iterable", () => {
    expect(() => mapOktaDevices(42 as unknown as unknown[])).toThrow(TypeError);
  });
});
