// The encoder thread on awkward events: every string replaced by edge-case text (lone
// surrogates, NUL, astral characters, long strings), fields null or gone, lists empty or
// null, `unmapped` keys of any text, in every OCSF version. The files must be the calling
// thread's, byte for byte, and the same events rejected.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { OCSF_VERSIONS, type OcsfVersion, toOcsfDeviceInventory } from "../../src/index.js";
import { writeOcsfLake } from "../../src/lake/index.js";
import { generateOktaDevices } from "../../src/testing/index.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// Fields whose change makes every row a rejection (nothing left to compare).
const KEPT = new Set(["class_uid", "metadata.version", "time"]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Paths of every value under `value` (objects and arrays too), outside KEPT.
function paths(value: Json, prefix: string[] = [], into: string[][] = []): string[][] {
  if (value === null || typeof value !== "object") return into;
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, key];
    if (KEPT.has(path.join("."))) continue;
    into.push(path);
    paths(child, path, into);
  }
  return into;
}

type Edit =
  | { kind: "text"; at: number; text: string }
  | { kind: "null" | "delete" | "empty"; at: number }
  | { kind: "unmapped"; key: string; text: string };

function edit(event: { [key: string]: Json }, change: Edit): void {
  if (change.kind === "unmapped") {
    if (event.unmapped === undefined) event.unmapped = {};
    const unmapped = event.unmapped;
    if (typeof unmapped === "object" && unmapped !== null && !Array.isArray(unmapped))
      unmapped[change.key] = change.text;
    return;
  }
  const all = paths(event);
  const path = all[change.at % all.length];
  if (path === undefined) return;
  let parent = event as { [key: string]: Json };
  for (const key of path.slice(0, -1)) parent = parent[key] as { [key: string]: Json };
  const key = path[path.length - 1] as string;
  if (change.kind !== "text") {
    if (change.kind === "delete") delete parent[key];
    else if (change.kind === "null") parent[key] = null;
    else parent[key] = Array.isArray(parent[key]) ? [] : "";
  } else if (Array.isArray(parent[key])) parent[key] = [change.text, change.text];
  else if (typeof parent[key] === "string") parent[key] = change.text;
}

const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom(
    "",
    "\u0000",
    "\ud800",
    "x\udfff",
    "\udbff\udfff",
    "😀".repeat(30),
    "é".repeat(49),
  ),
);
const change: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("text" as const), at: fc.nat(), text }),
  fc.record({
    kind: fc.constantFrom("null" as const, "delete" as const, "empty" as const),
    at: fc.nat(),
  }),
  fc.record({ kind: fc.constant("unmapped" as const), key: text, text }),
);

async function files(list: unknown[], ocsfVersion: OcsfVersion, workerThread: boolean) {
  const outDir = mkdtempSync(join(tmpdir(), "lake-edge-"));
  dirs.push(outDir);
  const result = await writeOcsfLake(list, {
    outDir,
    region: "us-east-1",
    ocsfVersion,
    workerThread,
    rotation: { maxFileBytes: 16 * 1024 },
  });
  const sequence = (key: string) => key.slice(key.lastIndexOf("-"));
  return {
    rows: result.rows,
    rejected: result.errors.map((error) => error.message),
    files: [...result.files]
      .sort((a, b) => sequence(a.key).localeCompare(sequence(b.key)))
      .map((file) => ({
        rows: file.rows,
        firstTime: file.firstTime,
        lastTime: file.lastTime,
        sha256: createHash("sha256").update(readFileSync(file.path)).digest("hex"),
      })),
  };
}

describe("the encoder thread on edge-case events", () => {
  it("writes the calling thread's files byte for byte (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OCSF_VERSIONS),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(fc.array(change, { maxLength: 6 }), { minLength: 1, maxLength: 60 }),
        async (ocsfVersion, seed, edits) => {
          const devices = generateOktaDevices(edits.length, { expand: "user", seed });
          const list = devices.map((device, i) => {
            const event = toOcsfDeviceInventory(device, { profile: "ocsf", ocsfVersion });
            event.time = Date.UTC(2025, 9, 30) + i * 60_000;
            const json = JSON.parse(JSON.stringify(event)) as { [key: string]: Json };
            for (const one of edits[i] ?? []) edit(json, one);
            return json;
          });
          const here = await files(list, ocsfVersion, false);
          const thread = await files(list, ocsfVersion, true);
          expect(thread).toStrictEqual(here);
          // Every event written or rejected (fewer than 100: every error is kept).
          expect(here.rows + here.rejected.length).toBe(edits.length);
        },
      ),
      { numRuns: 8 },
    );
  }, 180_000);
});
