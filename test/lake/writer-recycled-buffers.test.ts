// Row buffers are recycled (byte-pool.ts): every accepted row must still be read back exactly
// once, whole, in its own day's file, and every other row reported rejected. Many small files,
// many partitions, tiny and odd maxFileBytes, rows larger than a file, rejections in the
// middle of a buffer's growth, workerThread true and false; read back with DuckDB.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type LakeFile, writeOcsfLake } from "../../src/lake/index.js";
import { useScratchFolders } from "../helpers/scratch.js";
import { check, plan } from "./recycled-rows.js";

const scratch = useScratchFolders("lake-recycled-");
const settings = [
  {
    name: "tiny files, many days",
    count: 1500,
    days: 300,
    maxFileBytes: 3000,
    maxBufferedBytes: undefined,
    longEvery: 97,
    huge: 40_000,
  },
  {
    name: "tiny files, few days",
    count: 2000,
    days: 3,
    maxFileBytes: 5000,
    maxBufferedBytes: undefined,
    longEvery: 53,
    huge: 20_000,
  },
  {
    name: "small files, buffered bound",
    count: 3000,
    days: 120,
    maxFileBytes: 70_000,
    maxBufferedBytes: 200_000,
    longEvery: 31,
    huge: 150_000,
  },
  {
    name: "odd maxFileBytes",
    count: 2000,
    days: 20,
    maxFileBytes: 12_345,
    maxBufferedBytes: 50_000,
    longEvery: 41,
    huge: 30_000,
  },
  {
    name: "one row a file",
    count: 600,
    days: 10,
    maxFileBytes: 1,
    maxBufferedBytes: undefined,
    longEvery: 7,
    huge: 9_000,
  },
];

type Setting = (typeof settings)[number];

// Writes the plan's events with the setting's rotation (an absent maxBufferedBytes is the
// default: exactOptionalPropertyTypes allows no `undefined`).
function write(events: readonly unknown[], s: Setting, workerThread: boolean, outDir: string) {
  const { maxFileBytes, maxBufferedBytes } = s;
  return writeOcsfLake(events, {
    outDir,
    region: "us-east-1",
    workerThread,
    rotation:
      maxBufferedBytes === undefined ? { maxFileBytes } : { maxFileBytes, maxBufferedBytes },
  });
}

describe("recycled row buffers never mix or lose rows", () => {
  for (const s of settings) {
    for (const workerThread of [false, true]) {
      it(`${s.name}, workerThread ${workerThread}`, async () => {
        const p = plan(s.count, s.days, s.count + s.days, s.longEvery, s.huge);
        const outDir = scratch();
        const result = await write(p.events, s, workerThread, outDir);
        expect(result.rejected).toBe(p.bad);
        expect(result.rows).toBe(p.kept.size);
        expect(result.rows + result.rejected).toBe(s.count);
        await check(p, outDir, result.files);
      }, 300_000);
    }
  }

  it("the two threads write the same files byte for byte", async () => {
    const s = settings[2] as Setting;
    const p = plan(s.count, s.days, 5, s.longEvery, s.huge);
    const outs = [];
    for (const workerThread of [false, true]) {
      outs.push((await write(p.events, s, workerThread, scratch())).files);
    }
    const [a, b] = outs as [LakeFile[], LakeFile[]];
    expect(a.length).toBe(b.length);
    const seq = (f: LakeFile) => f.key.split("/").slice(0, -1).join("/") + f.key.slice(-19);
    const byA = new Map(a.map((f) => [seq(f), f]));
    for (const f of b) {
      const g = byA.get(seq(f)) as LakeFile;
      expect(g.rows).toBe(f.rows);
      expect(readFileSync(g.path).equals(readFileSync(f.path))).toBe(true);
    }
  }, 300_000);
});
