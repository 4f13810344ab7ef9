// Every file the command line reads or writes (map's FILE, --out, --checkpoint, --state) fails
// with exit 74 (EX_IOERR) and a message naming the path and the errno, for the errnos a
// machine really gives. Produced for real, even as root (which file modes do not stop):
// - EACCES: sysfs refuses to open for writing an attribute it cannot store (0444, e.g.
//   /sys/kernel/uevent_seqnum), to create a file in its folders, and to open for reading one
//   it cannot show (0200, /sys/bus/*/uevent);
// - EROFS and ENOSPC: the command runs in its own mount namespace (`unshare -m`, util-linux)
//   where a folder is a read-only tmpfs, or a 4 KiB tmpfs already full. Nothing is mounted
//   outside that namespace.
// Where the machine offers neither (no sysfs, no right to unshare), those cases are left out
// with a message saying so, and LocalIoError's text for each errno is still checked below.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalIoError } from "../../src/cli/failures.js";
import { useCliFixture } from "./cli-fixture.js";
import { lines } from "./subprocess.js";

const fixture = useCliFixture("okta-device-ocsf-io-errors-");
const { org } = fixture;

// An attribute sysfs can show but not store, and a folder in which it creates nothing.
const UNWRITABLE = "/sys/kernel/uevent_seqnum";
const UNCREATABLE = (name: string) => join("/sys/kernel", name);
// An attribute sysfs can store but not show: reading it is refused (and never written here).
const UNREADABLE = (() => {
  try {
    for (const bus of readdirSync("/sys/bus")) {
      const path = join("/sys/bus", bus, "uevent");
      if (existsSync(path) && (statSync(path).mode & 0o777) === 0o200) return path;
    }
  } catch {}
  return undefined;
})();
const hasSysfs = existsSync(UNWRITABLE) && UNREADABLE !== undefined;

