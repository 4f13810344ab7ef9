// How many distinct device ids a listing has seen, in constant memory (a HyperLogLog sketch).

// 2^12 one-byte registers: 4 KiB whatever the org's size, a standard error of
// 1.04 / sqrt(4096) = 1.6% on the count (exact in practice below a few hundred ids).
const INDEX_BITS = 12;
const REGISTERS = 1 << INDEX_BITS;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

// cyrb53's two 32-bit lanes over the UTF-16 code units (a public-domain string hash): fast
// (no allocation, unlike node:crypto) and well mixed for ids that differ in one character.
// The first lane picks the register, the second gives the rank.
function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/**
 * An estimate of the number of distinct strings added. Adding a string already added never
 * changes it, so a listing that serves the same devices again cannot make it grow.
 */
export class DistinctIds {
  private readonly registers = new Uint8Array(REGISTERS);

  add(id: string): void {
    const [high, low] = hash64(id);
    const index = high >>> (32 - INDEX_BITS);
    // Rank: position of the first 1 bit of the other lane (33 when all are 0).
    const rank = Math.clz32(low) + 1;
    if (rank > (this.registers[index] as number)) this.registers[index] = rank;
  }

  /** The estimated count, rounded. */
  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (const register of this.registers) {
      sum += 2 ** -register;
      if (register === 0) zeros++;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    // Small counts: linear counting over the empty registers is far more accurate.
    if (raw <= 2.5 * REGISTERS && zeros > 0) {
      return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    }
    return Math.round(raw);
  }
}
