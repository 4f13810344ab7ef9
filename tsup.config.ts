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
    // The command line: ESM only, one file, run by `bin`.
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    dts: false,
    splitting: false,
  },
]);
