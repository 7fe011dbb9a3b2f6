/** Counts in human output: the one helper (src/core/plural.ts, so core's texts use it too), for ui and commands. */
export { fmtCount, plural } from '../core/plural.js';
