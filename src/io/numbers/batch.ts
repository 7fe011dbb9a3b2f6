/** A batch of classified cells as parallel arrays (cheap to pass between threads). */
import { classify, type Classified } from '../../core/numbers/classify.js';

export interface ClassifiedBatch {
  e164: string[];
  reason: string[];
  region: string[];
  type: string[];
}

/** Classify a batch on the current thread. */
export function classifyBatch(cells: string[], regions: (string | undefined)[], mobileOnly: boolean): ClassifiedBatch {
  const n = cells.length;
  const out: ClassifiedBatch = { e164: new Array(n), reason: new Array(n), region: new Array(n), type: new Array(n) };
  for (let i = 0; i < n; i++) {
    const c = classify(cells[i], regions[i], mobileOnly);
    out.e164[i] = c.e164;
    out.reason[i] = c.reason;
    out.region[i] = c.region;
    out.type[i] = c.type;
  }
  return out;
}

/** Row i of a batch as a Classified value. */
export function rowOf(b: ClassifiedBatch, i: number): Classified {
  const reason = b.reason[i] as Classified['reason'];
  return { e164: b.e164[i], valid: reason === '', reason, region: b.region[i], type: b.type[i] };
}
