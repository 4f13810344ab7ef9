// Hosts a fake Okta org in its own process, so that the server's CPU time is not counted
// against the client being measured. Talks to the parent over IPC only (the fake token is
// never printed).
import { startFakeOktaOrg } from "okta-device-ocsf/testing";

const options = JSON.parse(process.argv[2] ?? "{}");
const org = await startFakeOktaOrg(options);
process.on("message", async (message) => {
  if (message === "stats") {
    process.send({ type: "stats", stats: org.stats, requests: org.requests.length });
    org.requests.length = 0;
  } else if (message === "close") {
    await org.close();
    process.exit(0);
  }
});
process.send({ type: "ready", baseUrl: org.baseUrl, token: org.token });
