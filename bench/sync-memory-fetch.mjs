// A client whose `fetch` serves device pages from memory: the sync bench's comparison
// cost is measured on it, free of server and socket noise.
import { createOktaDeviceClient } from "okta-device-ocsf/client";
import { generateOktaDevices } from "okta-device-ocsf/testing";

const ORIGIN = "http://127.0.0.1:9";

/** A client listing `count` generated devices (no `_embedded`) from memory. */
export function memoryClient(count, seed) {
  const pages = [];
  const pageOf = new Map();
  const devices = generateOktaDevices(count, { seed, expand: "user" }).map((device) => {
    const { _embedded, ...rest } = device;
    return rest;
  });
  for (let start = 0; start < devices.length; start += 200) {
    const page = devices.slice(start, start + 200);
    pageOf.set(start === 0 ? "" : devices[start - 1].id, pages.length);
    pages.push({
      body: Buffer.from(JSON.stringify(page)),
      last: page[page.length - 1].id,
      final: start + 200 >= devices.length,
    });
  }
  const fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const page = pages[pageOf.get(url.searchParams.get("after") ?? "")];
    const headers = new Headers({ "content-type": "application/json" });
    headers.append("link", `<${url.href}>; rel="self"`);
    if (!page.final) {
      const next = new URL(url.href);
      next.searchParams.set("after", page.last);
      headers.append("link", `<${next.href}>; rel="next"`);
    }
    return new Response(page.body, { status: 200, headers });
  };
  return createOktaDeviceClient({
    baseUrl: ORIGIN,
    auth: { apiToken: "bench" },
    allowInsecureHttp: true,
    fetch,
  });
}

/** CPU time (user + system, ms) an async run takes, after a forced collection. */
export async function cpuTimed(gc, fn) {
  gc();
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
