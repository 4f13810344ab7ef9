import type { StrictDeviceOwner } from "../ocsf/strict-event.js";
import { fitsLength } from "../ocsf/version-features.js";
import { type Enrollments, objectValue, stringValue } from "./read-device.js";

// The pattern of OCSF's email_t, so that an address OCSF would reject stays in `unmapped`.
const OCSF_EMAIL = /^[a-zA-Z0-9!#$%&'*+-/=?^_`{|}~.]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;

const PROFILE_PATH = "_embedded.users[0].user.profile";

// Keeps a value only when the version can hold it. A value left out here is never lost:
// the embedded user it comes from is kept whole under `unmapped._embedded`, and a too long
// `userId` is put back under `unmapped.userId` by the renderer.
function fitting(value: string | undefined, max: number): string | undefined {
  return value === undefined || fitsLength(value, max) ? value : undefined;
}

/**
 * The device's owner (OCSF `user`): `uid`, and from the first embedded user (when it is the
 * same user) `name` (login), `email_addr`, `full_name` (`firstName lastName`, an empty part
 * left out). `undefined` when it would have
 * neither `uid` nor `name`, which OCSF requires one of.
 */
export function buildOwner(
  id: string,
  uid: string | undefined,
  enrollments: Enrollments,
  maxStringLength: number,
): StrictDeviceOwner | undefined {
  const owner: StrictDeviceOwner = {};
  const ownerUid = fitting(uid, maxStringLength);
  if (ownerUid !== undefined) owner.uid = ownerUid;
  const enrollment = enrollments.firstUser;
  // The embedded user describes the owner only when it is the same user as `uid`.
  if (enrollment !== undefined && (uid === undefined || enrollments.firstUserId === uid)) {
    const user = objectValue(enrollment.user, id, "_embedded.users[0].user");
    const profile = objectValue(user.profile, id, PROFILE_PATH);
    const login = stringValue(profile.login, id, `${PROFILE_PATH}.login`);
    const email = stringValue(profile.email, id, `${PROFILE_PATH}.email`);
    const first = stringValue(profile.firstName, id, `${PROFILE_PATH}.firstName`);
    const last = stringValue(profile.lastName, id, `${PROFILE_PATH}.lastName`);
    const name = fitting(login, maxStringLength);
    if (name !== undefined) owner.name = name;
    if (email !== undefined && OCSF_EMAIL.test(email) && fitsLength(email, maxStringLength)) {
      owner.email_addr = email;
    }
    // An empty name part is no name: joining it would make " Lovelace", or " " of two.
    const given = first === "" ? undefined : first;
    const family = last === "" ? undefined : last;
    const fullName =
      given === undefined ? family : family === undefined ? given : `${given} ${family}`;
    if (fullName !== undefined && fitsLength(fullName, maxStringLength)) {
      owner.full_name = fullName;
    }
  }
  return owner.uid === undefined && owner.name === undefined ? undefined : owner;
}
