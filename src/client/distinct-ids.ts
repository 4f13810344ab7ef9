// How many distinct device ids a listing has seen, in constant memory (a HyperLogLog sketch).

// 2^12 one-byte registers: 4 KiB whatever the org's size, a standard error of
// 1.04 / sqrt(4096) = 1.6% on the count (exact in practice below a few hundred ids).
const INDEX_BITS = 12;
const REGISTERS = 1 << INDEX_BITS;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

// FNV-1a over the UTF-16 code units, then murmur3's finaliser to spread the bits: fast (no
// allocation, unlike node:crypto) and well mixed for ids that differ in one character.
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * An estimate of the number of distinct strings added. Adding a string already added never
 * changes it, so a listing that serves the same devices again cannot make it grow.
 */
export class DistinctIds {
  private readonly registers = new Uint8Array(REGISTERS);

  add(id: string): void {
    const hash = hash32(id);
    const index = hash >>> (32 - INDEX_BITS);
    // Rank: position of the first 1 bit in the remaining 20 bits (21 when all are 0).
    const rest = (hash << INDEX_BITS) >>> 0;
    const rank = rest === 0 ? 32 - INDEX_BITS + 1 : Math.clz32(rest) + 1;
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
