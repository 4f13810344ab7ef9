import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { startOrg } from "./lib.mjs";
const expand = process.argv[2] === "none" ? undefined : process.argv[2];
const org = await startOrg({ count: 20000, expand: "user", seed: 6 });
const client = createOktaDeviceClient({ baseUrl: org.baseUrl, auth: { apiToken: org.token }, allowInsecureHttp: true });
const opts = expand === undefined ? {} : { expand };
for (let i = 0; i < 6; i++) {
  const c0 = process.cpuUsage(); let n = 0;
  for await (const _d of client.listDevices(opts)) n++;
  const c = process.cpuUsage(c0); console.log(n, ((c.user + c.system) / 1000).toFixed(0));
}
await org.close();
