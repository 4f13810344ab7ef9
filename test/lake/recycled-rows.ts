// Events whose rows recycled buffers could mix up (a payload unique to each row, of sizes from
// none to larger than a file, some rejected after their payload grew the buffer), and a DuckDB
// check that every kept row is read back exactly once, whole, in its own day's file.
import { join } from "node:path";
import { expect } from "vitest";
import type { LakeFile } from "../../src/lake/index.js";
import { duckdb, literal, parquetFiles } from "../helpers/duckdb.js";
import { inventoryEvents, type Json } from "./inventory-events.js";

const base = inventoryEvents(50, { expand: "user", seed: 77 });
const DAY0 = Date.UTC(2024, 0, 1);

// Deterministic pseudo-random numbers.
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

// A payload unique to row i, of `length` characters (so corruption shows).
function payload(i: number, length: number): string {
  const unit = `<${i.toString(36)}|`;
  return unit.repeat(Math.ceil(length / unit.length) + 1).slice(0, length);
}

/** The events of a write, and what each accepted one must read back as (by `device.uid`). */
export interface Plan {
  events: Json[];
  kept: Map<string, { day: string; pad: string; time: number }>;
  /** How many events the writer must reject. */
  bad: number;
}

/**
 * `count` events over `days` event days; every `longEvery`th has a payload of `hugeLen`
 * characters, the others up to 6,000.
 */
export function plan(
  count: number,
  days: number,
  seed: number,
  longEvery: number,
  hugeLen: number,
): Plan {
  const random = rng(seed);
  const events: Json[] = [];
  const kept: Plan["kept"] = new Map();
  let bad = 0;
  for (let i = 0; i < count; i++) {
    const event = structuredClone(base[i % base.length] as Json);
    const day = Math.floor(random() * days);
    const time = DAY0 + day * 86_400_000 + Math.floor(random() * 86_400_000);
    event.time = time;
    const uid = `u${i}`;
    (event.device as Json).uid = uid;
    const r = random();
    const length =
      i % longEvery === longEvery - 1
        ? hugeLen
        : r < 0.5
          ? Math.floor(random() * 40)
          : r < 0.8
            ? Math.floor(random() * 600)
            : Math.floor(random() * 6000);
    const pad = payload(i, length);
    const kind = random();
    if (kind < 0.08) {
      // Rejected after its long string grew the buffer (a BigInt JSON cannot hold).
      event.unmapped = { pad, seq: String(i), zz: 10n };
      bad++;
    } else if (kind < 0.12) {
      // Rejected by an unknown attribute.
      event.unmapped = { pad, seq: String(i) };
      (event.device as Json).nope = 1;
      bad++;
    } else {
      event.unmapped = { pad, seq: String(i) };
      kept.set(uid, {
        day: new Date(DAY0 + day * 86_400_000).toISOString().slice(0, 10).replaceAll("-", ""),
        pad,
        time,
      });
    }
    events.push(event);
  }
  return { events, kept, bad };
}

/**
 * Reads every file under `outDir` back with DuckDB: each of the plan's accepted events exactly
 * once, whole, in its own day's file, nothing else, and each file's reported rows its rows.
 */
export async function check(p: Plan, outDir: string, files: readonly LakeFile[]) {
  const onDisk = parquetFiles(outDir);
  expect(onDisk.length).toBe(files.length);
  if (onDisk.length === 0) return;
  const rows = await duckdb(
    `SELECT device.uid AS uid, time, unmapped['pad'] AS pad, unmapped['seq'] AS seq, filename FROM read_parquet(${literal(join(outDir, "ext/**/*.parquet"))}, filename = true)`,
  );
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const row of rows) {
    const uid = row.uid as string;
    if (seen.has(uid)) problems.push(`duplicate ${uid}`);
    seen.add(uid);
    const want = p.kept.get(uid);
    if (want === undefined) {
      problems.push(`unexpected ${uid}`);
      continue;
    }
    const pad = Array.isArray(row.pad) ? row.pad[0] : row.pad;
    const seq = Array.isArray(row.seq) ? row.seq[0] : row.seq;
    if (pad !== want.pad) problems.push(`pad of ${uid} differs (${String(pad).slice(0, 40)}…)`);
    if (seq !== uid.slice(1)) problems.push(`seq of ${uid} is ${seq}`);
    if (String(row.time) !== String(want.time)) problems.push(`time of ${uid}`);
    if (!String(row.filename).includes(`eventDay=${want.day}`)) problems.push(`day of ${uid}`);
  }
  for (const uid of p.kept.keys()) if (!seen.has(uid)) problems.push(`missing ${uid}`);
  expect(problems.slice(0, 20)).toStrictEqual([]);
  // Each file's reported rows are its rows.
  const counts = await duckdb(
    `SELECT filename, count(*) AS n FROM read_parquet(${literal(join(outDir, "ext/**/*.parquet"))}, filename = true) GROUP BY filename`,
  );
  const byPath = new Map(counts.map((c) => [String(c.filename), Number(c.n)]));
  for (const file of files) expect(byPath.get(file.path)).toBe(file.rows);
}
