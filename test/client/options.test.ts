import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createOktaDeviceClient,
  OktaConfigError,
  type OktaDeviceClientOptions,
} from "../../src/client/index.js";
import { NUMBER_OPTIONS, type NumberOptionName } from "../../src/client/options.js";

function optionsWith(name: NumberOptionName, value: unknown): OktaDeviceClientOptions {
  const options: Record<string, unknown> = {
    baseUrl: "https://acme.okta.com",
    auth: { apiToken: "00options-test-token" },
  };
  const [group, key] = name.split(".");
  if (key === undefined) options[name] = value;
  else options[group as string] = { [key]: value };
  return options as unknown as OktaDeviceClientOptions;
}

function create(name: NumberOptionName, value: unknown): unknown {
  try {
    createOktaDeviceClient(optionsWith(name, value));
    return "ok";
  } catch (error) {
    return error;
  }
}

const names = Object.keys(NUMBER_OPTIONS) as NumberOptionName[];

describe("numeric options are range-checked at creation", () => {
  it.each([0, 2 ** 31, Number.NaN, -1, Number.POSITIVE_INFINITY, "30000", null])(
    "regression: timeoutMs %s is refused with OktaConfigError",
    (value) => {
      const error = create("timeoutMs", value);
      expect(error).toBeInstanceOf(OktaConfigError);
      expect((error as OktaConfigError).reason).toBe("invalid_options");
      expect((error as OktaConfigError).message).toMatch(
        /^timeoutMs must be a number from 1 to 2147483647/,
      );
    },
  );

  it.each(names)("%s: refuses NaN, infinities, negatives, strings; accepts its bounds", (name) => {
    const range = NUMBER_OPTIONS[name];
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, range.max + 1, "1", true]) {
      expect(create(name, bad), `${name} = ${String(bad)}`).toBeInstanceOf(OktaConfigError);
    }
    if (range.min > 0) expect(create(name, range.min - 1)).toBeInstanceOf(OktaConfigError);
    if (range.integer) expect(create(name, range.min + 0.5)).toBeInstanceOf(OktaConfigError);
    expect(create(name, range.min)).toBe("ok");
    expect(create(name, range.max)).toBe("ok");
    expect(create(name, undefined)).toBe("ok");
  });

  it("never shows back a string given in place of a number (it may be a secret)", () => {
    const error = create("timeoutMs", "00secret-in-the-wrong-place") as OktaConfigError;
    expect(error.message).not.toContain("secret");
    expect(error.message).toContain("got a string");
  });

  it("property: any number is accepted exactly when it is in the documented range", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.oneof(fc.double(), fc.integer(), fc.integer({ min: -10, max: 2 ** 31 + 10 })),
        (name, value) => {
          const range = NUMBER_OPTIONS[name];
          const valid =
            Number.isFinite(value) &&
            value >= range.min &&
            value <= range.max &&
            (!range.integer || Number.isInteger(value));
          const outcome = create(name, value);
          if (valid) expect(outcome).toBe("ok");
          else expect(outcome).toBeInstanceOf(OktaConfigError);
        },
      ),
      { numRuns: 500 },
    );
  });
});
