/** Fetch a campaign's template and stop before the first message if it is missing, not approved or mapped wrongly. */
import { InputError, UpstreamError, UsageError } from '../../core/errors.js';
import { mappingProblems, templateShape } from '../../core/campaign/render.js';
import type { Campaign } from '../../core/campaign/schema.js';
import type { GraphClient } from '../graph/client.js';

export interface TemplateFacts {
  status: string;
  category: string;
}

/** The template's status and category, or a typed error that says what to fix. */
export async function checkTemplate(client: GraphClient | undefined, wabaId: string | undefined, c: Campaign, dryRun: boolean, warn: (t: string) => void): Promise<TemplateFacts> {
  const label = `${c.template.name} (${c.template.language})`;
  if (!client || !wabaId) {
    if (!dryRun) throw new UsageError('no WABA id: set WA_OPS_WABA_ID, needed to check the template before sending', { code: 'missing-config' });
    warn('template not checked: no token or WABA id (dry run)');
    return { status: 'not checked', category: '' };
  }
  const found = (await client.listTemplates(wabaId, { name: c.template.name, language: c.template.language })).find(
    (t) => t.name === c.template.name && t.language === c.template.language,
  );
  if (!found) {
    throw new UpstreamError(`template ${label} does not exist in WABA ${wabaId}`, { code: 'template-missing', hint: 'check the name and language in the campaign file, or create the template (wa-ops lint-template first)' });
  }
  if (found.status !== 'APPROVED') {
    throw new UpstreamError(`template ${label} is ${found.status}, not APPROVED`, { code: 'template-not-approved', hint: found.status === 'PAUSED' ? 'wait out the pause or unpause it in WhatsApp Manager' : 'wait for approval, or fix the template and resubmit' });
  }
  const problems = mappingProblems(c, templateShape(found));
  if (problems.length > 0) {
    throw new InputError(`the campaign's parameters do not match template ${label}: ${problems.join('; ')}`, { code: 'parameters-mismatch', hint: 'fix "parameters" in the campaign file' });
  }
  return { status: found.status, category: found.category };
}
