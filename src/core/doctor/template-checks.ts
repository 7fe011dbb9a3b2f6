/** template.<name>.<lang>: exists, APPROVED, category as intended, quality. */
import { fail, pass, unavailableCheck, warn, type CheckResult, type Fact } from './types.js';

/** A template as the API lists it, with the fields doctor reads. */
export interface TemplateFacts {
  name: string;
  language: string;
  status: string;
  category: string;
  rejected_reason?: string;
  quality_score?: { score: string };
  /** What a campaign's parameters are checked against (doctor --campaign). */
  components?: { type: string; format?: string; text?: string; buttons?: { type: string; url?: string }[] }[];
}

/** A template doctor was asked to check (--template, or the campaign's). */
export interface TemplateWanted {
  name: string;
  language?: string;
  category?: string;
}

/** One check per wanted template and language. */
export function templateChecks(wanted: TemplateWanted[], fact: Fact<TemplateFacts[]>): CheckResult[] {
  const out: CheckResult[] = [];
  for (const w of wanted) {
    const id = `template.${w.name}.${w.language ?? '*'}`;
    const title = `Template ${w.name}${w.language ? ` (${w.language})` : ''}`;
    if (!fact.ok) {
      out.push(unavailableCheck(id, title, fact, 'fix the error above'));
      continue;
    }
    const found = fact.value.filter((t) => t.name === w.name && (!w.language || t.language === w.language));
    if (found.length === 0) {
      const other = fact.value.filter((t) => t.name === w.name).map((t) => t.language);
      out.push(fail(id, title, other.length ? `not in ${w.language}; exists in ${other.join(', ')}` : 'does not exist in this WABA', 'check the name and language, or create it (lint it first with wa-ops lint-template)'));
      continue;
    }
    for (const t of found) out.push(one(`template.${t.name}.${t.language}`, `Template ${t.name} (${t.language})`, t, w.category));
  }
  return out;
}

function one(id: string, title: string, t: TemplateFacts, category?: string): CheckResult {
  const quality = t.quality_score?.score && t.quality_score.score !== 'UNKNOWN' ? `, quality ${t.quality_score.score}` : '';
  const detail = `${t.status}, ${t.category}${quality}`;
  if (t.status === 'REJECTED') return fail(id, title, `${detail}${t.rejected_reason ? `: ${t.rejected_reason}` : ''}`, 'fix what the review objected to (wa-ops lint-template shows the usual causes) and submit again');
  if (t.status === 'PAUSED') return fail(id, title, `${detail}: paused for low quality (3 h the first time, 6 h the second)`, 'wait out the pause or POST /{template-id}/unpause; review why users block it');
  if (t.status === 'DISABLED') return fail(id, title, `${detail}: disabled after repeated pauses`, 'create a new template');
  if (t.status !== 'APPROVED') return warn(id, title, detail, 'wait for the review to finish (usually minutes, up to 24 h)');
  if (category && category.toUpperCase() !== t.category.toUpperCase()) {
    return warn(id, title, `${detail}: Meta categorised it ${t.category}, not ${category.toUpperCase()}`, 'marketing is priced and limited differently; rewrite it as strictly transactional or accept the category');
  }
  if (t.quality_score?.score === 'RED') return warn(id, title, detail, 'users are blocking this template; it may be paused soon');
  return pass(id, title, detail);
}
