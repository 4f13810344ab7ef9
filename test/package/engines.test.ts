// `engines.node` must be true: every Node it admits runs every runtime dependency as
// installed (undici 7, for proxies, needs 20.18.1: the reason the command line stays on
// undici 6), and the compat run's Node 20 is one. The contract is `>=20` (SPEC: Node.js 20,
// 22 and 24).
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// semver (npm's own range logic) has no bundled types: only what is used here is typed.
const semver = createRequire(import.meta.url)("semver") as {
  subset(sub: string, dom: string): boolean;
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
  gt(a: string, b: string): boolean;
};

interface Manifest {
  name: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const read = (folder: string) =>
  JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as Manifest;

// Where Node finds `name` from a package in `folder`: its own node_modules, then its parents'.
function installed(name: string, folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dir === dirname(dir)) return undefined;
  }
}

// Every installed runtime dependency, transitively (devDependencies are not shipped).
function runtimeDependencies(): Map<string, Manifest> {
  const found = new Map<string, Manifest>();
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    const manifest = read(folder);
    const names = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies });
    for (const name of names) {
      const dependency = installed(name, folder);
      if (dependency === undefined || found.has(dependency)) continue;
      found.set(dependency, read(dependency));
      pending.push(dependency);
    }
  }
  return found;
}

describe("engines.node", () => {
  const ours = read(root).engines?.node ?? "*";

  it("admits no Node that an installed runtime dependency refuses", () => {
    const dependencies = runtimeDependencies();
    expect([...dependencies.values()].map((manifest) => manifest.name)).toContain("undici");
    const refused = [...dependencies.values()]
      .filter((manifest) => manifest.engines?.node !== undefined)
      .filter((manifest) => !semver.subset(ours, manifest.engines?.node as string))
      .map((manifest) => `${manifest.name} needs ${manifest.engines?.node}`);
    expect(refused, `engines.node is ${ours}`).toStrictEqual([]);
  });

  it("is no stricter than it must be: Node 20.0.0, or higher only where a dependency needs it", () => {
    let needed = "20.0.0";
    for (const manifest of runtimeDependencies().values()) {
      const range = manifest.engines?.node;
      const minimum = range === undefined ? undefined : semver.minVersion(range)?.version;
      if (minimum !== undefined && semver.gt(minimum, needed)) needed = minimum;
    }
    expect(semver.minVersion(ours)?.version).toBe(needed);
    expect(semver.satisfies(process.versions.node, ours)).toBe(true);
  });
});
