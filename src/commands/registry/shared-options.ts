/** Flag definitions that several commands share, so each reads the same wherever it appears. */

/** Commander's reducer for a repeatable flag: every value, in order. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The cap on a list's record length, with the same name wherever a list is read (validate-numbers, send, status, doctor). */
export const MAX_LINE = ['--max-line-length <chars>', 'refuse a list record longer than this (default: 1,000,000)'] as const;

/** The cap on a list's field length, named like MAX_LINE. */
export const MAX_FIELD = ['--max-field-length <chars>', 'refuse a list field longer than this (default: 100,000)'] as const;
