/**
 * A claim that failed with nothing stored (the store refused the write, or could not be reached at all): its request
 * never went out and the recipient is still pending, in the store as in the run's own counts. A claim that failed
 * otherwise (the connection dropped while it was being committed) may be stored: then it stays "unknown".
 */
import { errorMessage } from '../../core/caught.js';

/** Thrown by a writer's claim when the attempt is surely not in the store. */
export class ClaimNotStoredError extends Error {
  constructor(readonly reason: unknown) {
    super(errorMessage(reason), { cause: reason });
    this.name = 'ClaimNotStoredError';
  }
}
