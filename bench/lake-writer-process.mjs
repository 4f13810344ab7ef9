// Child process of the lake bench: streams an NDJSON file of OCSF events into the lake writer
// and reports its time and peak memory (max RSS), so the writer's memory is measured alone.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { writeOcsfLake } from "../dist/lake/index.js";

const [input, outDir, ocsfVersion] = process.argv.slice(2);
async function* events() {
  for await (const line of createInterface({
    input: createReadStream(input),
    crlfDelay: Infinity,
  })) {
    if (line !== "") yield JSON.parse(line);
  }
}
const started = performance.now();
const result = await writeOcsfLake(events(), { outDir, region: "us-east-1", ocsfVersion });
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    ms,
    rows: result.rows,
    files: result.files.length,
    rejected: result.rejected,
    bytes: result.files.reduce((sum, file) => sum + file.bytes, 0),
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
