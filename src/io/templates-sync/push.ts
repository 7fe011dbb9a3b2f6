/** Submit one template file: create it, edit it, or leave it when the API already holds the same content. */
import { GraphError } from '../../core/graph/graph-error.js';
import { sameTemplate, type TemplateFile } from '../../core/templates/normalise.js';
import type { GraphClient } from '../graph/client.js';
import type { TemplateRecord } from '../graph/types.js';
import { findTemplate } from '../remote-templates.js';

/** What push did with one template file. */
export type PushOutcome = 'created' | 'updated' | 'unchanged' | 'refused';

/** One template pushed: its file, what happened, and the status and id the API reports. */
export interface PushResult {
  file: string;
  template: string;
  language: string;
  outcome: PushOutcome;
  /** The review status the API reports after the push (PENDING, APPROVED, REJECTED, ...). */
  status?: string;
  id?: string;
  /** The category Meta filed it under, when it differs from the file's. */
  recategorised?: string;
  /** Meta's answer when it refused, or its rejection reason. */
  reason?: string;
}

/** Push one template; a refusal by the API is a result (with the template's status and id as the API holds it), not an exception. */
export async function pushTemplate(client: GraphClient, wabaId: string, t: TemplateFile, file: string): Promise<PushResult> {
  const base = { file, template: t.name, language: t.language };
  let remote: TemplateRecord | undefined;
  try {
    remote = await findTemplate(client, wabaId, t.name, t.language);
    if (remote && sameTemplate(t, remote)) return { ...base, outcome: 'unchanged', status: remote.status, id: remote.id, reason: rejection(remote.rejected_reason) };
    if (remote) return { ...base, ...(await edit(client, wabaId, t, remote)) };
    const body: Record<string, unknown> = { name: t.name, language: t.language, category: t.category, components: t.components };
    if (t.parameter_format) body.parameter_format = t.parameter_format;
    const created = await client.createTemplate(wabaId, body);
    const filed = created.category?.toUpperCase();
    let reason: string | undefined;
    if (created.status === 'REJECTED') reason = rejection((await findTemplate(client, wabaId, t.name, t.language))?.rejected_reason);
    return { ...base, outcome: 'created', status: created.status, id: created.id, recategorised: filed && filed !== t.category.toUpperCase() ? filed : undefined, reason };
  } catch (err) {
    if (!(err instanceof GraphError) || !aboutTemplate(err)) throw err;
    return { ...base, outcome: 'refused', status: remote?.status, id: remote?.id, reason: err.message };
  }
}

/** An edit sends only what may change; name and language identify the template and cannot. */
async function edit(client: GraphClient, wabaId: string, t: TemplateFile, remote: TemplateRecord): Promise<Omit<PushResult, 'file' | 'template' | 'language'>> {
  const changes: Record<string, unknown> = { components: t.components };
  if (t.category.toUpperCase() !== remote.category.toUpperCase()) changes.category = t.category;
  await client.updateTemplate(remote.id, changes);
  const after = await findTemplate(client, wabaId, t.name, t.language);
  return { outcome: 'updated', status: after?.status, id: remote.id, reason: rejection(after?.rejected_reason) };
}

/** Meta's answer about this template, not about the token, the permissions or the network (those stop the whole push). */
function aboutTemplate(err: GraphError): boolean {
  const code = err.graphCode;
  return code !== undefined && code !== 190 && code !== 10 && !(code >= 200 && code < 300) && err.httpStatus < 500;
}

function rejection(reason: string | undefined): string | undefined {
  return reason && reason !== 'NONE' ? reason : undefined;
}
