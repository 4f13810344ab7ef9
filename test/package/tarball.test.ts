import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

describe("the published tarball", () => {
  it("holds only what users need: the build, README, LICENSE and package.json", () => {
    const [pack] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], {
        cwd: root,
        encoding: "utf8",
      }),
    ) as [{ files: { path: string }[] }];
    const paths = pack.files.map((file) => file.path);
    expect(paths).toContain("dist/index.js");
    expect(paths).toContain("dist/cli.js");
    for (const path of paths) {
      expect(path).toMatch(
        /^(dist\/[\w./-]+\.(js|cjs|d\.ts|d\.cts)|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/,
      );
    }
  });

  it("has no install scripts, and publishes with provenance", () => {
    const manifest = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
      publishConfig: { provenance?: boolean };
    };
    for (const hook of ["preinstall", "install", "postinstall", "prepare", "prepublish"]) {
      expect(manifest.scripts).not.toHaveProperty(hook);
    }
    expect(manifest.publishConfig.provenance).toBe(true);
  });
});
