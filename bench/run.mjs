// `npm run bench`: ratios measured in one process (or one machine, for the listing), so
// that the machine's speed cancels out. Prints a table and writes bench/results.md.
//
// Each section is a module `bench/<name>.mjs` that reports rows with `record` from
// bench/lib.mjs; adding a section = that file + its name in SECTIONS. Each section runs in
// a process of its own, so that one section's heap (the mapping section parses hundreds of
// MB of JSON) does not tax the next one's timings. `npm run bench -- mapping` runs one.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";

// One line each (the comments keep the formatter from joining them), so that sections
// added on different branches merge cleanly.
const SECTIONS = [
  "mapping", // each profile / JSON.parse, per record shape
  "ocsf-versions", // map in OCSF 1.3.0 and 1.8.0 / map in 1.6.0 (each / JSON.parse)
  "listing", // client / bare fetch loop and / okta-sdk-nodejs, per record shape
  "memory", // heap growth streaming 200k devices
  "rate-limit", // listing under a small bucket / fastest safe schedule
  "rate-limit-repeated", // listing under repeated rate-limit headers: zero 429s
  "worst-case", // adversarial pages (escaped backslashes) / JSON.parse
  "cli-map", // okta-device-ocsf map of 600 MB: peak RSS, time / jq
];

const child = process.env.BENCH_SECTION;
if (child !== undefined) {
  // In the child: the section runs to completion on import; its rows are on stdout.
  await import(new URL(`./${child}.mjs`, import.meta.url).href);
  process.exit(0);
}

const only = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
for (const name of only) {
  if (!SECTIONS.includes(name)) {
    console.error(`unknown bench section ${name}; sections: ${SECTIONS.join(", ")}`);
    process.exit(2);
  }
}
const rows = [];
for (const section of only.length === 0 ? SECTIONS : only) {
  const run = spawnSync(
    process.execPath,
    process.execArgv.concat([new URL(import.meta.url).pathname]),
    {
      env: { ...process.env, BENCH_SECTION: section },
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  for (const line of run.stdout.split("\n")) {
    if (line.startsWith("ROW ")) rows.push(JSON.parse(line.slice(4)));
    else if (line !== "") console.log(line);
  }
  if (run.status !== 0)
    throw new Error(`bench section ${section} crashed (${run.status ?? run.signal})`);
}
if (only.length === 0) writeResults(rows);
process.exit(rows.every((row) => row.pass) ? 0 : 1);

function shown(row) {
  return row.unit === "MB" ? `${row.value.toFixed(1)} MB` : row.value.toFixed(3);
}

function target(row) {
  return `<= ${row.target}${row.unit === "MB" ? " MB" : ""}`;
}

// Rows measured per record shape are also tabulated one column per shape, so that a
// target is seen to hold on every shape at a glance.
function perShapeTable(rows) {
  const shaped = rows.filter((row) => row.shape !== undefined);
  if (shaped.length === 0) return [];
  const shapes = [...new Set(shaped.map((row) => row.shape))];
  const names = [...new Set(shaped.map((row) => row.name))];
  const lines = [
    "## Per record shape",
    "",
    `| measure | ${shapes.join(" | ")} | target |`,
    `|---|${shapes.map(() => "---|").join("")}---|`,
  ];
  for (const name of names) {
    const cells = shapes.map((shape) => {
      const row = shaped.find((each) => each.name === name && each.shape === shape);
      return row === undefined ? "" : `${shown(row)}${row.pass ? "" : " FAIL"}`;
    });
    const first = shaped.find((row) => row.name === name);
    lines.push(`| ${name} | ${cells.join(" | ")} | ${target(first)} |`);
  }
  return [...lines, ""];
}

function writeResults(rows) {
  const version = JSON.parse(
    readFileSync(new URL("../package.json", import.meta.url), "utf8"),
  ).version;
  const lines = [
    "# Benchmark results",
    "",
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: okta-device-ocsf ${version}, Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} (${cpus().length} cores), ${process.platform}/${process.arch}.`,
    "Ratios compare two measurements taken in the same run, so the machine's speed cancels out.",
    "",
    ...perShapeTable(rows),
    "## All measures",
    "",
    "| measure | shape | result | target | | how |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.shape ?? ""} | ${shown(row)} | ${target(row)} | ${row.pass ? "pass" : "FAIL"} | ${row.detail.replace(/^\(|\)$/g, "")} |`,
    ),
    "",
  ];
  writeFileSync(new URL("./results.md", import.meta.url), lines.join("\n"));
}
