/** Rows rendered straight into UTF-8, in a buffer that can be transferred to another thread. */

/** A growing UTF-8 buffer that owns its memory, so it can be transferred to another thread. */
export class Utf8Output {
  private buf: Buffer;
  length = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafeSlow(Math.max(capacity, 16));
  }

  /** Append a string, encoded. */
  write(s: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (this.length + s.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.length + s.length * 3));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    this.length += this.buf.write(s, this.length, 'utf8');
  }

  /** The bytes written so far (a view, no copy). */
  bytes(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.length);
  }
}
