// `map` at production scale: the same 215,000-device export (expand=user, over 600 MB)
// as NDJSON and as a JSON array, mapped by the built command in a child process, timed
// against jq printing the same records (`jq -c .`, `jq -c '.[]'`) in the same run, and the
// child's peak resident memory read from the child itself (bench/max-rss.cjs).
import { spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateOktaDevices } from "okta-device-ocsf/testing";
import { record } from "./lib.mjs";

// 215,000 devices: just over 600 MB in either format.
const COUNT = 215_000;
const BATCH = 5_000;
const cli = new URL("../dist/cli.js", import.meta.url).pathname;
const maxRss = new URL("./max-rss.cjs", import.meta.url).pathname;

function generate(folder) {
  const ndjson = join(folder, "devices.ndjson");
  const array = join(folder, "devices.json");
  const lines = openSync(ndjson, "w");
  const elements = openSync(array, "w");
  writeSync(elements, "[");
  for (let start = 0; start < COUNT; start += BATCH) {
    const devices = generateOktaDevices(BATCH, { seed: 1000 + start, expand: "user" });
    writeSync(lines, `${devices.map((device) => JSON.stringify(device)).join("\n")}\n`);
    const body = devices.map((device) => JSON.stringify(device)).join(",");
    writeSync(elements, start === 0 ? body : `,${body}`);
  }
  writeSync(elements, "]\n");
  closeSync(lines);
  closeSync(elements);
  return { ndjson, array };
}

// Runs a command with stdout to /dev/null; resolves with its wall time and peak RSS.
function run(command, args, rssFile) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      stdio: ["ignore", "ignore", "pipe"],
      env: rssFile === undefined ? process.env : { ...process.env, MAX_RSS_FILE: rssFile },
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (status) => {
      const ms = performance.now() - started;
      if (status !== 0)
        reject(new Error(`${command} ${args.join(" ")} exited ${status}: ${stderr.slice(-500)}`));
      else
        resolve({
          ms,
          rss: rssFile === undefined ? undefined : Number(readFileSync(rssFile, "utf8")),
          stderr,
        });
    });
  });
}

{
  const folder = mkdtempSync(join(tmpdir(), "okta-device-ocsf-bench-"));
  try {
    const files = generate(folder);
    const sizes = { ndjson: statSync(files.ndjson).size, array: statSync(files.array).size };
    const rssFile = join(folder, "rss");
    const ours = {
      ndjson: await run(process.execPath, ["-r", maxRss, cli, "map", files.ndjson], rssFile),
      array: await run(process.execPath, ["-r", maxRss, cli, "map", files.array], rssFile),
    };
    for (const [format, result] of Object.entries(ours)) {
      if (!result.stderr.includes(`map: ${COUNT} event(s) written, 0 record(s) failed`))
        throw new Error(`map of the ${format} file: ${result.stderr.slice(-300)}`);
      record(
        `map ${format}, peak RSS of the child`,
        result.rss / 1e6,
        256,
        "MB",
        `(${COUNT} devices with expand=user, ${(sizes[format] / 1e6).toFixed(0)} MB file, ${(result.ms / 1000).toFixed(1)} s)`,
      );
    }
    const jq = spawnSync("jq", ["--version"], { encoding: "utf8" });
    if (jq.error !== undefined || jq.status !== 0) {
      console.log("SKIP  map vs jq: jq is absent (Debian: apt-get install jq)");
    } else {
      const theirs = {
        ndjson: await run("jq", ["-c", ".", files.ndjson]),
        array: await run("jq", ["-c", ".[]", files.array]),
      };
      for (const format of ["ndjson", "array"]) {
        record(
          `map ${format} / ${format === "array" ? "jq -c '.[]'" : "jq -c ."}`,
          ours[format].ms / theirs[format].ms,
          0.5,
          "ratio",
          `(${COUNT} devices, ${(sizes[format] / 1e6).toFixed(0)} MB; map ${(ours[format].ms / 1000).toFixed(1)} s, ${jq.stdout.trim()} ${(theirs[format].ms / 1000).toFixed(1)} s; output to /dev/null)`,
        );
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
