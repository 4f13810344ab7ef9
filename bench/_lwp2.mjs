// Child process of the lake bench: streams an NDJSON file of OCSF events into the lake writer
// and reports its time and peak memory (max RSS), so the writer's memory is measured alone.
// It also reports how much of the time went to reading and parsing the NDJSON (the source,
// not the writer): `sourceMs`, measured inside the generator.
import { createReadStream } from "node:fs";
import { writeOcsfLake } from "../dist/lake/index.js";

const [input, outDir, ocsfVersion, workerThread] = process.argv.slice(2);
let sourceMs = 0;
async function* events() {
  const stream = createReadStream(input, { encoding: "utf8", highWaterMark: 64 * 1024 });
  let rest = "";
  for await (const chunk of stream) {
    const started = performance.now();
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    const parsed = [];
    for (const line of lines) if (line !== "") parsed.push(JSON.parse(line));
    sourceMs += performance.now() - started;
    yield* parsed;
  }
  if (rest !== "") yield JSON.parse(rest);
}
const started = performance.now(); const iv = setInterval(() => { const m = process.memoryUsage(); process.stderr.write(`M rss ${(m.rss/1048576).toFixed(0)} heapTotal ${(m.heapTotal/1048576).toFixed(0)} heapUsed ${(m.heapUsed/1048576).toFixed(0)} ext ${(m.external/1048576).toFixed(0)} ab ${(m.arrayBuffers/1048576).toFixed(0)}\n`); }, 700); iv.unref();
const result = await writeOcsfLake(events(), {
  outDir,
  region: "us-east-1",
  ocsfVersion,
  workerThread: workerThread !== "false",
});
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    ms,
    sourceMs,
    rows: result.rows,
    files: result.files.length,
    rejected: result.rejected,
    bytes: result.files.reduce((sum, file) => sum + file.bytes, 0),
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    // Both threads' CPU time (the encoder thread's too, with workerThread).
    cpuMs: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000,
  }),
);