const canUnshare = (() => {
  try {
    execFileSync("unshare", ["-m", "sh", "-c", "mount -t tmpfs -o ro,size=4k tmpfs /mnt"], {
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  }
})();
if (!hasSysfs) console.warn("io-errors: no sysfs here: the EACCES cases are left out");
if (!canUnshare)
  console.warn("io-errors: cannot unshare -m here: the EROFS/ENOSPC cases are left out");

// Runs `node …` with `folder` mounted, in a mount namespace of its own, read-only (EROFS) or
// as a 4 KiB tmpfs whose one page is already taken (ENOSPC).
function mounted(folder: string, kind: "read-only" | "full"): string[] {
  const script =
    kind === "read-only"
      ? 'mount -t tmpfs -o ro,size=64k tmpfs "$0" && exec "$@"'
      : 'mount -t tmpfs -o size=4k tmpfs "$0" && head -c 4096 /dev/zero > "$0/fill" && exec "$@"';
  return ["unshare", "-m", "sh", "-c", script, folder];
}

function folder(name: string): string {
  const path = join(fixture.work, name);
  mkdirSync(path, { recursive: true });
  return path;
}

let runs = 0;
// Lists a fake org of 300 devices with `command`; `sync` gets a fresh --state unless given.
async function listing(command: "fetch" | "sync", args: string[], wrapper?: string[]) {
  const fake = await org({ count: 300 });
  const state = join(fixture.work, `state-${++runs}.json`);
  const stateArgs = command === "sync" && !args.includes("--state") ? ["--state", state] : [];
  const run = await fixture.run(
    [command, "--base-url", fake.baseUrl, "--allow-insecure-http", ...stateArgs, ...args],
    { env: { OKTA_API_TOKEN: fake.token }, ...(wrapper === undefined ? {} : { wrapper }) },
  );
  return { ...run, state };
}

describe("LocalIoError names the path and the errno", () => {
  it.each([
    ["ENOENT", "no such file or directory"],
    ["EACCES", "permission denied"],
    ["EROFS", "read-only file system"],
    ["ENOSPC", "no space left on device"],
    ["EISDIR", "is a directory"],
  ])("%s", (code, text) => {
    const cause = Object.assign(new Error(`${code}: raw`), { code });
    expect(new LocalIoError("write the state", "/x/state.json", cause).message).toBe(
      `cannot write the state /x/state.json: ${code} (${text})`,
    );
  });
});

describe.runIf(hasSysfs)("EACCES, from sysfs", () => {
  it.each(["fetch", "sync"] as const)(
    "%s --out to a file that cannot be opened for writing",
    async (command) => {
      const run = await listing(command, ["--out", UNWRITABLE]);
      expect(run.stderr).toContain(`cannot write ${UNWRITABLE}: EACCES (permission denied)`);
      expect(run.status).toBe(74);
    },
  );

  it("fetch --checkpoint that cannot be read, or written", async () => {
    const read = await listing("fetch", ["--checkpoint", UNREADABLE as string]);
    expect(read.stderr).toContain(
      `cannot read the checkpoint ${UNREADABLE}: EACCES (permission denied)`,
    );
    expect(read.status).toBe(74);
    const target = UNCREATABLE("okta-device-ocsf-checkpoint.json");
    const write = await listing("fetch", ["--checkpoint", target]);
    // The events were written and flushed; only the checkpoint could not follow.
    expect(lines(write.stdout)).toHaveLength(300);
    expect(write.stderr).toContain(
      `cannot write the checkpoint ${target}: EACCES (permission denied)`,
    );
    expect(write.status).toBe(74);
  });

  it("sync --state that cannot be read, or written", async () => {
    const read = await listing("sync", ["--state", UNREADABLE as string]);
    expect(read.stderr).toContain(
      `cannot read the state ${UNREADABLE}: EACCES (permission denied)`,
    );
    expect(read.status).toBe(74);
    const target = UNCREATABLE("okta-device-ocsf-state.json");
    const write = await listing("sync", ["--state", target]);
    expect(lines(write.stdout)).toHaveLength(300);
    expect(write.stderr).toContain(`cannot write the state ${target}: EACCES (permission denied)`);
    expect(write.status).toBe(74);
  });

  it("map FILE that cannot be read (the FILE argument is not echoed)", async () => {
    const run = await fixture.run(["map", UNREADABLE as string]);
    expect(run.stderr).toContain("cannot read the FILE argument: EACCES (permission denied)");
    expect(run.status).toBe(74);
  });
});

describe.runIf(canUnshare)("EROFS and ENOSPC, from a tmpfs in a mount namespace", () => {
  it.each([
    ["fetch", "--out", "out.ndjson", "write"],
    ["sync", "--out", "out.ndjson", "write"],
    ["fetch", "--checkpoint", "checkpoint.json", "write the checkpoint"],
    ["sync", "--state", "state.json", "write the state"],
  ] as const)("%s %s into a read-only file system", async (command, option, name, what) => {
    const dir = folder(`ro-${command}-${name}`);
    const path = join(dir, name);
    const run = await listing(command, [option, path], mounted(dir, "read-only"));
    expect(run.stderr).toContain(`cannot ${what} ${path}: EROFS (read-only file system)`);
    expect(run.status).toBe(74);
  });

  it.each([
    ["fetch", "--checkpoint", "checkpoint.json", "write the checkpoint"],
    ["sync", "--state", "state.json", "write the state"],
    ["sync", "--out", "out.ndjson", "write"],
  ] as const)("%s %s onto a full disk", async (command, option, name, what) => {
    const dir = folder(`full-${command}-${name}`);
    const path = join(dir, name);
    const run = await listing(command, [option, path], mounted(dir, "full"));
    expect(run.stderr).toContain(`cannot ${what} ${path}: ENOSPC (no space left on device)`);
    expect(run.status).toBe(74);
  });
});

describe("ENOENT and EISDIR", () => {
  it.each(["--out", "--state"] as const)(
    "sync %s into a folder that does not exist",
    async (option) => {
      const path = join(fixture.work, "missing", "file");
      const run = await listing("sync", [option, path]);
      expect(run.stderr).toContain(
        `cannot write ${option === "--state" ? "the state " : ""}${path}: ENOENT`,
      );
      expect(run.status).toBe(74);
    },
  );

  it("fetch --checkpoint into a folder that does not exist", async () => {
    const path = join(fixture.work, "missing", "checkpoint.json");
    const run = await listing("fetch", ["--checkpoint", path]);
    expect(run.stderr).toContain(`cannot write the checkpoint ${path}: ENOENT`);
    expect(run.status).toBe(74);
  });

  it("sync --state that is a folder", async () => {
    const path = folder("state-folder");
    const run = await listing("sync", ["--state", path]);
    expect(run.stderr).toContain(`cannot read the state ${path}: EISDIR (is a directory)`);
    expect(run.status).toBe(74);
  });

  it("sync --out to a full disk (/dev/full)", async () => {
    const run = await listing("sync", ["--out", "/dev/full"]);
    expect(run.stderr).toContain("cannot write /dev/full: ENOSPC");
    expect(run.status).toBe(74);
    // No state is saved after output that could not be written.
    expect(existsSync(run.state)).toBe(false);
  });
});
