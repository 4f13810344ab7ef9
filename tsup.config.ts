import { defineConfig, type Options } from "tsup";

const shared: Options = {
  sourcemap: false,
  treeshake: true,
  target: "node20",
  platform: "neutral",
  // Keep `node:` specifiers: they resolve in Node, Deno and Bun alike.
  removeNodeProtocol: false,
  external: [/^node:/],
  // `npm run build` empties dist/ first: two configs cleaning in parallel would race.
  clean: false,
  // No keepNames: it wraps every function in a naming helper (+2 KB on the root bundle).
  // Class names survive anyway as long as no class names itself inside its own body (esbuild
  // renames such a class `_X`); test/package/class-names.test.ts checks every error class.
};

export default defineConfig([
  {
    ...shared,
    entry: {
      index: "src/index.ts",
      "schemas/index": "src/schemas/index.ts",
      "client/index": "src/client/index.ts",
      "testing/index": "src/testing/index.ts",
      "lake/index": "src/lake/index.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    // Shared modules become shared chunks so that a class (e.g. an error) has one identity
    // whichever entry point loaded it, in ESM and in CJS alike.
    splitting: true,
  },
  {
    ...shared,
    // Not an entry point of the package: the file the lake writer's encoder thread runs (both
    // builds of the lake entry start it as an ES module). One file, no types.
    entry: { "lake/encode-worker": "src/lake/encode-worker.ts" },
    format: ["esm"],
    dts: false,
    splitting: false,
  },
  {
    ...shared,
    // The command line: ESM only, one file, run by `bin`.
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    dts: false,
    splitting: false,
  },
]);
