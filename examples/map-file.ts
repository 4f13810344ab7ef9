// Map a file of Okta devices (a JSON array, as GET /api/v1/devices returns) to OCSF NDJSON.
//   node examples/map-file.ts devices.json [sekoia|ocsf] > events.ndjson   (Node 22.18+ / 24)
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { mapOktaDevices, type OcsfProfile } from "okta-device-ocsf";

export interface MapFileResult {
  written: number;
  failed: number;
}

/** Writes one event per line with `write`; reports bad records with `warn`. */
export async function mapFile(
  path: string,
  profile: OcsfProfile,
  write: (line: string) => void,
  warn: (message: string) => void,
): Promise<MapFileResult> {
  const records: unknown = JSON.parse(await readFile(path, "utf8"));
  if (!Array.isArray(records)) throw new Error(`${path} is not a JSON array of devices`);
  const result = { written: 0, failed: 0 };
  for (const mapped of mapOktaDevices(records, { profile })) {
    if (mapped.ok) {
      write(`${JSON.stringify(mapped.event)}\n`);
      result.written++;
    } else {
      warn(`record ${mapped.index}: ${mapped.error.message}`);
      result.failed++;
    }
  }
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [path, profile = "sekoia"] = process.argv.slice(2);
  if (path === undefined || (profile !== "sekoia" && profile !== "ocsf")) {
    console.error("usage: map-file.ts FILE [sekoia|ocsf]");
    process.exit(64);
  }
  const { failed } = await mapFile(
    path,
    profile,
    (line) => process.stdout.write(line),
    (message) => console.error(message),
  );
  process.exitCode = failed > 0 ? 1 : 0;
}
