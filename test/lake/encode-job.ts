// One file's rows as the lake writer hands them to an encoder (shredded, buffered, snapshot).
import { lakeSchema } from "../../src/lake/encode-request.js";
import { PartitionBuffer } from "../../src/lake/partition-buffer.js";

/** An encode request for OCSF 1.3.0 inventory events (all of one event day). */
export function encodeJob(events: readonly unknown[]) {
  const schema = lakeSchema(5001, "1.3.0");
  const buffer = new PartitionBuffer(schema, 5001, "s", "20251001", 0);
  for (const event of events) buffer.append(event);
  return { classUid: 5001, ocsfVersion: "1.3.0" as const, snapshot: buffer.snapshot() };
}
