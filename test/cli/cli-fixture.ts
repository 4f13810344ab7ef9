// What a CLI test file needs around the built command: a temporary working folder, fake orgs
// closed after each test, and a run of the command in that folder (test/cli/subprocess.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  type FakeOktaOrg,
  type FakeOktaOrgOptions,
  startFakeOktaOrg,
} from "../../src/testing/index.js";
import { assertBuilt, type CliOptions, cli, type Run } from "./subprocess.js";

/** A test file's folder, fake orgs and command runs. */
export interface CliFixture {
  /** The temporary folder (made before the file's tests, removed after them). */
  readonly work: string;
  /** Starts a fake org, closed after the current test. */
  org(options: FakeOktaOrgOptions): Promise<FakeOktaOrg>;
  /** Runs `okta-device-ocsf ARGS` in {@link work}. */
  run(args: string[], options?: Omit<CliOptions, "cwd">): Promise<Run>;
}

/** Registers the file's hooks; call once at the top of a test file. */
export function useCliFixture(prefix: string): CliFixture {
  let work = "";
  const orgs: FakeOktaOrg[] = [];
  beforeAll(() => {
    assertBuilt();
    work = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  afterEach(async () => {
    await Promise.all(orgs.splice(0).map((org) => org.close()));
  });
  return {
    get work() {
      return work;
    },
    async org(options) {
      const started = await startFakeOktaOrg(options);
      orgs.push(started);
      return started;
    },
    run: (args, options = {}) => cli(args, { ...options, cwd: work }),
  };
}
