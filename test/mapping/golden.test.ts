import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  MAPPING_REVISIONS,
  type MapOptions,
  mappingRevision,
  OCSF_VERSIONS,
  type OktaDevice,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import { goldenRecords } from "../fixtures/golden-records.js";
import { compactLongStrings, type Golden, goldenVerdict } from "../helpers/golden.js";
import { TOO_LONG } from "../helpers/long-strings.js";
import { hasOktaExamples, OKTA_EXAMPLES_PATH } from "../helpers/shared.js";

// `UPDATE_GOLDEN=1 npx vitest run test/mapping/golden.test.ts` records the output of a
// profile whose revision changed; it refuses to record a change under the same revision.
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const DIR = new URL("./golden/", import.meta.url);

const targets: { file: string; options: MapOptions }[] = [
  { file: "sekoia.json", options: { profile: "sekoia" } },
  ...OCSF_VERSIONS.map((ocsfVersion) => ({
    file: `ocsf-${ocsfVersion}.json`,
    options: { profile: "ocsf", ocsfVersion } as MapOptions,
  })),
];

function currentGolden(options: MapOptions, records: Record<string, unknown[]>): Golden {
  const events: Record<string, unknown[]> = {};
  for (const [group, list] of Object.entries(records)) {
    events[group] = list.map(
      (record) =>
        compactLongStrings(toOcsfDeviceInventory(record as OktaDevice, options)) as unknown,
    );
  }
  return {
    profile: options.profile ?? "sekoia",
    ...(options.ocsfVersion === undefined ? {} : { ocsfVersion: options.ocsfVersion }),
    revision: mappingRevision(options),
    events,
  };
}

if (!hasOktaExamples) {
  console.warn(
    `SKIPPED golden events of Okta's published examples: ${OKTA_EXAMPLES_PATH} is not present (the page's examples and the stored records are still checked)`,
  );
}

describe("golden events: output changes only with a new mapping revision", () => {
  const records = goldenRecords();
  it.each(targets)("$file", ({ file, options }) => {
    const path = new URL(file, DIR);
    const stored = existsSync(path)
      ? (JSON.parse(readFileSync(path, "utf8")) as Golden)
      : undefined;
    const current = currentGolden(options, records);
    if (stored !== undefined && !hasOktaExamples) {
      // Without ../shared, compare what can be compared; keep the stored examples' events.
      current.events.oktaExamples = stored.events.oktaExamples ?? [];
    }
    const outcome = goldenVerdict(stored, current);
    if (outcome.verdict === "fail") throw new Error(outcome.message);
    if (outcome.verdict === "extend" && !UPDATE) {
      throw new Error(
        `${file} has no events for the new golden records (${outcome.groups.join(", ")}): record them with UPDATE_GOLDEN=1 npx vitest run test/mapping/golden.test.ts`,
      );
    }
    if (outcome.verdict === "record" || outcome.verdict === "extend") {
      if (!UPDATE) {
        throw new Error(
          stored === undefined
            ? `no golden file ${file}: record it with UPDATE_GOLDEN=1 npx vitest run test/mapping/golden.test.ts`
            : `${file} holds revision ${stored.revision}, the library says ${current.revision}: record the new output with UPDATE_GOLDEN=1`,
        );
      }
      if (!hasOktaExamples) throw new Error("recording needs ../shared/okta/api-examples.json");
      mkdirSync(DIR, { recursive: true });
      writeFileSync(path, `${JSON.stringify(current, null, 2)}\n`);
      return;
    }
    expect(outcome.verdict).toBe("same");
  });
});

describe("the golden check itself", () => {
  const records = { page: goldenRecords().page as unknown[] };
  const options: MapOptions = { profile: "ocsf", ocsfVersion: "1.3.0" };
  const stored = currentGolden(options, records);

  it("fails when the output changes under the same revision, naming the records", () => {
    const changed = structuredClone(stored);
    const first = (changed.events.page ?? [])[0] as { device: { name: string } };
    first.device.name = "changed";
    const outcome = goldenVerdict(stored, changed);
    expect(outcome.verdict).toBe("fail");
    expect(outcome.verdict === "fail" && outcome.message).toContain(
      `ocsf 1.3.0 output changed (records: page) but its mapping revision is still ${MAPPING_REVISIONS.ocsf["1.3.0"]}`,
    );
  });

  it("notices a change of key order alone (the output is compared byte for byte)", () => {
    const event = stored.events.page?.[0] as Record<string, unknown>;
    const { time, ...rest } = event;
    const reordered = {
      ...stored,
      events: { page: [{ ...rest, time }, ...(stored.events.page ?? []).slice(1)] },
    };
    expect(goldenVerdict(stored, reordered).verdict).toBe("fail");
  });

  it("lets new groups of records be added under the same revision, but never lost", () => {
    const extended = structuredClone(stored);
    extended.events.more = [{ device: { name: "new record" } }];
    expect(goldenVerdict(stored, extended)).toStrictEqual({ verdict: "extend", groups: ["more"] });
    const changedToo = structuredClone(extended);
    (changedToo.events.page?.[0] as { time: number }).time = 0;
    expect(goldenVerdict(stored, changedToo).verdict).toBe("fail");
    const outcome = goldenVerdict(extended, stored);
    expect(outcome.verdict === "fail" && outcome.message).toContain(
      "holds records the fixture no longer makes (more)",
    );
  });

  it("stores a long string as its length and digest, which any change of it changes", () => {
    const compact = compactLongStrings({ name: TOO_LONG, short: "x", [TOO_LONG]: 1 });
    expect(JSON.stringify(compact).length).toBeLessThan(400);
    expect(compact).toMatchObject({ short: "x" });
    expect((compact as { name: string }).name).toMatch(
      /^«65536 code points, sha256 [0-9a-f]{64}»$/,
    );
    const edited = compactLongStrings({ name: `${TOO_LONG.slice(1)}y`, short: "x", [TOO_LONG]: 1 });
    expect(JSON.stringify(edited)).not.toBe(JSON.stringify(compact));
    expect(compactLongStrings("a".repeat(300))).toBe("a".repeat(300));
  });

  it("lets a new revision record new output, and the same output pass", () => {
    expect(goldenVerdict(stored, stored).verdict).toBe("same");
    const bumped = { ...structuredClone(stored), revision: `${stored.revision}-next` };
    (bumped.events.page?.[0] as { time: number }).time = 0;
    expect(goldenVerdict(stored, bumped).verdict).toBe("record");
    expect(MAPPING_REVISIONS.ocsf["1.3.0"]).toBe(stored.revision);
  });
});
