import type { OktaDevice } from "../okta/device.js";

/** Options of {@link generateOktaDevices}. */
export interface GenerateOktaDevicesOptions {
  /** Seed of the pseudo-random generator: the same seed gives the same devices. Default `1`. */
  seed?: number;
  /**
   * Embed users as `GET /api/v1/devices?expand=…` does: `"user"` (full users) or
   * `"userSummary"`. Default: none.
   */
  expand?: "user" | "userSummary";
  /** Epoch milliseconds of the newest `lastUpdated`. Default `2025-11-01T00:00:00Z`, so output never depends on the clock. */
  now?: number;
}

// mulberry32: tiny, fast and good enough for test data; deterministic across runtimes.
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function token(random: () => number, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return text;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

interface Kind {
  platform: string;
  manufacturer: string;
  models: readonly string[];
  versions: readonly string[];
  prefix: string;
}

const KINDS: readonly Kind[] = [
  {
    platform: "WINDOWS",
    manufacturer: "Dell Inc.",
    models: ["Latitude 5540", "OptiPlex 7010", "XPS 13 9340"],
    versions: ["10.0.19045", "10.0.22631", "10.0.26100"],
    prefix: "WIN",
  },
  {
    platform: "MACOS",
    manufacturer: "Apple Inc.",
    models: ["MacBookPro18,3", "Mac14,2", "Mac15,12"],
    versions: ["14.7.1", "15.1", "15.3.2"],
    prefix: "MAC",
  },
  {
    platform: "IOS",
    manufacturer: "Apple Inc.",
    models: ["iPhone 14 Pro", "iPhone 15", "iPad Air (5th generation)"],
    versions: ["17.6.1", "18.1", "18.3"],
    prefix: "IOS",
  },
  {
    platform: "ANDROID",
    manufacturer: "Google",
    models: ["Pixel 6", "Pixel 8", "SM-S911B"],
    versions: ["13:2023-05-05", "14:2024-10-01", "15:2025-02-05"],
    prefix: "AND",
  },
];

const FIRST_NAMES = ["Alice", "Bruno", "Chloe", "Dmitri", "Esther", "Farid", "Grace", "Hugo"];
const LAST_NAMES = ["Martin", "Okafor", "Nguyen", "Schmidt", "Rossi", "Kowalski", "Silva"];
const ENCRYPTION = ["NONE", "FULL", "USER", "ALL_INTERNAL_VOLUMES", "SYSTEM_VOLUME"] as const;
const STATUSES = ["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "SUSPENDED", "DEACTIVATED", "CREATED"];
const DEFAULT_NOW = Date.UTC(2025, 10, 1);
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/**
 * Makes `count` deterministic Okta devices in the real API's shape: all four platforms,
 * iPads among the iOS devices, optional profile fields sometimes missing, and `_embedded`
 * users when `expand` is set. The same `count`, `seed` and `expand` always give the same
 * records.
 *
 * @example
 * ```ts
 * import { generateOktaDevices } from "okta-device-ocsf/testing";
 * const devices = generateOktaDevices(1000, { seed: 42, expand: "user" });
 * ```
 */
export function generateOktaDevices(
  count: number,
  options: GenerateOktaDevicesOptions = {},
): OktaDevice[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`generateOktaDevices: count must be a whole number >= 0, got ${count}`);
  }
  const random = createRandom(options.seed ?? 1);
  const now = options.now ?? DEFAULT_NOW;
  const devices: OktaDevice[] = [];
  for (let index = 0; index < count; index++) {
    const kind = pick(random, KINDS);
    const id = `guo${index.toString(36).padStart(6, "0")}${token(random, 11)}`;
    const createdMs = now - TWO_YEARS_MS + Math.floor(random() * TWO_YEARS_MS * 0.8);
    const lastUpdatedMs = createdMs + Math.floor(random() * (now - createdMs));
    const model = pick(random, kind.models);
    const displayName = `${kind.prefix}-${token(random, 6).toUpperCase()}`;
    const profile: OktaDevice["profile"] = {
      displayName,
      platform: kind.platform,
      registered: random() < 0.95,
    };
    if (random() < 0.9) profile.manufacturer = kind.manufacturer;
    if (random() < 0.9) profile.model = model;
    if (random() < 0.95) profile.osVersion = pick(random, kind.versions);
    if (random() < 0.8) profile.serialNumber = token(random, 12).toUpperCase();
    if (kind.platform === "WINDOWS") {
      profile.sid = `S-1-5-21-${Math.floor(random() * 4e9)}-${Math.floor(random() * 4e9)}-500`;
      if (random() < 0.5) profile.tpmPublicKeyHash = token(random, 43);
    }
    if (kind.platform === "IOS" || kind.platform === "ANDROID") {
      if (random() < 0.6) profile.imei = String(350000000000000 + Math.floor(random() * 9e13));
      if (random() < 0.3) profile.meid = token(random, 14).toUpperCase();
      profile.integrityJailbreak = random() < 0.02;
    }
    if (kind.platform === "IOS" || kind.platform === "MACOS") {
      if (random() < 0.7) profile.udid = uuidFrom(random);
    }
    if (random() < 0.9) profile.secureHardwarePresent = random() < 0.8;
    if (random() < 0.9) profile.diskEncryptionType = pick(random, ENCRYPTION);

    const status = pick(random, STATUSES);
    const device: OktaDevice = {
      id,
      status,
      created: isoSeconds(createdMs),
      lastUpdated: isoSeconds(lastUpdatedMs),
      profile,
      resourceId: id,
      resourceDisplayName: { value: displayName, sensitive: false },
      resourceType: "UDDevice",
      resourceAlternateId: null,
      _links: deviceLinks(id, status),
    };
    if (options.expand !== undefined) {
      device._embedded = { users: embeddedUsers(random, options.expand, createdMs) };
    }
    devices.push(device);
  }
  return devices;
}

