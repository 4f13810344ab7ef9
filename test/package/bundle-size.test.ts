// A browser bundle of the root plus /schemas: zod/mini and named imports let the bundler
// drop what is unused (zod's classic API and its ~40 locales were 460 KB of it).
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const LIMIT_BYTES = 100 * 1024;

describe("a browser bundle of the root and /schemas", () => {
  beforeAll(() => {
    if (!existsSync(resolve(root, "dist/index.js"))) {
      throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
    }
  });

  it("is at most 100 KB minified with esbuild, and holds no zod locale but English", async () => {
    const result = await build({
      stdin: {
        contents: 'export * from "./dist/index.js"; export * from "./dist/schemas/index.js";',
        resolveDir: root,
      },
      bundle: true,
      minify: true,
      write: false,
      format: "esm",
      platform: "browser",
      metafile: true,
    });
    const bytes = result.outputFiles[0]?.contents.byteLength ?? Number.POSITIVE_INFINITY;
    expect(bytes).toBeLessThanOrEqual(LIMIT_BYTES);
    // What made it into the output (the metafile's `inputs` also lists what was dropped).
    const output = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
    const inputs = Object.keys(output).filter((path) => (output[path]?.bytesInOutput ?? 0) > 0);
    expect(
      inputs.filter(
        (path) =>
          path.includes("/zod/v4/locales/") &&
          !path.endsWith("/en.js") &&
          !path.endsWith("/index.js"),
      ),
    ).toStrictEqual([]);
    expect(inputs.filter((path) => path.includes("/zod/v4/classic/"))).toStrictEqual([]);
  });
});
