/** Sleeps that a stop request or a new event can cut short. */

/** Sleeps that wake() cuts short, for the send loop's waits. */
export class Waker {
  private wakers = new Set<() => void>();

  /** Sleep up to ms; resolves early on wake(). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wakers.delete(done);
        resolve();
      };
      const t = setTimeout(done, Math.max(0, ms));
      this.wakers.add(done);
    });
  }

  /** End every current sleep. */
  wake(): void {
    for (const w of [...this.wakers]) w();
  }
}
