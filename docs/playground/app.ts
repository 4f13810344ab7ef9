// The docs site's Playground: maps pasted Okta JSON with the package's own browser build
// (docs/theme/plugin.mjs bundles this file with dist/, not src/). Everything runs in the
// page; nothing is sent anywhere. User text is only ever set as textContent.
import {
  DEFAULT_OCSF_VERSION,
  DeviceMappingError,
  isOcsfVersion,
  type MapOptions,
  OCSF_VERSIONS,
  type OcsfProfile,
  toOcsfDeviceInventory,
} from "../../src/index.js";
import { safeParseOktaDevice } from "../../src/schemas/index.js";

/** What the page shows for one record. */
interface RecordView {
  index: number;
  deviceId: string | undefined;
  event: unknown;
  validationIssues: { path: string; message: string }[];
  mappingError: string | undefined;
}

// A list response is a JSON array; one device is an object. Anything else is one record
// (which then fails validation and mapping with a message, like any bad record).
function recordsOf(json: unknown): unknown[] {
  return Array.isArray(json) ? json : [json];
}

function view(record: unknown, index: number, options: MapOptions): RecordView {
  const validation = safeParseOktaDevice(record);
  const result: RecordView = {
    index,
    deviceId: validation.success ? validation.data.id : validation.error.deviceId,
    event: undefined,
    validationIssues: validation.success ? [] : [...validation.error.issues],
    mappingError: undefined,
  };
  try {
    // The mapper reads records leniently (validation is a separate, stricter step), so a
    // record can map and still carry validation issues: the page shows both.
    result.event = toOcsfDeviceInventory(record as never, options);
  } catch (error) {
    if (!(error instanceof DeviceMappingError)) throw error;
    result.mappingError = error.message;
  }
  return result;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function renderRecord(item: RecordView): HTMLElement {
  const section = element("section", undefined, "playground-record");
  section.id = `playground-record-${item.index}`;
  section.dataset.index = String(item.index);
  section.dataset.status =
    item.mappingError !== undefined
      ? "unmapped"
      : item.validationIssues.length > 0
        ? "invalid"
        : "ok";
  const name = item.deviceId === undefined ? "no id" : `id ${item.deviceId}`;
  section.append(element("h3", `Record ${item.index} (${name})`));
  if (item.validationIssues.length > 0) {
    section.append(element("h4", "Validation errors (okta-device-ocsf/schemas)"));
    const list = element("ul", undefined, "playground-validation");
    for (const issue of item.validationIssues) {
      list.append(
        element(
          "li",
          `${issue.path === "" ? "(record)" : issue.path}: ${issue.message}`,
          "playground-error",
        ),
      );
    }
    section.append(list);
  }
  if (item.mappingError !== undefined) {
    section.append(element("h4", "Mapping error"));
    section.append(element("p", item.mappingError, "playground-error playground-mapping-error"));
  } else {
    section.append(element("h4", "Event"));
    const pre = element("pre");
    pre.append(element("code", JSON.stringify(item.event, null, 2), "playground-event"));
    section.append(pre);
  }
  return section;
}

interface Controls {
  input: HTMLTextAreaElement;
  profile: HTMLSelectElement;
  version: HTMLSelectElement;
  output: HTMLElement;
}

// The OCSF version applies to the "ocsf" profile only ("sekoia" is a fixed 1.6.0 table).
function chosenOptions({ profile, version }: Controls): MapOptions {
  const chosen: OcsfProfile = profile.value === "ocsf" ? "ocsf" : "sekoia";
  version.disabled = chosen !== "ocsf";
  if (chosen === "sekoia") return { profile: chosen };
  return {
    profile: chosen,
    ocsfVersion: isOcsfVersion(version.value) ? version.value : DEFAULT_OCSF_VERSION,
  };
}

function run(controls: Controls): void {
  const { input, output } = controls;
  output.replaceChildren();
  if (input.value.trim() === "") {
    output.dataset.status = "empty";
    output.append(
      element(
        "p",
        "Nothing to map: paste an Okta device (a JSON object) or a list response (a JSON array).",
        "playground-error",
      ),
    );
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(input.value);
  } catch (error) {
    output.dataset.status = "not-json";
    output.append(element("p", `Not valid JSON: ${(error as Error).message}`, "playground-error"));
    return;
  }
  const options = chosenOptions(controls);
  const views = recordsOf(json).map((record, index) => view(record, index, options));
  const version = options.ocsfVersion === undefined ? "" : ` (OCSF ${options.ocsfVersion})`;
  const events = views.filter((item) => item.mappingError === undefined).length;
  const invalid = views.filter((item) => item.validationIssues.length > 0).length;
  output.dataset.status = "done";
  output.append(
    element(
      "p",
      `${views.length} record(s), profile "${options.profile}"${version}: ${events} event(s), ${views.length - events} mapping error(s), ${invalid} record(s) with validation errors.`,
      "playground-summary",
    ),
  );
  // Among many records the failing ones are hard to find: name them all, each a link.
  const failing = views.filter(
    (item) => item.mappingError !== undefined || item.validationIssues.length > 0,
  );
  if (failing.length > 0) {
    const line = element("p", "Records with errors: ", "playground-failing");
    failing.forEach((item, position) => {
      if (position > 0) line.append(", ");
      const link = element("a", String(item.index));
      link.href = `#playground-record-${item.index}`;
      line.append(link);
    });
    output.append(line);
  }
  for (const item of views) output.append(renderRecord(item));
}

function mount(root: HTMLElement): void {
  const input = root.querySelector<HTMLTextAreaElement>("#playground-input");
  const profile = root.querySelector<HTMLSelectElement>("#playground-profile");
  const button = root.querySelector<HTMLButtonElement>("#playground-run");
  const version = root.querySelector<HTMLSelectElement>("#playground-version");
  const output = root.querySelector<HTMLElement>("#playground-output");
  if (input === null || profile === null || version === null || button === null) {
    throw new Error("The Playground's markup is incomplete");
  }
  if (output === null) throw new Error("The Playground's markup is incomplete");
  // The versions come from the package itself, so the page offers exactly what it supports.
  version.replaceChildren(
    ...OCSF_VERSIONS.map((value) => {
      const option = element("option", `OCSF ${value}`);
      option.value = value;
      option.selected = value === DEFAULT_OCSF_VERSION;
      return option;
    }),
  );
  const controls: Controls = { input, profile, version, output };
  button.addEventListener("click", () => run(controls));
  profile.addEventListener("change", () => run(controls));
  version.addEventListener("change", () => run(controls));
  button.disabled = false;
  root.dataset.ready = "true";
  run(controls);
}

const root = document.getElementById("okta-playground");
if (root !== null) mount(root);
