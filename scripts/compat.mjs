// `npm run test:compat`: packs the package as npm would publish it, installs the tarball in a
// scratch project, and runs a smoke test (ESM import and CJS require of each entry, mapping,
// validation, a listing from the fake org, an example run as TypeScript where the runtime
// strips types) on Node 20 (this one), 22 and 24, and on Bun and Deno where their npm
// packages install. The runtimes come from the npm registry, pinned, and are cached in
// ~/.cache/okta-device-ocsf-compat between runs.
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const cache = join(homedir(), ".cache", "okta-device-ocsf-compat");
const RUNTIMES = {
  node22: { package: "node@22.23.3", required: true },
  node24: { package: "node@24.21.0", required: true },
  bun: { package: "bun@1.4.5", required: false },
  deno: { package: "deno@2.9.6", required: false },
};
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const quiet = ["--no-audit", "--no-fund", "--loglevel=error"];

function install(name, spec) {
  const dir = join(cache, name);
  const marker = join(dir, `.installed-${spec.replace(/[@/]/g, "_")}`);
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ private: true }));
  // Once per runtime version (about 570 MB for all four): say what is fetched, and its size.
  process.stdout.write(
    `compat: fetching ${spec} from the npm registry into ${dir} (first run only)… `,
  );
  const run = spawnSync(npm, ["install", "--no-save", ...quiet, spec], {
    cwd: dir,
    encoding: "utf8",
  });
  if (run.status !== 0) {
    process.stdout.write("failed\n");
    return { error: (run.stderr || run.stdout).trim().split("\n").slice(-3).join(" ") };
  }
  process.stdout.write(`${(sizeOf(dir) / 1e6).toFixed(0)} MB\n`);
  writeFileSync(marker, "");
  return dir;
}

function sizeOf(path) {
  const stats = lstatSync(path);
  if (!stats.isDirectory()) return stats.size;
  let total = 0;
  for (const entry of readdirSync(path)) total += sizeOf(join(path, entry));
  return total;
}

const BIN = {
  node22: (dir) => join(dir, "node_modules", "node", "bin", "node"),
  node24: (dir) => join(dir, "node_modules", "node", "bin", "node"),
  bun: (dir) => join(dir, "node_modules", ".bin", "bun"),
  deno: (dir) => join(dir, "node_modules", ".bin", "deno"),
};

const SMOKE_ESM = `import { mapOktaDevices, toOcsfDeviceInventory, OCSF_VERSION } from "okta-device-ocsf";
import { parseOktaDevice, StrictDeviceInventoryEventSchema } from "okta-device-ocsf/schemas";
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { generateOktaDevices, startFakeOktaOrg } from "okta-device-ocsf/testing";

const devices = generateOktaDevices(300, { seed: 3, expand: "user" });
let mapped = 0;
for (const result of mapOktaDevices(devices, { profile: "ocsf" })) {
  if (!result.ok) throw result.error;
  StrictDeviceInventoryEventSchema.parse(result.event);
  mapped++;
}
parseOktaDevice(devices[0]);
if (toOcsfDeviceInventory(devices[1]).metadata.version !== OCSF_VERSION) throw new Error("version");
const org = await startFakeOktaOrg({ devices, pageSize: 100 });
const client = createOktaDeviceClient({ baseUrl: org.baseUrl, auth: { apiToken: org.token }, allowInsecureHttp: true });
let listed = 0;
for await (const device of client.listDevices({ expand: "user" })) listed++;
await org.close();
if (mapped !== 300 || listed !== 300) throw new Error(\`mapped \${mapped}, listed \${listed}\`);
console.log(\`esm ok: mapped \${mapped}, listed \${listed}\`);
`;

