import { OCSF_DEVICE_TYPE_CAPTIONS, OCSF_OS_TYPE_CAPTIONS } from "../../src/index.js";

// 1973-03-03 in ms; an epoch-seconds value stays below it until the year 5138.
const MIN_PLAUSIBLE_MS = 1e11;
const isMillis = (value: unknown) =>
  Number.isInteger(value) && (value as number) >= MIN_PLAUSIBLE_MS && (value as number) < 1e14;

type Loose = Record<string, unknown>;

/** The checks of an Entity Management Delete event that JSON Schema cannot express. */
export function deletionSemanticProblems(event: Loose, version: string): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const entity = (event.entity ?? {}) as Loose;
  const device = (entity.device ?? {}) as Loose;
  const os = device.os as Loose | undefined;
  expect(
    event.type_uid === (event.class_uid as number) * 100 + (event.activity_id as number),
    "type_uid !== class_uid * 100 + activity_id",
  );
  expect(event.activity_id === 4 && event.activity_name === "Delete", "activity_name");
  expect(
    event.category_uid === 3 && event.category_name === "Identity & Access Management",
    "category_name",
  );
  expect(event.class_uid === 3004 && event.class_name === "Entity Management", "class_name");
  expect(event.severity_id === 1 && event.severity === "Informational", "severity");
  expect(event.type_name === `${event.class_name}: ${event.activity_name}`, "type_name");
  expect(entity.type_id === 1 && entity.type === "Device", "entity.type");
  expect(entity.uid === device.uid, "entity.uid !== entity.device.uid");
  const typeId = device.type_id as keyof typeof OCSF_DEVICE_TYPE_CAPTIONS;
  expect(device.type === OCSF_DEVICE_TYPE_CAPTIONS[typeId], "device.type caption");
  if (os !== undefined) {
    const osTypeId = os.type_id as keyof typeof OCSF_OS_TYPE_CAPTIONS;
    expect(
      osTypeId === 99 ? typeof os.type === "string" : os.type === OCSF_OS_TYPE_CAPTIONS[osTypeId],
      "os.type caption",
    );
  }
  expect(isMillis(event.time), "time is not epoch milliseconds");
  if ("modified_time" in device) expect(isMillis(device.modified_time), "modified_time not ms");
  expect((event.metadata as Loose | undefined)?.version === version, "metadata.version");
  return problems;
}
