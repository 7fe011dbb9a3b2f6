/** The account's templates through the Graph client: find one, and the refusals a send needs before it starts. */
import { UpstreamError } from '../core/errors.js';
import type { GraphClient } from './graph/client.js';
import type { TemplateRecord } from './graph/types.js';

/** The template of this exact name and language, or undefined. */
export async function findTemplate(client: GraphClient, wabaId: string, name: string, language: string): Promise<TemplateRecord | undefined> {
  return (await client.listTemplates(wabaId, { name, language })).find((t) => t.name === name && t.language === language);
}

/** The template, if it exists and is APPROVED; otherwise an upstream refusal (exit 3) saying what to do. */
export async function approvedTemplate(client: GraphClient, wabaId: string, name: string, language: string): Promise<TemplateRecord> {
  const label = `${name} (${language})`;
  const found = await findTemplate(client, wabaId, name, language);
  if (!found) {
    const others = (await client.listTemplates(wabaId, { name })).filter((t) => t.name === name).map((t) => t.language);
    throw new UpstreamError(`template ${label} does not exist in WABA ${wabaId}`, {
      code: 'template-missing',
      hint: others.length ? `it exists in: ${others.join(', ')}; pass --template ${name}:${others[0]}` : 'check the name with wa-ops templates list',
    });
  }
  if (found.status !== 'APPROVED') {
    throw new UpstreamError(`template ${label} is ${found.status}, not APPROVED`, {
      code: 'template-not-approved',
      hint: found.status === 'PAUSED' ? 'wait out the pause or unpause it in WhatsApp Manager' : `follow its review with wa-ops templates status ${name}:${language} --watch`,
    });
  }
  return found;
}
