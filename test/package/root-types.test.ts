// The root entry has no dependency, and its types must not need one either: a project
// that installs okta-device-ocsf for the mapper alone gets no "Cannot find module 'zod'".
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist");

// Every module specifier the declaration file imports, transitively within dist/.
function declarationImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const specifiers = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    // Without comments: JSDoc examples import the package by name.
    const source = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    for (const match of source.matchAll(
      /\bfrom\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g,
    )) {
      const specifier = match[1] ?? match[2] ?? "";
      specifiers.add(specifier);
      // A declaration imports `./x.js` (or `./x.cjs`) meaning `./x.d.ts` (or `./x.d.cts`).
      const declaration = specifier.replace(/\.js$/, ".d.ts").replace(/\.cjs$/, ".d.cts");
      if (specifier.startsWith(".")) pending.push(resolve(dirname(file), declaration));
    }
  }
  return specifiers;
}

describe("the root entry's type declarations", () => {
  beforeAll(() => {
    if (!existsSync(resolve(dist, "index.d.ts"))) {
      throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
    }
  });

  for (const file of ["index.d.ts", "index.d.cts"]) {
    it(`${file} imports no package, only its own files`, () => {
      const specifiers = [...declarationImports(resolve(dist, file))];
      expect(specifiers.length).toBeGreaterThan(0);
      expect(specifiers.filter((specifier) => !specifier.startsWith("."))).toStrictEqual([]);
    });
  }

  it("/schemas' declarations do import zod (so the check above can see a package import)", () => {
    const specifiers = [...declarationImports(resolve(dist, "schemas/index.d.ts"))];
    expect(specifiers.some((specifier) => specifier.startsWith("zod"))).toBe(true);
  });
});

describe("every entry's type declarations", () => {
  // Node's built-in modules' types come from whichever @types/node a project has, and they
  // change between majors (`JsonWebKey` left `node:crypto` in @types/node 25, which broke
  // /testing's declarations): the published types name none of them.
  for (const entry of ["index", "schemas/index", "client/index", "testing/index", "lake/index"]) {
    for (const extension of [".d.ts", ".d.cts"]) {
      it(`${entry}${extension} imports nothing from Node's built-in modules`, () => {
        const specifiers = [...declarationImports(resolve(dist, `${entry}${extension}`))];
        expect(specifiers.filter((specifier) => specifier.startsWith("node:"))).toStrictEqual([]);
      });
    }
  }
});
