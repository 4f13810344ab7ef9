// Type-level: the zod schemas must infer exactly the hand-written interfaces, both ways,
// input and output. `tsc --noEmit` (part of npm test) is what checks these lines; the
// last test proves the check notices a difference.
import { describe, expectTypeOf, it } from "vitest";
import type * as z from "zod/mini";
import type {
  OktaDevice,
  OktaDeviceProfile,
  OktaDeviceProvider,
  OktaDeviceUser,
  OktaEmbeddedUser,
} from "../../src/okta/device.js";
import type {
  OktaDeviceProfileSchema,
  OktaDeviceProviderSchema,
  OktaDeviceSchema,
  OktaDeviceUserSchema,
  OktaEmbeddedUserSchema,
} from "../../src/schemas/okta-device.js";

// Exact equality (optional vs required, `null` vs not, index signatures all count).
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// Object types are compared member by member after one level of flattening, so that an
// interface and zod's equivalent mapped type compare equal when their members are.
type Same<A, B> = Equals<{ [K in keyof A]: A[K] }, { [K in keyof B]: B[K] }>;

interface Narrowed extends OktaDevice {
  status: "ACTIVE";
}
interface Extended extends OktaDevice {
  notInTheSchema?: string;
}

describe("the input interfaces", () => {
  it("are exactly what the zod schemas infer (output and input)", () => {
    expectTypeOf<Same<z.infer<typeof OktaDeviceSchema>, OktaDevice>>().toEqualTypeOf<true>();
    expectTypeOf<Same<z.input<typeof OktaDeviceSchema>, OktaDevice>>().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof OktaDeviceProfileSchema>, OktaDeviceProfile>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof OktaDeviceUserSchema>, OktaDeviceUser>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof OktaEmbeddedUserSchema>, OktaEmbeddedUser>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<z.infer<typeof OktaDeviceProviderSchema>, OktaDeviceProvider>
    >().toEqualTypeOf<true>();
  });

  it("are assignable both ways to what the schemas infer", () => {
    expectTypeOf<z.infer<typeof OktaDeviceSchema>>().toExtend<OktaDevice>();
    expectTypeOf<OktaDevice>().toExtend<z.infer<typeof OktaDeviceSchema>>();
    expectTypeOf<z.infer<typeof OktaDeviceProfileSchema>>().toExtend<OktaDeviceProfile>();
    expectTypeOf<OktaDeviceProfile>().toExtend<z.infer<typeof OktaDeviceProfileSchema>>();
    expectTypeOf<z.infer<typeof OktaDeviceUserSchema>>().toExtend<OktaDeviceUser>();
    expectTypeOf<OktaDeviceUser>().toExtend<z.infer<typeof OktaDeviceUserSchema>>();
  });

  it("notice a drift (the comparison is not vacuous)", () => {
    // A field made required, a field's type narrowed, a field dropped: each one differs.
    expectTypeOf<
      Same<OktaDeviceProfile, OktaDeviceProfile & { osVersion: string }>
    >().toEqualTypeOf<false>();
    expectTypeOf<Same<z.infer<typeof OktaDeviceSchema>, Narrowed>>().toEqualTypeOf<false>();
    expectTypeOf<Same<z.infer<typeof OktaDeviceSchema>, Extended>>().toEqualTypeOf<false>();
    // @ts-expect-error: the schema's `created` is a string, not a number
    expectTypeOf<z.infer<typeof OktaDeviceSchema>["created"]>().toEqualTypeOf<number>();
  });
});
