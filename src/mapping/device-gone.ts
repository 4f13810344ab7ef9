/**
 * A device that was known before a full sync and is absent from its complete listing: Okta
 * deleted it (or, with a `search` filter, it no longer matches the filter). Only a listing
 * that completed ever produces one. What is known of it comes from the previous sync state.
 */
export interface DeviceGone {
  /** The Okta device id (`id`). */
  id: string;
  /** The last known `profile.displayName`, when the device had one. */
  displayName?: string;
  /** The last known `profile.platform` (`WINDOWS`, `MACOS`, `IOS`, `ANDROID`, …), when known. */
  platform?: string;
  /** The last known `profile.model`, when known (tells an iPad from an iPhone). */
  model?: string;
  /** The last `lastUpdated` seen (ISO 8601), when it was a date. */
  lastUpdated?: string;
  /** When the deletion was detected: the end of the complete listing that missed it (ISO 8601). */
  detectedAt: string;
}
