// These tests run against the built package (`npm test` builds before vitest), because
// what users get is dist/, not src/.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dist = resolve(root, "dist");

function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" });
}

// Every module the ESM file imports, transitively, within dist/ (bare specifiers listed as-is).
function esmImportGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(
      /\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g,
    )) {
      const specifier = match[1] ?? match[2] ?? "";
      if (specifier.startsWith(".")) pending.push(resolve(dirname(file), specifier));
      else seen.add(specifier);
    }
  }
  return seen;
}

describe("the built package", () => {
  beforeAll(() => {
    if (!existsSync(resolve(dist, "index.cjs"))) {
      throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
    }
  });

  it("root CJS entry loads neither zod nor ky", () => {
    const loaded = JSON.parse(
      runNode([
        "-e",
        "require('./dist/index.cjs'); console.log(JSON.stringify(Object.keys(require.cache)))",
      ]),
    ) as string[];
    expect(loaded.some((file) => file.includes(`${resolve(dist)}`))).toBe(true);
    expect(loaded.filter((file) => file.includes("node_modules"))).toStrictEqual([]);
  });

  it("root ESM entry imports no package at all", () => {
    const graph = [...esmImportGraph(resolve(dist, "index.js"))];
    expect(graph.filter((item) => !item.startsWith("/"))).toStrictEqual([]);
  });

  it("schemas entry loads zod, in CJS and ESM", () => {
    const loaded = runNode([
      "-e",
      "const s = require('./dist/schemas/index.cjs'); console.log(typeof s.parseOktaDevice, Object.keys(require.cache).some(f => f.includes('/node_modules/zod/')))",
    ]);
    expect(loaded.trim()).toBe("function true");
    const esm = runNode([
      "--input-type=module",
      "-e",
      "const s = await import('okta-device-ocsf/schemas'); const r = await import('okta-device-ocsf'); console.log(typeof s.OktaDeviceSchema.parse, typeof r.toOcsfDeviceInventory)",
    ]);
    expect(esm.trim()).toBe("function function");
  });

  it("testing entry loads only Node built-ins", () => {
    const graph = [...esmImportGraph(resolve(dist, "testing/index.js"))];
    expect(
      graph.filter((item) => !item.startsWith("/") && !item.startsWith("node:")),
    ).toStrictEqual([]);
  });

  it("client entry works from CJS (ky is ESM-only and loaded lazily) and lists the fake org", () => {
    const out = runNode([
      "-e",
      `const { createOktaDeviceClient } = require('okta-device-ocsf/client');
       const { startFakeOktaOrg } = require('okta-device-ocsf/testing');
       const { mapOktaDevices } = require('okta-device-ocsf');
       (async () => {
         const org = await startFakeOktaOrg({ count: 450 });
         const client = createOktaDeviceClient({ baseUrl: org.baseUrl, auth: { apiToken: org.token }, allowInsecureHttp: true });
         let ok = 0;
         for await (const r of mapOktaDevices(client.listDevices({ expand: 'user' }))) if (r.ok) ok++;
         await org.close();
         console.log(ok, Object.keys(require.cache).some(f => f.includes('/node_modules/zod/')));
       })();`,
    ]);
    expect(out.trim()).toBe("450 false");
  });

  it("client entry works from ESM", () => {
    const out = runNode([
      "--input-type=module",
      "-e",
      `import { createOktaDeviceClient } from 'okta-device-ocsf/client';
       import { startFakeOktaOrg } from 'okta-device-ocsf/testing';
       const org = await startFakeOktaOrg({ count: 10 });
       const client = createOktaDeviceClient({ baseUrl: org.baseUrl, auth: { apiToken: org.token }, allowInsecureHttp: true });
       console.log((await client.testConnection()).ok);
       await org.close();`,
    ]);
    expect(out.trim()).toBe("true");
  });

  it("lake entry writes Parquet from CJS and from ESM (parquet-wasm's wasm loads in both)", () => {
    const script = (load: string) => `${load}
      const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'lake-'));
      const event = r.toOcsfDeviceInventory(t.generateOktaDevices(1)[0], { profile: 'ocsf', ocsfVersion: '1.3.0' });
      l.writeOcsfLake([event], { outDir: dir, region: 'us-east-1' }).then((result) => {
        console.log(result.rows, result.files[0].key.startsWith('ext/okta-device-inventory/region=us-east-1/accountId=external/eventDay='));
        require('node:fs').rmSync(dir, { recursive: true });
      });`;
    const cjs = runNode([
      "-e",
      script(
        "const l = require('okta-device-ocsf/lake'); const r = require('okta-device-ocsf'); const t = require('okta-device-ocsf/testing');",
      ),
    ]);
    expect(cjs.trim()).toBe("1 true");
    const esm = runNode([
      "--input-type=module",
      "-e",
      script(
        "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); const l = await import('okta-device-ocsf/lake'); const r = await import('okta-device-ocsf'); const t = await import('okta-device-ocsf/testing');",
      ),
    ]);
    expect(esm.trim()).toBe("1 true");
  });

  it("only the lake entry loads the Parquet libraries", () => {
    for (const entry of ["index.js", "schemas/index.js", "client/index.js", "testing/index.js"]) {
      const graph = [...esmImportGraph(resolve(dist, entry))];
      expect(graph.filter((item) => /parquet-wasm|apache-arrow/.test(item))).toStrictEqual([]);
    }
    const lake = [...esmImportGraph(resolve(dist, "lake/index.js"))];
    expect(
      lake.filter((item) => !item.startsWith("/") && !item.startsWith("node:")).sort(),
    ).toStrictEqual(["apache-arrow", "parquet-wasm"]);
  });

  it("an error class has one identity across entries", () => {
    const out = runNode([
      "-e",
      "const r = require('okta-device-ocsf'); try { r.toOcsfDeviceInventory({}) } catch (e) { console.log(e instanceof r.DeviceMappingError, e.name) }",
    ]);
    expect(out.trim()).toBe("true DeviceMappingError");
  });

  it("a bundle of `import { toOcsfDeviceInventory }` stays a few KB", async () => {
    const result = await build({
      stdin: {
        contents:
          "import { toOcsfDeviceInventory } from './dist/index.js'; console.log(toOcsfDeviceInventory);",
        resolveDir: root,
      },
      bundle: true,
      minify: true,
      write: false,
      format: "esm",
      platform: "neutral",
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array(1 << 30);
    // Both profiles' mappers (the strict one for six OCSF versions), the date parser and the
    // caption tables; no dependency. Issue 18's mapping speed-ups (the one-pass profile
    // reader, the straight-line date parser, the sekoia renderer's constructors; measured in
    // bench/results.md) took it from about 13.6 KB / 5.2 KB to 14.5 KB / 5.5 KB (minified /
    // gzipped): the budgets are 15 KB / 5.75 KB.
    expect(code.byteLength).toBeLessThan(15 * 1024);
    expect(gzipSync(code).byteLength).toBeLessThan(5.75 * 1024);
  });
});
