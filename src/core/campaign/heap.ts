/** A binary min-heap of (due time, item index): O(log n) per push and pop, so waiting recipients cost no sorting. */
export class DueHeap {
  private due: number[] = [];
  private item: number[] = [];

  /** How many items wait. */
  get size(): number {
    return this.due.length;
  }

  /** The earliest due time, or undefined when empty. */
  peekDue(): number | undefined {
    return this.due[0];
  }

  /** Add an item due at a time. */
  push(due: number, item: number): void {
    const d = this.due;
    const it = this.item;
    let i = d.length;
    d.push(due);
    it.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (d[p] <= due) break;
      d[i] = d[p];
      it[i] = it[p];
      i = p;
    }
    d[i] = due;
    it[i] = item;
  }

  /** Remove and return the earliest item. */
  pop(): { due: number; item: number } | undefined {
    const d = this.due;
    const it = this.item;
    if (d.length === 0) return undefined;
    const top = { due: d[0], item: it[0] };
    const lastDue = d.pop()!;
    const lastItem = it.pop()!;
    if (d.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= d.length) break;
        const c = l + 1 < d.length && d[l + 1] < d[l] ? l + 1 : l;
        if (d[c] >= lastDue) break;
        d[i] = d[c];
        it[i] = it[c];
        i = c;
      }
      d[i] = lastDue;
      it[i] = lastItem;
    }
    return top;
  }
}
