import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "schemas/index": "src/schemas/index.ts",
    "client/index": "src/client/index.ts",
    "testing/index": "src/testing/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  // Shared modules become shared chunks so that a class (e.g. an error) has one identity
  // whichever entry point loaded it, in ESM and in CJS alike.
  splitting: true,
  sourcemap: false,
  clean: true,
  treeshake: true,
  target: "node20",
  platform: "neutral",
  // Keep `node:` specifiers: they resolve in Node, Deno and Bun alike.
  removeNodeProtocol: false,
  external: [/^node:/],
});
