// `map` stopped by SIGINT or SIGTERM while its input is still open (a pipe that has not ended,
// a named pipe as FILE): the records read so far are written whole, then a message, exit 130/143.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateOktaDevices } from "../../src/testing/index.js";
import { useCliFixture } from "./cli-fixture.js";
import { bin, lines } from "./subprocess.js";

const fixture = useCliFixture("okta-device-ocsf-map-interrupt-");
const devices = generateOktaDevices(5, { seed: 21 });

interface Stopped {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

// Starts `map ARGS`, feeds it `write` (which leaves the input open), waits until it has
// printed `expected` lines, then sends `signal`. Bounded: killed after 30 s.
async function interruptMap(
  args: string[],
  write: (stdin: NodeJS.WritableStream) => void,
  expected: number,
  signal: NodeJS.Signals,
): Promise<Stopped> {
  const child = spawn(process.execPath, [bin, "map", ...args], { cwd: fixture.work });
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    if (lines(stdout).length === expected) child.kill(signal);
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  write(child.stdin);
  const [status, ended] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  return { status, signal: ended, stdout, stderr };
}

const ndjson = `${devices.map((device) => JSON.stringify(device)).join("\n")}\n`;

describe("map interrupted by a signal", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s on standard input: complete lines, a message, exit %i", async (signal, code) => {
    // Five whole records and the start of a sixth; the pipe stays open.
    const run = await interruptMap(
      [],
      (stdin) => stdin.write(`${ndjson}{"id":"guo-half`),
      5,
      signal,
    );
    expect(run.signal).toBeNull();
    expect(run.status).toBe(code);
    expect(run.stdout.endsWith("\n")).toBe(true);
    expect(lines(run.stdout).map((line) => JSON.parse(line).device.uid)).toStrictEqual(
      devices.map((device) => device.id),
    );
    expect(run.stderr).toBe(
      `map: interrupted (${signal}) after 5 records, 5 event(s) written, 0 record(s) failed; the output is partial: rerun to map everything\n`,
    );
  });

  it("a named pipe given as FILE, inside a JSON array: no 'cut short' error, exit 130", async () => {
    const fifo = join(fixture.work, "devices.fifo");
    execFileSync("mkfifo", [fifo]);
    let writer: ReturnType<typeof createWriteStream> | undefined;
    const run = await interruptMap(
      [fifo],
      () => {
        writer = createWriteStream(fifo);
        writer.write(`[${devices.map((device) => JSON.stringify(device)).join(",")},`);
      },
      5,
      "SIGINT",
    );
    writer?.destroy();
    expect(run.status).toBe(130);
    expect(lines(run.stdout)).toHaveLength(5);
    expect(run.stderr).toContain("map: interrupted (SIGINT) after 5 records, 5 event(s) written");
    expect(run.stderr).not.toContain("ends inside");
  });

  it("a named pipe given as FILE is read to its end when nothing interrupts", async () => {
    const fifo = join(fixture.work, "whole.fifo");
    execFileSync("mkfifo", [fifo]);
    const child = spawn(process.execPath, [bin, "map", fifo], { cwd: fixture.work });
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    const writer = createWriteStream(fifo);
    // Written in two parts, the second after the first was read: the reader waits for it.
    writer.write(ndjson.slice(0, 100));
    setTimeout(() => writer.end(ndjson.slice(100)), 300);
    const [status] = (await once(child, "close")) as [number | null];
    clearTimeout(timer);
    expect(status).toBe(0);
    expect(lines(stdout)).toHaveLength(5);
  });
});
