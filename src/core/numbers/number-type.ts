/**
 * libphonenumber-js's getType() and isValid(), with each numbering plan's patterns compiled once.
 * The library builds `new RegExp('^(?:' + pattern + ')$')` on every check, and some patterns are
 * kilobytes long: on a list of a million rows that was the largest single cost. Same rules, same
 * order, same answers (the property and e2e tests compare them).
 */
import type { Metadata } from 'libphonenumber-js/core';

interface Pattern {
  re: RegExp;
  lengths?: number[];
}

interface TypePlan {
  national: RegExp;
  hasTypes: boolean;
  fixed?: Pattern;
  mobile?: Pattern;
  /** MOBILE absent, or "" (removed from the metadata as a duplicate of FIXED_LINE). */
  mobileSameAsFixed: boolean;
  others: [string, Pattern][];
}

// The order libphonenumber checks the types in, after FIXED_LINE.
const NON_FIXED_LINE = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

type TypeDef = { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
type PlanMetadata = Metadata & { type(t: string): TypeDef; nationalNumberPattern(): string; hasTypes(): boolean };

const plans = new Map<string, TypePlan>();

function compile(def: TypeDef): Pattern | undefined {
  if (!def || !def.pattern()) return undefined;
  return { re: new RegExp(`^(?:${def.pattern()})$`), lengths: def.possibleLengths() };
}

function typePlan(metadata: Metadata, key: string): TypePlan {
  let p = plans.get(key);
  if (p) return p;
  const m = metadata as PlanMetadata;
  m.selectNumberingPlan(key as never);
  const mobile = m.type('MOBILE');
  p = {
    national: new RegExp(`^(?:${m.nationalNumberPattern()})$`),
    hasTypes: m.hasTypes(),
    fixed: compile(m.type('FIXED_LINE')),
    mobile: compile(mobile),
    mobileSameAsFixed: !mobile || mobile.pattern() === '',
    others: NON_FIXED_LINE.map((t) => [t, compile(m.type(t))] as [string, Pattern | undefined]).filter((x): x is [string, Pattern] => x[1] !== undefined),
  };
  plans.set(key, p);
  return p;
}

function matches(p: Pattern | undefined, nn: string): boolean {
  return p !== undefined && (!p.lengths || p.lengths.includes(nn.length)) && p.re.test(nn);
}

/** The type and validity of a parsed number, as PhoneNumber.getType() and isValid() would answer. */
export function numberType(metadata: Metadata, n: { country?: string; countryCallingCode: string; nationalNumber: string }): { valid: boolean; type: string | undefined } {
  const p = typePlan(metadata, n.country || n.countryCallingCode);
  const nn = n.nationalNumber;
  const type = findType(p, nn);
  return { valid: type !== undefined || (!p.hasTypes && p.national.test(nn)), type };
}

function findType(p: TypePlan, nn: string): string | undefined {
  if (!p.national.test(nn)) return undefined;
  if (matches(p.fixed, nn)) return p.mobileSameAsFixed || matches(p.mobile, nn) ? 'FIXED_LINE_OR_MOBILE' : 'FIXED_LINE';
  for (const [type, pattern] of p.others) if (matches(pattern, nn)) return type;
  return undefined;
}
