/**
 * The OCSF schema version every event declares in `metadata.version`.
 *
 * @example
 * ```ts
 * import { OCSF_VERSION } from "okta-device-ocsf";
 * OCSF_VERSION; // "1.6.0"
 * ```
 */
export const OCSF_VERSION = "1.6.0";

/** OCSF category of the Device Inventory Info class: 5, "Discovery". */
export const OCSF_CATEGORY_UID = 5;
/** Caption of {@link OCSF_CATEGORY_UID}. */
export const OCSF_CATEGORY_NAME = "Discovery";

/** OCSF class uid of Device Inventory Info. */
export const OCSF_CLASS_UID = 5001;
/** Caption of {@link OCSF_CLASS_UID}. */
export const OCSF_CLASS_NAME = "Device Inventory Info";

/** Activity id of an inventory collection: 2, "Collect". */
export const OCSF_ACTIVITY_ID = 2;
/** Caption of {@link OCSF_ACTIVITY_ID}. */
export const OCSF_ACTIVITY_NAME = "Collect";

/** `type_uid` = `class_uid * 100 + activity_id` = 500102. */
export const OCSF_TYPE_UID = 500102;
/** `type_name` = `class_name + ": " + activity_name`. */
export const OCSF_TYPE_NAME = "Device Inventory Info: Collect";

/** Severity id of every inventory event: 1, "Informational". */
export const OCSF_SEVERITY_ID = 1;
/** Caption of {@link OCSF_SEVERITY_ID}. */
export const OCSF_SEVERITY = "Informational";

/** The `metadata.product.name` of every event. */
export const OKTA_PRODUCT_NAME = "Okta";

/** The `enrichments[0].name` of a `"sekoia"` profile event. */
export const DEVICE_SECURITY_ENRICHMENT_NAME = "device_security";
/** The `enrichments[0].value` of a `"sekoia"` profile event. */
export const DEVICE_SECURITY_ENRICHMENT_VALUE = "okta_device";
