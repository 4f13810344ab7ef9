/**
 * OCSF 1.6.0 `device.type_id` values and their captions (the `device.type` sibling).
 *
 * @example
 * ```ts
 * OCSF_DEVICE_TYPE_CAPTIONS[4]; // "Tablet"
 * ```
 */
export const OCSF_DEVICE_TYPE_CAPTIONS = {
  0: "Unknown",
  1: "Server",
  2: "Desktop",
  3: "Laptop",
  4: "Tablet",
  5: "Mobile",
  6: "Virtual",
  7: "IOT",
  8: "Browser",
  9: "Firewall",
  10: "Switch",
  11: "Hub",
  12: "Router",
  13: "IDS",
  14: "IPS",
  15: "Load Balancer",
  99: "Other",
} as const;

/**
 * OCSF 1.6.0 `os.type_id` values and their captions (the `os.type` sibling).
 *
 * @example
 * ```ts
 * OCSF_OS_TYPE_CAPTIONS[201]; // "Android"
 * ```
 */
export const OCSF_OS_TYPE_CAPTIONS = {
  0: "Unknown",
  99: "Other",
  100: "Windows",
  101: "Windows Mobile",
  200: "Linux",
  201: "Android",
  300: "macOS",
  301: "iOS",
  302: "iPadOS",
  400: "Solaris",
  401: "AIX",
  402: "HP-UX",
} as const;

/** A `device.type_id` of OCSF 1.6.0. */
export type OcsfDeviceTypeId = keyof typeof OCSF_DEVICE_TYPE_CAPTIONS;
/** An `os.type_id` of OCSF 1.6.0. */
export type OcsfOsTypeId = keyof typeof OCSF_OS_TYPE_CAPTIONS;
