/**
 * The events file serve writes, followed by its path: when the file is moved away (rotated) or removed, events would
 * go on into a file nobody reads (or one already deleted, lost when serve stops); a new file is opened at the path.
 */
import { statSync } from 'node:fs';
import { errorMessage } from '../core/caught.js';
import { openEventsFile, type OpenEventsFile } from './events-file.js';
import type { WebhookLog } from './server-options.js';

/** How often the path is compared with the open file (a stat a second costs nothing). */
const CHECK_MS = 1000;

/** The open events file of a running server, replaced when its path names another file or none. */
export class EventsFileHolder {
  private fsyncsBefore = 0;
  private checking: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private lastProblem?: string;
  /** The open file was removed and no new one could be opened: bodies are refused (Meta retries) rather than lost. */
  lost = false;
  private url = '';

  constructor(
    /** The file events go to now. */
    public current: OpenEventsFile,
    private readonly path: string,
    private readonly allRecords: boolean,
    private readonly log: WebhookLog,
  ) {
    current.onMoved = () => this.lookNow();
  }

  /** Disk syncs of every file this server has written. */
  get fsyncs(): number {
    return this.fsyncsBefore + this.current.intake.fsyncs;
  }

  /** Start following the path; `url` is what a refused second server is told. */
  watch(url: string, everyMs = CHECK_MS): void {
    this.url = url;
    this.current.lock.describe({ url });
    this.timer = setInterval(() => this.lookNow(), everyMs);
    this.timer.unref();
  }

  private looking = false;
  private closing = false;

  /** Look at the path now (once a second, and at once when a batch found it naming another file); one look at a time. */
  lookNow(): void {
    // Stopping: no new file is opened (it would stay open and locked after the receiver closed).
    if (this.looking || this.closing) return;
    this.looking = true;
    // A path that cannot even be looked at (a file where its folder was: ENOTDIR) is said, never a crash of the receiver.
    this.checking = this.checking
      .then(() => this.check())
      .catch((err: unknown) => {
        this.current.stayPut = true;
        this.problem(`${this.path} cannot be looked at (${errorMessage(err)}): events go on into the file already open`);
      })
      .finally(() => (this.looking = false));
  }

  /** Compare the path with the open file; open a new one at the path when they differ. */
  async check(): Promise<void> {
    const st = statSync(this.path, { throwIfNoEntry: false });
    if (st && st.dev === this.current.id.dev && st.ino === this.current.id.ino) {
      this.current.stayPut = false;
      return;
    }
    let next: OpenEventsFile;
    try {
      next = await openEventsFile(this.path, this.allRecords, this.current.intake.keys);
    } catch (err) {
      // A folder moved away: events stay in the open file, durable where it went. A file removed: refused (503), not lost.
      this.lost = !this.current.linked();
      // Moved with its folder: it still has a name, so events stay durable where it went rather than refused.
      this.current.stayPut = !this.lost;
      const after = this.lost ? 'POSTs are answered 503 (Meta retries them) until it can be' : 'events go on into the file that was there, wherever it was moved';
      return this.problem(`${this.path} was ${st ? 'replaced' : 'moved or removed'} and cannot be opened again (${errorMessage(err)}): ${after}`);
    }
    this.lastProblem = undefined;
    this.lost = false;
    const old = this.current;
    this.current = next;
    next.onMoved = () => this.lookNow();
    next.lock.describe({ url: this.url });
    this.log('alert', `${this.path} was ${st ? 'replaced' : 'moved or removed'}: events from now on go to a new ${this.path} (the earlier ones are in the file that was there)`);
    await old.close();
    this.fsyncsBefore += old.intake.fsyncs;
  }

  /** Say a problem once (until it changes or goes away). */
  private problem(text: string): void {
    if (text !== this.lastProblem) this.log('alert', text);
    this.lastProblem = text;
  }

  /** A hurried stop: the open file's batches already written finish; nothing more is written. */
  finishInFlight(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    return this.current.finishInFlight();
  }

  /** Stop following the path; close the file once everything taken is durable. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    await this.checking;
    await this.current.close();
  }
}
