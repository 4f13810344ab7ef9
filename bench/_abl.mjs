import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { startOrg, timedWithGc, median } from "./lib.mjs";
const org = await startOrg({ count: 20000, expand: "user", seed: 6 });
const client = createOktaDeviceClient({ baseUrl: org.baseUrl, auth: { apiToken: org.token }, allowInsecureHttp: true });
for (const expand of [undefined, "userSummary", "user"]) {
  const opts = expand === undefined ? {} : { expand };
  const run = async () => { let n = 0; for await (const _d of client.listDevices(opts)) n++; if (n !== 20000) throw new Error(); };
  const res = { chunks: [], whole: [] };
  await run();
  for (let i = 0; i < 6; i++) for (const mode of i % 2 ? ["chunks", "whole"] : ["whole", "chunks"]) {
    if (mode === "whole") process.env.WHOLE_X = "1"; else delete process.env.WHOLE_X;
    res[mode].push(await timedWithGc(run));
  }
  const f = (k, m) => median(res[m].map((x) => x[k])).toFixed(0);
  console.log(`${expand ?? "none"}: chunks wall ${f("ms", "chunks")} cpu ${f("cpuMs", "chunks")} gc ${f("gcMs", "chunks")} | whole wall ${f("ms", "whole")} cpu ${f("cpuMs", "whole")} gc ${f("gcMs", "whole")}`);
}
await org.close();
