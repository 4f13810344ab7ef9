// Worst cases: inputs built to make a parser slow. Each is timed against JSON.parse of the
// same bytes (by `fetch` + `response.json()`, in the same process and run).
import { createServer } from "node:http";
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { median, range, record, timedWithGc } from "./lib.mjs";

// Issue 12 §3: one device whose displayName is a long run of escaped backslashes. An
// earlier page scanner was quadratic on it (an 8 MiB page took 45 s; JSON.parse 75 ms).
{
  const ROUNDS = 7;
  const BACKSLASHES = 4 * 1024 * 1024; // 8 MiB of JSON once escaped
  const page = Buffer.from(
    JSON.stringify([
      { id: "guo1", status: "ACTIVE", profile: { displayName: "\\".repeat(BACKSLASHES) } },
    ]),
  );
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(page);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const client = createOktaDeviceClient({
    baseUrl,
    auth: { apiToken: "bench-token-not-a-secret" },
    allowInsecureHttp: true,
  });
  const ours = async () => {
    let devices = 0;
    for await (const devicePage of client.listDevicePages()) devices += devicePage.devices.length;
    if (devices !== 1) throw new Error(`listed ${devices} devices, expected 1`);
  };
  const parsed = async () => {
    const response = await fetch(`${baseUrl}/api/v1/devices`);
    const devices = await response.json();
    if (devices.length !== 1) throw new Error("JSON.parse gave the wrong page");
  };
  await ours();
  await parsed();
  const ratios = [];
  const times = { ours: [], parsed: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const a = (await timedWithGc(ours)).ms;
    const b = (await timedWithGc(parsed)).ms;
    times.ours.push(a);
    times.parsed.push(b);
    ratios.push(a / b);
  }
  await new Promise((resolve) => server.close(resolve));
  record(
    "escaped-backslash page, client / fetch + JSON.parse",
    median(ratios),
    3,
    "ratio",
    `(${(page.length / 2 ** 20).toFixed(0)} MiB page, one displayName of ${BACKSLASHES} escaped backslashes, loopback server; median ms: client ${median(times.ours).toFixed(0)}, fetch + JSON.parse ${median(times.parsed).toFixed(0)}; median of ${ROUNDS} per-round ratios, range ${range(ratios)})`,
  );
}
