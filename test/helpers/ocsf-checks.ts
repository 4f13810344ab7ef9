import { OCSF_DEVICE_TYPE_CAPTIONS, OCSF_OS_TYPE_CAPTIONS } from "../../src/index.js";

interface LooseEvent {
  [key: string]: unknown;
}

const ACTIVITY_CAPTIONS: Record<number, string> = {
  0: "Unknown",
  1: "Log",
  2: "Collect",
  99: "Other",
};
const SEVERITY_CAPTIONS: Record<number, string> = {
  0: "Unknown",
  1: "Informational",
  2: "Low",
  3: "Medium",
  4: "High",
  5: "Critical",
  6: "Fatal",
  99: "Other",
};
// 1973-03-03 in ms; an epoch-seconds value stays below it until the year 5138.
const MIN_PLAUSIBLE_MS = 1e11;

function isMillis(value: unknown): boolean {
  return (
    Number.isInteger(value) && (value as number) >= MIN_PLAUSIBLE_MS && (value as number) < 1e14
  );
}

/** The checks of SPEC §3 that JSON Schema cannot express; returns what is wrong. */
export function ocsfSemanticProblems(event: LooseEvent, version = "1.6.0"): string[] {
  const problems: string[] = [];
  const device = (event.device ?? {}) as LooseEvent;
  const os = device.os as LooseEvent | undefined;
  const metadata = (event.metadata ?? {}) as LooseEvent;
  const expect = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  expect(
    event.type_uid === (event.class_uid as number) * 100 + (event.activity_id as number),
    "type_uid !== class_uid * 100 + activity_id",
  );
  expect(event.activity_name === ACTIVITY_CAPTIONS[event.activity_id as number], "activity_name");
  expect(event.category_uid === 5 && event.category_name === "Discovery", "category_name");
  expect(event.class_uid === 5001 && event.class_name === "Device Inventory Info", "class_name");
  expect(event.severity === SEVERITY_CAPTIONS[event.severity_id as number], "severity");
  expect(event.type_name === `${event.class_name}: ${event.activity_name}`, "type_name");
  const deviceTypeId = device.type_id as keyof typeof OCSF_DEVICE_TYPE_CAPTIONS;
  expect(
    deviceTypeId === 99
      ? typeof device.type === "string"
      : device.type === OCSF_DEVICE_TYPE_CAPTIONS[deviceTypeId],
    `device.type ${String(device.type)} is not the caption of ${String(deviceTypeId)}`,
  );
  if (os !== undefined) {
    const osTypeId = os.type_id as keyof typeof OCSF_OS_TYPE_CAPTIONS;
    expect(
      osTypeId === 99 ? typeof os.type === "string" : os.type === OCSF_OS_TYPE_CAPTIONS[osTypeId],
      `os.type ${String(os.type)} is not the caption of ${String(osTypeId)}`,
    );
  }
  expect(isMillis(event.time), "time is not epoch milliseconds");
  for (const key of ["created_time", "modified_time", "last_seen_time"]) {
    if (key in device) expect(isMillis(device[key]), `device.${key} is not epoch milliseconds`);
  }
  expect(metadata.version === version, `metadata.version is not ${version}`);
  return problems;
}