const SMOKE_CJS = `const { mapOktaDevices } = require("okta-device-ocsf");
const { parseOktaDevice } = require("okta-device-ocsf/schemas");
const { createOktaDeviceClient } = require("okta-device-ocsf/client");
const { generateOktaDevices, startFakeOktaOrg } = require("okta-device-ocsf/testing");

(async () => {
  const devices = generateOktaDevices(200, { seed: 4 });
  let mapped = 0;
  for (const result of mapOktaDevices(devices)) if (result.ok) mapped++;
  parseOktaDevice(devices[0]);
  const org = await startFakeOktaOrg({ devices });
  const client = createOktaDeviceClient({ baseUrl: org.baseUrl, auth: { apiToken: org.token }, allowInsecureHttp: true });
  let listed = 0;
  for await (const device of client.listDevices()) listed++;
  await org.close();
  if (mapped !== 200 || listed !== 200) throw new Error("mapped " + mapped + ", listed " + listed);
  console.log("cjs ok: mapped " + mapped + ", listed " + listed);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

// The package, as published.
const work = join(root, ".compat");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const packed = JSON.parse(
  execFileSync(npm, ["pack", "--json", "--pack-destination", work, ...quiet], {
    cwd: root,
    encoding: "utf8",
  }),
);
const tarball = join(work, packed[0].filename);
const app = join(work, "app");
mkdirSync(app);
writeFileSync(
  join(app, "package.json"),
  JSON.stringify({
    private: true,
    type: "module",
    dependencies: { "okta-device-ocsf": `file:${tarball}` },
  }),
);
execFileSync(npm, ["install", ...quiet], { cwd: app, stdio: "inherit" });
writeFileSync(join(app, "smoke.mjs"), SMOKE_ESM);
writeFileSync(join(app, "smoke.cjs"), SMOKE_CJS);
for (const file of readdirSync(join(root, "examples"))) {
  if (file.endsWith(".ts") && !file.endsWith(".test.ts")) {
    cpSync(join(root, "examples", file), join(app, file));
  }
}
writeFileSync(
  join(app, "devices.json"),
  JSON.stringify([
    {
      id: "guo1",
      status: "ACTIVE",
      created: "2024-01-01T00:00:00Z",
      lastUpdated: "2024-02-01T00:00:00Z",
      profile: { displayName: "d", platform: "IOS", model: "iPad Air", registered: true },
    },
  ]),
);

function run(binary, args, expect) {
  // Deno's own cache of CommonJS analysis is keyed by path: a cache shared with an earlier
  // build at the same path made Deno load a stale chunk list. Each run gets a fresh one.
  const env = { ...process.env, DENO_DIR: join(work, "deno-cache") };
  const result = spawnSync(binary, args, { cwd: app, encoding: "utf8", timeout: 120_000, env });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  const ok = result.status === 0 && (expect === undefined || expect.test(result.stdout ?? ""));
  return { ok, output: output.split("\n").slice(-2).join(" | ").slice(0, 200) };
}

const results = [];
const check = (runtime, what, outcome) => results.push({ runtime, what, ...outcome });
// "v24.21.0", "1.4.5", "deno 2.9.6 (stable, …)": keep the number.
const version = (binary) =>
  ((spawnSync(binary, ["--version"], { encoding: "utf8" }).stdout ?? "").match(
    /v?\d+\.\d+\.\d+/,
  ) ?? ["?"])[0];

const here = `node ${process.version}`;
check(here, "esm", run(process.execPath, ["smoke.mjs"], /esm ok/));
check(here, "cjs", run(process.execPath, ["smoke.cjs"], /cjs ok/));
for (const [name, spec] of Object.entries(RUNTIMES)) {
  const dir = install(name, spec.package);
  if (typeof dir !== "string") {
    const verdict = spec.required ? "FAILED" : "skipped";
    check(name, "install", {
      ok: !spec.required,
      output: `${verdict}: ${spec.package} did not install: ${dir.error}`,
    });
    continue;
  }
  const binary = BIN[name](dir);
  const label = `${name} ${version(binary)}`;
  const prefix = name === "deno" ? ["run", "-A"] : [];
  check(label, "esm", run(binary, [...prefix, "smoke.mjs"], /esm ok/));
  check(label, "cjs", run(binary, [...prefix, "smoke.cjs"], /cjs ok/));
  if (name === "node22" || name === "node24") {
    // These Node versions run TypeScript by stripping types: run an example as users would.
    check(
      label,
      "examples/map-file.ts",
      run(binary, ["map-file.ts", "devices.json", "ocsf"], /"type_id":4/),
    );
  }
}

for (const result of results) {
  const status = result.ok ? "ok  " : "FAIL";
  console.log(`${status}  ${result.runtime.padEnd(22)} ${result.what.padEnd(22)} ${result.output}`);
}
const failed = results.filter((result) => !result.ok).length;
console.log(`compat: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
