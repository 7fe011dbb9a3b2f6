/** GET /{waba}/phone_numbers?filtering=[...]&sort=...: checked and applied as the OpenAPI describes them. */
import { graphError, type SandboxError } from './graph-errors.js';

const FILTER_FIELDS = new Set(['account_mode', 'messaging_limit_tier', 'is_official_business_account']);
const OPERATORS = new Set(['EQUAL', 'NOT_EQUAL', 'IN', 'NOT_IN']);
const SORTS = new Set(['creation_time.asc', 'creation_time.desc', 'last_onboarded_time.asc', 'last_onboarded_time.desc']);

interface Filter {
  field: string;
  operator: string;
  value: unknown;
}

function readFilters(raw: string): Filter[] | SandboxError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return graphError(100, undefined, 400, { message: 'Invalid parameter: filtering must be valid JSON' });
  }
  if (!Array.isArray(parsed) || !parsed.every((f) => typeof f === 'object' && f !== null && 'field' in f && 'operator' in f && 'value' in f)) {
    return graphError(100, 'filtering must be a JSON array of {"field", "operator", "value"} objects.');
  }
  const filters = parsed as Filter[];
  const badField = filters.find((f) => !FILTER_FIELDS.has(String(f.field)));
  if (badField) return graphError(100, `filtering: the field ${JSON.stringify(badField.field)} cannot be filtered on; use ${[...FILTER_FIELDS].join(', ')}.`);
  const badOp = filters.find((f) => !OPERATORS.has(String(f.operator)));
  if (badOp) return graphError(100, `filtering: the operator ${JSON.stringify(badOp.operator)} is not one of ${[...OPERATORS].join(', ')}.`);
  const badList = filters.find((f) => String(f.operator).endsWith('IN') && !Array.isArray(f.value));
  if (badList) return graphError(100, `filtering: ${badList.operator} takes a list of values.`);
  return filters;
}

const matches = (v: unknown, f: Filter) => {
  const values = (Array.isArray(f.value) ? f.value : [f.value]).map(String);
  const hit = values.includes(String(v));
  return f.operator.startsWith('NOT') ? !hit : hit;
};

/** The numbers the filtering and sort parameters keep, in order; or Graph's error for a parameter it refuses. */
export function filterPhoneNumbers<T extends Record<string, unknown>>(numbers: T[], filtering: string | null, sort: string | null): T[] | SandboxError {
  if (sort !== null && !SORTS.has(sort)) return graphError(100, `sort must be one of ${[...SORTS].join(', ')}.`);
  const filters = filtering === null || filtering === '' ? [] : readFilters(filtering);
  if (!Array.isArray(filters)) return filters;
  const kept = numbers.filter((n) => filters.every((f) => matches(n[f.field], f)));
  // Every number was onboarded in the order listed: a descending sort lists the newest first.
  return sort?.endsWith('.desc') ? kept.reverse() : kept;
}