// The shapes below follow Okta's published examples of `GET /api/v1/devices?expand=user`:
// real records carry these links and the full user object, and a realistic benchmark or
// test must pay for reading past them.
const ORG = "https://example.okta.com";

function link(href: string, allow: string[]) {
  return { href, hints: { allow } };
}

function deviceLinks(id: string, status: string): Record<string, unknown> {
  const base = `${ORG}/api/v1/devices/${id}`;
  const lifecycle =
    status === "ACTIVE"
      ? {
          suspend: link(`${base}/lifecycle/suspend`, ["POST"]),
          deactivate: link(`${base}/lifecycle/deactivate`, ["POST"]),
        }
      : { activate: link(`${base}/lifecycle/activate`, ["POST"]) };
  return {
    ...lifecycle,
    self: link(base, ["GET", "PATCH", "PUT"]),
    users: link(`${base}/users`, ["GET"]),
  };
}

function fullUser(
  summary: { id: string; profile: Record<string, string> },
  userId: string,
  createdMs: number,
) {
  const base = `${ORG}/api/v1/users/${userId}`;
  const post = (path: string) => ({ href: `${base}${path}`, method: "POST" });
  return {
    id: userId,
    status: "ACTIVE",
    created: isoSeconds(createdMs - 86_400_000),
    activated: isoSeconds(createdMs - 86_000_000),
    statusChanged: isoSeconds(createdMs - 86_000_000),
    lastLogin: isoSeconds(createdMs + 3_600_000),
    lastUpdated: isoSeconds(createdMs),
    passwordChanged: isoSeconds(createdMs - 86_000_000),
    type: { id: "oty1example0000000" },
    profile: { ...summary.profile, mobilePhone: null, secondEmail: null },
    credentials: {
      password: {},
      provider: { type: "OKTA", name: "OKTA" },
    },
    _links: {
      suspend: post("/lifecycle/suspend"),
      schema: { href: `${ORG}/api/v1/meta/schemas/user/osc1example0000000` },
      resetPassword: post("/lifecycle/reset_password"),
      forgotPassword: post("/credentials/forgot_password"),
      expirePassword: post("/lifecycle/expire_password"),
      changeRecoveryQuestion: post("/credentials/change_recovery_question"),
      self: { href: base },
      type: { href: `${ORG}/api/v1/meta/types/user/oty1example0000000` },
      changePassword: post("/credentials/change_password"),
      deactivate: post("/lifecycle/deactivate"),
    },
  };
}

function uuidFrom(random: () => number): string {
  const hex = (length: number) => {
    let text = "";
    for (let i = 0; i < length; i++) text += Math.floor(random() * 16).toString(16);
    return text.toUpperCase();
  };
  return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
}

function embeddedUsers(
  random: () => number,
  expand: "user" | "userSummary",
  createdMs: number,
): NonNullable<NonNullable<OktaDevice["_embedded"]>["users"]> {
  const count = random() < 0.1 ? 0 : random() < 0.9 ? 1 : 2;
  const users: NonNullable<NonNullable<OktaDevice["_embedded"]>["users"]> = [];
  for (let i = 0; i < count; i++) {
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    const login =
      `${firstName}.${lastName}${Math.floor(random() * 1000)}@example.com`.toLowerCase();
    const userId = `00u${token(random, 17)}`;
    const summary = {
      id: userId,
      realmId: `guo${token(random, 17)}`,
      profile: { firstName, lastName, login, email: login },
      _links: { self: { href: `${ORG}/api/v1/users/${userId}` } },
    };
    users.push({
      created: isoSeconds(createdMs + 60_000),
      managementStatus: random() < 0.7 ? "MANAGED" : "NOT_MANAGED",
      screenLockType: pick(random, ["NONE", "PASSCODE", "BIOMETRIC"] as const),
      user: expand === "userSummary" ? summary : fullUser(summary, userId, createdMs),
    });
  }
  return users;
}
