// The record shapes every ratio is measured on. Okta's `GET /api/v1/devices` returns a
// different record depending on `expand`: a bench that holds on one shape only may not hold
// on the others (smaller records make the fixed per-record costs weigh more).
import { generateOktaDevices } from "okta-device-ocsf/testing";

/**
 * `name` is the `expand` query value (`undefined`: none) and the column heading in
 * bench/results.md; `label` is how the README names it.
 */
export const SHAPES = [
  { name: "none", expand: undefined, label: "no `expand` (what most listings return)" },
  { name: "userSummary", expand: "userSummary", label: "`expand=userSummary`" },
  { name: "user", expand: "user", label: "`expand=user`, full user objects" },
];

/** Deterministic devices of one shape: the same count, seed and shape give the same JSON. */
export function devicesOfShape(shape, count, seed = 6) {
  return generateOktaDevices(count, { seed, expand: shape.expand });
}
