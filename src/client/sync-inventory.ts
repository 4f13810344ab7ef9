// The inventory a sync builds as it lists: the previous state's devices, marked as they are
// listed, plus this run's new and changed entries. Nothing is kept per unchanged device but
// a flag: a full run of an unchanged org costs one id lookup and one byte a device, where a
// second Map of every device cost a hash insertion (and the Map's growth) each.
import type { OktaDevice } from "../okta/device.js";
import { rememberDevice, type StringPool } from "./remember.js";
import type { RememberedDevice } from "./sync-state.js";

/**
 * What a listed device is to the inventory: `"new"` (not in it), `"updated"` (in it with
 * another `lastUpdated`), `"unchanged"` (in it with the same one) or `"repeated"` (a full
 * run listing a device again with what it already took in: not counted).
 */
export type InventoryChange = "new" | "updated" | "unchanged" | "repeated";

/**
 * The next inventory of a run. A full run holds the devices it lists, in the order first
 * listed; an incremental one amends the previous state (its devices in place, new ones
 * after them). The previous state is read, never changed.
 */
export class SyncInventory {
  private readonly previous: readonly (RememberedDevice | undefined)[];
  private readonly index: ReadonlyMap<string, number>;
  private readonly full: boolean;
  // Which of the previous state's devices this run listed (1), by their index in it.
  private readonly seen: Uint8Array;
  private seenCount = 0;
  // A previous device's entry for this run, when the listing changed it.
  private replaced: (RememberedDevice | undefined)[] | undefined;
  // Devices the previous state does not hold, by id, and their entries in first-listed order.
  private readonly addedIndex = new Map<string, number>();
  private readonly added: RememberedDevice[] = [];
  // A full run's devices in first-listed order: an index into the previous state, or the
  // previous state's length plus an index into `added`. Not kept without a previous state
  // (`added` is then the order), nor in an incremental run.
  private order: Int32Array;
  private ordered = 0;
  // Where the previous state's next device is: a listing in the order of the previous one
  // (Okta's listings are) finds each id there, without a hash lookup.
  private cursor = 0;

  /**
   * @param previous - the previous state's devices (a hole is no device)
   * @param index - where each id is in `previous` (ids are unique)
   * @param full - a full run (see the class)
   */
  constructor(
    previous: readonly (RememberedDevice | undefined)[],
    index: ReadonlyMap<string, number>,
    full: boolean,
  ) {
    this.previous = previous;
    this.index = index;
    this.full = full;
    this.seen = new Uint8Array(previous.length);
    // Room for the previous state's devices and a few pages of new ones.
    this.order = new Int32Array(full && previous.length > 0 ? previous.length + 1024 : 0);
  }

  /** Distinct ids listed so far. */
  get distinct(): number {
    return this.seenCount + this.added.length;
  }

  /** Takes in a listed device (its id is usable): what it is to the inventory. */
  list(
    id: string,
    updatedMs: number | null,
    device: OktaDevice,
    pool: StringPool,
  ): InventoryChange {
    const at = this.find(id);
    if (at === -1) return this.listAdded(id, updatedMs, device, pool);
    const previous = this.previous[at] as RememberedDevice;
    const first = this.seen[at] === 0;
    if (first) {
      this.seen[at] = 1;
      this.seenCount++;
      if (this.full) this.pushOrder(at);
    }
    // What the inventory holds for the id: this run's entry if it changed one, else the
    // state's (in a full run, that is also the entry of a device not yet listed).
    const current = this.replaced?.[at] ?? previous;
    if (this.full && updatedMs !== null && previous[1] === updatedMs) {
      // As listed in the state: a device listed again with the state's time takes back
      // the state's entry.
      if (first) return "unchanged";
      if (this.replaced !== undefined) this.replaced[at] = undefined;
      return "repeated";
    }
    if (updatedMs !== null && current[1] === updatedMs) {
      return this.full ? "repeated" : "unchanged";
    }
    this.replaced ??= new Array<RememberedDevice | undefined>(this.previous.length);
    this.replaced[at] = rememberDevice(id, updatedMs, device, pool);
    return "updated";
  }

  /** The previous state's devices this run did not list, in the state's order. */
  missing(): RememberedDevice[] {
    const missing: RememberedDevice[] = [];
    for (let at = 0; at < this.previous.length; at++) {
      const entry = this.previous[at];
      if (entry !== undefined && this.seen[at] === 0) missing.push(entry);
    }
    return missing;
  }

  /** The next state's devices (see the class for their order): call it once, at the end. */
  devices(): RememberedDevice[] {
    const { previous, replaced, added } = this;
    // Without a previous state, every device is in `added`, in first-listed order: handed
    // over as it is (the inventory is done with).
    if (previous.length === 0) return added;
    if (this.full) {
      const length = previous.length;
      const devices = new Array<RememberedDevice>(this.ordered);
      for (let at = 0; at < this.ordered; at++) {
        const code = this.order[at] as number;
        devices[at] =
          code < length
            ? (replaced?.[code] ?? (previous[code] as RememberedDevice))
            : (added[code - length] as RememberedDevice);
      }
      return devices;
    }
    const devices: RememberedDevice[] = [];
    for (let at = 0; at < previous.length; at++) {
      const entry = previous[at];
      if (entry !== undefined) devices.push(replaced?.[at] ?? entry);
    }
    for (const entry of added) devices.push(entry);
    return devices;
  }

  private pushOrder(code: number): void {
    if (this.ordered === this.order.length) {
      const grown = new Int32Array(this.order.length * 2 + 1024);
      grown.set(this.order);
      this.order = grown;
    }
    this.order[this.ordered++] = code;
  }

  // The id's index in the previous state, or -1.
  private find(id: string): number {
    const cursor = this.cursor;
    if (cursor < this.previous.length && this.previous[cursor]?.[0] === id) {
      this.cursor = cursor + 1;
      return cursor;
    }
    const at = this.index.get(id);
    if (at === undefined) return -1;
    this.cursor = at + 1;
    return at;
  }

  private listAdded(
    id: string,
    updatedMs: number | null,
    device: OktaDevice,
    pool: StringPool,
  ): InventoryChange {
    const at = this.addedIndex.get(id);
    if (at === undefined) {
      this.addedIndex.set(id, this.added.length);
      if (this.full && this.previous.length > 0) {
        this.pushOrder(this.previous.length + this.added.length);
      }
      this.added.push(rememberDevice(id, updatedMs, device, pool));
      return "new";
    }
    if (updatedMs !== null && (this.added[at] as RememberedDevice)[1] === updatedMs) {
      return this.full ? "repeated" : "unchanged";
    }
    this.added[at] = rememberDevice(id, updatedMs, device, pool);
    return "updated";
  }
}
