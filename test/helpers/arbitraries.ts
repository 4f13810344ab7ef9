import fc from "fast-check";

const isoDate = fc
  .date({
    min: new Date("2000-01-01T00:00:00Z"),
    max: new Date("2035-12-31T23:59:59Z"),
    noInvalidDate: true,
  })
  .chain((date) =>
    fc.constantFrom(
      date.toISOString(),
      // Okta's whole-second form, and an offset form some proxies rewrite to.
      `${date.toISOString().slice(0, 19)}.000Z`,
      `${date.toISOString().slice(0, 19)}+00:00`,
    ),
  );

const nullable = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof(arbitrary, fc.constant(null), fc.constant(undefined));

const platform = fc.constantFrom(
  "WINDOWS",
  "MACOS",
  "IOS",
  "ANDROID",
  "LINUX",
  "Windows",
  "iOS",
  "MacOS",
  "Android",
  "CHROMEOS",
);
const model = fc.constantFrom(
  "iPad Pro (12.9-inch)",
  "iPad8,11",
  "iPhone 14 Pro",
  "Pixel 6",
  "Latitude 5540",
  "MacBookPro18,3",
  "VMware7,1",
);
const text = fc.string({ minLength: 1, maxLength: 24 });
const email = fc.constantFrom("mary@example.com", "bob.smith@acme.co.uk", "not-an-email");

const embeddedUser = fc.record(
  {
    created: isoDate,
    managementStatus: fc.constantFrom("MANAGED", "NOT_MANAGED", "PENDING"),
    screenLockType: fc.constantFrom("NONE", "PASSCODE", "BIOMETRIC"),
    user: fc.record(
      {
        id: fc.stringMatching(/^00u[a-zA-Z0-9]{17}$/),
        status: fc.constantFrom("ACTIVE", "SUSPENDED"),
        profile: fc.record(
          {
            login: email,
            email: nullable(email),
            firstName: nullable(text),
            lastName: nullable(text),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ["id"] },
    ),
  },
  { requiredKeys: ["user"] },
);

/** Valid Okta device records, in the real API's shape and in the product page's. */
export const oktaDeviceArbitrary = fc.record(
  {
    id: fc.stringMatching(/^guo[a-zA-Z0-9]{17}$/),
    status: fc.constantFrom(
      "ACTIVE",
      "CREATED",
      "SUSPENDED",
      "DEACTIVATED",
      "UNSUSPENDED",
      "NEW_ONE",
    ),
    created: isoDate,
    lastUpdated: isoDate,
    profile: fc.record(
      {
        displayName: text,
        platform,
        registered: fc.boolean(),
        osVersion: nullable(fc.constantFrom("10.0.22621", "17.5.1", "13:2023-05-05", "14.4.1")),
        osUpdateTime: nullable(isoDate),
        serialNumber: nullable(text),
        manufacturer: nullable(fc.constantFrom("Apple", "Dell", "Google", "Samsung")),
        model: nullable(model),
        imei: nullable(fc.stringMatching(/^[0-9]{15}$/)),
        meid: nullable(fc.stringMatching(/^[0-9A-F]{14}$/)),
        udid: nullable(fc.uuid()),
        sid: nullable(fc.constant("S-1-5-21-3992267483-1860856704-2413701314-500")),
        secureHardwarePresent: nullable(fc.boolean()),
        diskEncryptionType: nullable(
          fc.constantFrom(
            "NONE",
            "FULL",
            "USER",
            "ALL_INTERNAL_VOLUMES",
            "SYSTEM_VOLUME",
            "BitLocker",
          ),
        ),
        integrityJailbreak: nullable(fc.boolean()),
        tpmPublicKeyHash: nullable(fc.stringMatching(/^[0-9a-f]{64}$/)),
        authenticatorAppKey: nullable(text),
        managed: nullable(fc.boolean()),
        unknownProfileField: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ["displayName", "platform", "registered"] },
    ),
    resourceType: fc.constant("UDDevice"),
    resourceDisplayName: fc.record({ value: text, sensitive: fc.boolean() }),
    resourceAlternateId: fc.constant(null),
    _links: fc.constant({ self: { href: "https://example.okta.com/api/v1/devices/x" } }),
    _embedded: fc.record({ users: fc.array(embeddedUser, { maxLength: 3 }) }),
    // The product page's shape.
    managed: nullable(fc.boolean()),
    userId: nullable(fc.stringMatching(/^00u[a-zA-Z0-9]{17}$/)),
    complianceStatus: nullable(fc.constantFrom("COMPLIANT", "NON_COMPLIANT", "UNKNOWN")),
    deviceType: nullable(fc.constantFrom("Computer", "MobileDevice")),
    lastSeen: nullable(isoDate),
    unknownTopLevel: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ["id", "status", "created", "lastUpdated", "profile"] },
);
