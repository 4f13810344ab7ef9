// Row buffers are kept and reused (byte-pool.ts): a file's rows must be exactly those of a new
// buffer whatever the reused buffers held, the pool must keep no more than its bound, and a
// file's buffer must come back from the encoder thread.
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BytePool, sizeClass } from "../../src/lake/byte-pool.js";
import { lakeSchema } from "../../src/lake/encode-request.js";
import { WorkerEncoder } from "../../src/lake/encoder.js";
import { PartitionBuffer } from "../../src/lake/partition-buffer.js";
import { encodeJob } from "./encode-job.js";
import { inventoryEvents, type Json } from "./inventory-events.js";

const schema = lakeSchema(5001, "1.3.0");
const events = inventoryEvents(40, { expand: "user", seed: 31 });

// An event of the file: a generated one, one with a long `unmapped` string (grows the buffer
// past a row's bound when the row bound is small), or one the schema rejects.
const picked = fc.oneof(
  fc.record({ kind: fc.constant("event" as const), index: fc.nat() }),
  fc.record({ kind: fc.constant("long" as const), length: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ kind: fc.constant("bad" as const), index: fc.nat() }),
);
type Pick = typeof picked extends fc.Arbitrary<infer T> ? T : never;

function eventOf(pick: Pick, i: number): Json {
  if (pick.kind === "long") {
    return { ...(events[0] as Json), time: 1_000 + i, unmapped: { note: "x".repeat(pick.length) } };
  }
  const event: Json = { ...(events[pick.index % events.length] as Json), time: 5_000 - i };
  return pick.kind === "bad" ? { ...event, device: { ...(event.device as Json), nope: 1 } } : event;
}

// Files open at once (as the writer keeps one per event day), all taking from `pool`: each
// event goes to file `i % files`. Each file's rows must be what a pool-less buffer writes;
// then the pooled buffers are scribbled over and given back, as the writer gives a file's
// buffer back once it is encoded.
function openAtOnce(picks: readonly Pick[], files: number, pool: BytePool) {
  const open = Array.from({ length: files }, () => ({
    fresh: new PartitionBuffer(schema, 5001, "s", "20251001", 0, 8_192),
    pooled: new PartitionBuffer(schema, 5001, "s", "20251001", 0, 8_192, pool),
  }));
  picks.forEach((pick, i) => {
    const file = open[i % files] as (typeof open)[number];
    for (const buffer of [file.fresh, file.pooled]) {
      try {
        buffer.append(eventOf(pick, i));
      } catch {
        // Rejected (a bad attribute, or a row over 8 KiB): the buffer is as it was.
      }
    }
  });
  const snapshots = open.map(({ fresh, pooled }) => {
    expect(pooled.bytes).toBe(fresh.bytes);
    return { want: fresh.snapshot(), got: pooled.snapshot() };
  });
  for (const { want, got } of snapshots) {
    expect(Buffer.from(got.bytes).equals(Buffer.from(want.bytes))).toBe(true);
    expect([...got.starts]).toStrictEqual([...want.starts]);
    expect([...got.times]).toStrictEqual([...want.times]);
  }
  for (const { got } of snapshots) {
    const spent = got.bytes.buffer as ArrayBuffer;
    new Uint8Array(spent).fill(0xa5);
    pool.give(spent);
  }
}

describe("the row buffer pool", () => {
  it("gives each file exactly the rows a new buffer holds, files open at once and after another (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(picked, { maxLength: 40 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0, 4_096, 1 << 20),
        (rounds, files, maxBytes) => {
          const pool = new BytePool(maxBytes);
          for (const picks of rounds) {
            openAtOnce(picks, files, pool);
            expect(pool.bytes).toBeLessThanOrEqual(maxBytes);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("hands out sizes by powers of two, and keeps buffers only of those sizes up to its bound", () => {
    expect([0, 1, 256, 257, 4_096, 5_000].map(sizeClass)).toStrictEqual([
      256, 256, 256, 512, 4_096, 8_192,
    ]);
    const pool = new BytePool(1_024);
    const first = pool.take(300);
    expect(first.length).toBe(512);
    pool.give(first.buffer);
    expect(pool.bytes).toBe(512);
    // The same memory again, not a copy.
    expect(pool.take(400).buffer).toBe(first.buffer);
    expect(pool.bytes).toBe(0);
    // Not a size class (nor a buffer moved away, which is empty): not kept.
    pool.give(new ArrayBuffer(300));
    pool.give(new ArrayBuffer(0));
    expect(pool.bytes).toBe(0);
    // Past the bound: the third 512-byte buffer is left to the garbage collector.
    for (let i = 0; i < 3; i++) pool.give(new ArrayBuffer(512));
    expect(pool.bytes).toBe(1_024);
    expect(new BytePool(0).bytes).toBe(0);
  });

  it("keeps a buffer given back twice once, and lets go of every buffer when cleared", () => {
    const pool = new BytePool(4_096);
    const buffer = pool.take(256).buffer;
    pool.give(buffer);
    pool.give(buffer);
    expect(pool.bytes).toBe(256);
    // Handed out once: the next take of its size is a new buffer, not the same one again.
    expect(pool.take(256).buffer).toBe(buffer);
    expect(pool.take(256).buffer).not.toBe(buffer);
    // Taken, it may be given back again.
    pool.give(buffer);
    expect(pool.bytes).toBe(256);
    pool.give(new ArrayBuffer(1_024));
    pool.clear();
    expect(pool.bytes).toBe(0);
    expect(pool.take(256).buffer).not.toBe(buffer);
    // Cleared, a buffer it held may be kept again.
    pool.give(buffer);
    expect(pool.bytes).toBe(256);
  });

  it("gets a file's buffer back from the encoder thread, whole", async () => {
    const encoder = new WorkerEncoder(resolve("dist/lake/encode-worker.js"));
    try {
      const job = encodeJob(events.map((event, i) => ({ ...event, time: 1_000 + i })));
      const sent = job.snapshot.bytes.buffer.byteLength;
      const encoded = await encoder.encode(job);
      expect(encoder.threadRunning).toBe(true);
      // Moved to the thread and back.
      expect(job.snapshot.bytes.buffer.byteLength).toBe(0);
      expect(encoded.rowBytes.byteLength).toBe(sent);
      const pool = new BytePool(1 << 20);
      pool.give(encoded.rowBytes);
      expect(pool.bytes).toBe(sent);
    } finally {
      await encoder.close();
    }
  }, 30_000);
});
