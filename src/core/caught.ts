/** What a caught value tells about itself (its errno code, its message), read with checks instead of casts. */

/** The errno code of a caught Node error ("ENOENT", "EEXIST"), or undefined for anything else. */
export function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** The message of a caught error; a thrown non-error in words. */
export function errorMessage(err: unknown): string {
  return typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string' ? err.message : String(err);
}
