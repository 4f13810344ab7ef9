import type { OktaDevice } from "../okta/device.js";
import type { DevicePage } from "./pagination.js";

/**
 * Devices of a page listing, one at a time. Hand-written rather than an async generator:
 * a generator's `yield` costs a promise chain and microtask hops per device, which showed
 * as a tenth of a whole listing's time; here a device of the current page is handed out
 * with one resolved promise. Only the current page is held.
 */
export class DeviceIterator implements AsyncIterableIterator<OktaDevice> {
  private page: OktaDevice[] = [];
  private index = 0;
  private pending: Promise<IteratorResult<OktaDevice, undefined>> | undefined;

  constructor(private readonly pages: AsyncGenerator<DevicePage, void, undefined>) {}

  next(): Promise<IteratorResult<OktaDevice, undefined>> {
    // Calls that overlap a page fetch wait for it, so devices keep their order.
    if (this.pending !== undefined) return this.pending.then(() => this.next());
    if (this.index < this.page.length) {
      const value = this.page[this.index++] as OktaDevice;
      return Promise.resolve({ value, done: false });
    }
    const pending = this.nextPage().finally(() => {
      this.pending = undefined;
    });
    this.pending = pending;
    return pending;
  }

  private async nextPage(): Promise<IteratorResult<OktaDevice, undefined>> {
    // The consumer has had every device of this page: let it go before the next one is
    // parsed, so that two pages are never kept alive together on our account.
    this.page = [];
    for (;;) {
      const result = await this.pages.next();
      if (result.done === true) return { value: undefined, done: true };
      this.page = result.value.devices;
      this.index = 0;
      if (this.page.length > 0)
        return { value: this.page[this.index++] as OktaDevice, done: false };
    }
  }

  /** Ends the listing early (`break` in `for await`): no further page is requested. */
  async return(): Promise<IteratorResult<OktaDevice, undefined>> {
    this.page = [];
    this.index = 0;
    await this.pages.return(undefined);
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
