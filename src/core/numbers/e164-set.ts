/** A compact set of E.164 numbers remembering the line each was first seen on: 12 bytes a slot, no strings kept. */

const EMPTY = 0;

/** Open-addressing hash set keyed by the digits of an E.164 number (at most 15 digits: exact in a double). */
export class E164Set {
  private keys: Float64Array;
  private lines: Uint32Array;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1;
    while (cap < initialCapacity * 2) cap <<= 1;
    this.keys = new Float64Array(cap);
    this.lines = new Uint32Array(cap);
  }

  /** How many numbers were added. */
  get size(): number {
    return this.count;
  }

  /** Add a number; returns 0 when new, else the line it was first seen on. */
  addOrGet(e164: string, line: number): number {
    return this.addOrGetKey(toKey(e164), line);
  }

  /** addOrGet for a number already turned into its digits as a number ("+4917..." -> 4917...). */
  addOrGetKey(key: number, line: number): number {
    if (this.count * 2 >= this.keys.length) this.grow();
    const slot = this.find(key);
    if (this.keys[slot] === key) return this.lines[slot] || 1;
    this.keys[slot] = key;
    this.lines[slot] = line;
    this.count++;
    return 0;
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    let i = hash(key) & mask;
    for (;;) {
      const k = this.keys[i];
      if (k === EMPTY || k === key) return i;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldLines = this.lines;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.lines = new Uint32Array(oldKeys.length * 2);
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k === EMPTY) continue;
      const slot = this.find(k);
      this.keys[slot] = k;
      this.lines[slot] = oldLines[i];
    }
  }
}

function toKey(e164: string): number {
  // "+4917012345678" -> 4917012345678; a leading 1 digit marker keeps leading zeros impossible anyway (E.164 has none).
  return Number(e164.charCodeAt(0) === 43 ? e164.slice(1) : e164);
}

function hash(key: number): number {
  const lo = key % 4294967296;
  const hi = Math.floor(key / 4294967296);
  let h = Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(hi + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
