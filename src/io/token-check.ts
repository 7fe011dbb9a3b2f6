/** Ask the API whether a token works, for init's prompt: by what the API says, never by the token's shape. */
import { errorMessage } from '../core/caught.js';
import { WaOpsError } from '../core/errors.js';
import { GraphError } from '../core/graph/graph-error.js';
import { GraphClient } from './graph/client.js';

/** Whether the token works, and if not whether the API could be reached at all. */
export type TokenVerdict = { ok: true } | { ok: false; unreachable: boolean; reason: string };

/** GET /{phone-number-id}?fields=id with the token: accepted, refused (with the API's words), or not reachable. */
export async function checkToken(o: { baseUrl?: string; apiVersion?: string; token: string; phoneNumberId: string }): Promise<TokenVerdict> {
  const client = new GraphClient({ baseUrl: o.baseUrl ?? 'https://graph.facebook.com', apiVersion: o.apiVersion ?? 'v23.0', token: o.token, timeoutMs: 8_000 });
  try {
    await client.getPhoneNumber(o.phoneNumberId, ['id']);
    return { ok: true };
  } catch (err) {
    if (err instanceof GraphError && err.graphCode === undefined) return { ok: false, unreachable: true, reason: err.message };
    if (err instanceof GraphError && (err.graphCode === 100 || err.graphCode === 803) && err.httpStatus !== 401) {
      return { ok: false, unreachable: false, reason: `the API accepted no phone number ${o.phoneNumberId} with this token: ${err.message}` };
    }
    if (err instanceof WaOpsError) return { ok: false, unreachable: false, reason: `the API refused this token: ${err.message}` };
    return { ok: false, unreachable: true, reason: errorMessage(err) };
  } finally {
    await client.close();
  }
}
