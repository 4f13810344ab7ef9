/**
 * Test helpers for connector authors: a fake Okta org on loopback and a deterministic
 * device generator. Node built-ins only.
 *
 * @packageDocumentation
 * @module okta-device-ocsf/testing
 */
export {
  type FakeOktaOrg,
  type FakeOktaOrgOptions,
  type FakeOrgFault,
  type FakeOrgFaultKind,
  type FakeOrgRequest,
  type FakeOrgStats,
  startFakeOktaOrg,
} from "./fake-org.js";
export { type GenerateOktaDevicesOptions, generateOktaDevices } from "./generate.js";
export type {
  FakeOrgOAuthOptions,
  FakeOrgOAuthStats,
  FakeOrgPublicJwk,
} from "./oauth-server.js";
