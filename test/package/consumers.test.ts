// New users' TypeScript setups, compiled against the packed tarball (what npm installs):
// node10 (CommonJS, still the default of many codebases), node16 from CJS and from ESM,
// and bundler resolution. A TS2307 on any entry, or an entry typed as `any`, fails it.
import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tsc = resolve(root, "node_modules/typescript/bin/tsc");

// Uses every entry; the @ts-expect-error lines fail the compile if a type is `any`.
const CONSUMER = `
import { toOcsfDeviceInventory, type OktaDevice, type OktaDeviceProvider } from "okta-device-ocsf";
import { parseOktaDevice, OktaDeviceValidationError } from "okta-device-ocsf/schemas";
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { startFakeOktaOrg } from "okta-device-ocsf/testing";

export async function run(json: unknown): Promise<number> {
  const device: OktaDevice = parseOktaDevice(json);
  const provider: OktaDeviceProvider | undefined = device.providers?.[0] ?? undefined;
  const event = toOcsfDeviceInventory(device, { profile: "ocsf" });
  // @ts-expect-error: time is a number (epoch milliseconds)
  const wrong: string = event.time;
  const org = await startFakeOktaOrg({ count: 1 });
  const client = createOktaDeviceClient({ baseUrl: org.baseUrl, auth: { apiToken: org.token } });
  // @ts-expect-error: the client has no such method
  client.noSuchMethod();
  await org.close();
  return event.time + (provider ? 1 : 0) + (wrong ? 0 : 1) + (OktaDeviceValidationError.name.length);
}
`;

interface Setup {
  name: string;
  type: "commonjs" | "module";
  compilerOptions: Record<string, string | boolean>;
}

const SETUPS: Setup[] = [
  {
    name: "node10",
    type: "commonjs",
    // esModuleInterop as `tsc --init` sets it: zod's own .d.ts need it under node10.
    compilerOptions: { module: "commonjs", moduleResolution: "node10", esModuleInterop: true },
  },
  {
    name: "node16-cjs",
    type: "commonjs",
    compilerOptions: { module: "node16", moduleResolution: "node16" },
  },
  {
    name: "node16-esm",
    type: "module",
    compilerOptions: { module: "node16", moduleResolution: "node16" },
  },
  {
    name: "bundler",
    type: "module",
    compilerOptions: { module: "esnext", moduleResolution: "bundler" },
  },
];

let work = "";
let unpacked = "";

describe("consumer projects compile against the packed tarball", () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "okta-device-ocsf-consumers-"));
    execFileSync("npm", ["pack", "--pack-destination", work, "--loglevel=error"], { cwd: root });
    const tarball = readdirSync(work).find((file) => file.endsWith(".tgz"));
    if (tarball === undefined) throw new Error("npm pack wrote no tarball");
    unpacked = join(work, "unpacked");
    mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", join(work, tarball), "-C", unpacked]);
  }, 120_000);
  afterAll(() => {
    if (work !== "") rmSync(work, { recursive: true, force: true });
  });

  for (const setup of SETUPS) {
    it(`under ${setup.name} resolution`, () => {
      const project = join(work, setup.name);
      const modules = join(project, "node_modules");
      mkdirSync(join(modules, "@types"), { recursive: true });
      // The package as npm installs it (a copy: a symlink would resolve its imports from the
      // tarball's folder); its dependencies and @types/node linked from this repo.
      cpSync(join(unpacked, "package"), join(modules, "okta-device-ocsf"), { recursive: true });
      for (const dependency of ["zod", "ky", "jose", "@types/node"]) {
        symlinkSync(resolve(root, "node_modules", dependency), join(modules, dependency), "dir");
      }
      writeFileSync(
        join(project, "package.json"),
        JSON.stringify({ name: `consumer-${setup.name}`, private: true, type: setup.type }),
      );
      writeFileSync(join(project, "index.ts"), CONSUMER);
      writeFileSync(
        join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            ...setup.compilerOptions,
            target: "es2022",
            lib: ["es2022", "dom"],
            types: ["node"],
            strict: true,
            noEmit: true,
            // The package's own .d.ts files are checked too (not those of its dependencies).
            skipLibCheck: false,
          },
          files: ["index.ts"],
        }),
      );
      let output = "";
      try {
        execFileSync(process.execPath, [tsc, "-p", project], { encoding: "utf8" });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
      }
      expect(output).toBe("");
      // tsc takes 5 to 10 s idle and up to 47 s under load.
    }, 300_000);
  }
});
