/**
 * A client of Okta's devices API: listings as async iterators (pages or devices), API
 * token or access-token auth, rate-limit pacing, bounded retries, timeouts, abort, and a
 * connection test that names the cause. Okta API requests go to `fetch` directly; ky is
 * loaded for OAuth token requests only.
 *
 * @packageDocumentation
 * @module okta-device-ocsf/client
 */
export type {
  AccessTokenAuth,
  ApiTokenAuth,
  JsonWebKeyInput,
  OAuthAuth,
  OAuthServiceAppOptions,
  OktaAuth,
} from "./auth.js";
export {
  type AdvanceCheckpointOptions,
  advanceCheckpoint,
  CHECKPOINT_CLOCK_TOLERANCE_MS,
  CheckpointTimeError,
  type DeviceCheckpoint,
} from "./checkpoint.js";
export {
  createOktaDeviceClient,
  type OktaClientHooks,
  type OktaDeviceClient,
  type OktaDeviceClientOptions,
  type RequestOptions,
  testOktaConnection,
} from "./create-client.js";
export {
  OktaClientError,
  OktaConfigError,
  type OktaErrorDetails,
  type OktaFailureReason,
  OktaHTTPError,
  OktaNetworkError,
  OktaOAuthError,
  OktaResponseError,
  OktaTimeoutError,
} from "./errors.js";
export type {
  AfterResponseInfo,
  BeforeRequestInfo,
  RateLimitWaitInfo,
  RequestHooks,
  RetryInfo,
} from "./hooks.js";
export type { DevicePage, ListDevicesParams, PageHook } from "./pagination.js";
export type { RateLimitOptions, RateLimitState } from "./rate-limit.js";
export type { RetryOptions } from "./request.js";
export type {
  DeviceSyncChange,
  DeviceSyncEnd,
  DeviceSyncGone,
  DeviceSyncItem,
  DeviceSyncSummary,
  SyncDevicesOptions,
} from "./sync.js";
export {
  DEFAULT_FULL_EVERY_MS,
  DEFAULT_OVERLAP_MS,
  type DeviceSyncMode,
  type DeviceSyncReason,
} from "./sync-plan.js";
export {
  DEVICE_SYNC_STATE_VERSION,
  type DeviceSyncState,
  DeviceSyncStateError,
  parseDeviceSyncState,
  type RememberedDevice,
} from "./sync-state.js";
export type {
  OktaConnectionFailure,
  OktaConnectionFailureReason,
  OktaConnectionOk,
  OktaConnectionTestResult,
} from "./test-connection.js";
