/** Fetch a campaign's template and stop before the first message if it is missing, not approved or mapped wrongly. */
import { InputError, UpstreamError } from '../../core/errors.js';
import { mappingProblems, templateShape, type ParameterNames } from '../../core/campaign/render.js';
import type { Campaign } from '../../core/campaign/schema.js';
import type { GraphClient } from '../graph/client.js';

/** The campaign's template status and category, as the API reports them. */
export interface TemplateFacts {
  status: string;
  category: string;
  /** A NAMED template's variable names: the payloads label each parameter with its name. */
  names?: ParameterNames;
}

/** The template's status and category, or a typed error that says what to fix. */
export async function checkTemplate(client: GraphClient | undefined, wabaId: string | undefined, c: Campaign, warn: (t: string) => void): Promise<TemplateFacts> {
  const label = `${c.template.name} (${c.template.language})`;
  if (!client || !wabaId) {
    // Without a WABA id the template cannot be listed; the API itself still refuses a wrong one (132001/132000),
    // which stops the run at its first send with the ledger intact.
    warn(client ? 'template not checked before sending: set WA_OPS_WABA_ID to have it checked (name, approval, variables)' : 'template not checked: no token (dry run)');
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
  const shape = templateShape(found);
  const problems = mappingProblems(c, shape);
  if (problems.length > 0) {
    throw new InputError(`the campaign's parameters do not match template ${label}: ${problems.join('; ')}`, { code: 'parameters-mismatch', hint: 'fix "parameters" in the campaign file' });
  }
  return { status: found.status, category: found.category, ...(shape.names ? { names: shape.names } : {}) };
}
