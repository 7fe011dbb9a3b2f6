/** Graph's own refusals, before any WhatsApp rule: no token, an unsupported request, an edge the node does not have. */
import { graphError, type SandboxError } from './graph-errors.js';
import { nonexistingField, type NodeType } from './node-fields.js';

/** Edges that exist for POST only: a GET of them is an unsupported request, not a field Graph does not know. */
const POST_ONLY_EDGES = new Set(['messages', 'media', 'marketing_messages', 'register', 'deregister', 'request_code', 'verify_code', 'message_templates_previews']);

/** No token at all (no header, no access_token): Graph's 104, not the 190 of a wrong one. */
export function noToken(): SandboxError {
  return graphError(104, undefined, 401, { message: 'An access token is required to request this resource.' });
}

/** 100/33 "Unsupported get request. Object with ID ... does not exist": an unknown id, or a method the object lacks. */
export function unsupported(method: string, id: string): SandboxError {
  const sentence = `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`;
  return graphError(100, undefined, 400, { subcode: 33, message: sentence, type: 'GraphMethodException' });
}

/**
 * A request nothing served. A GET of an edge a known node does not have (GET /{pnid}/message_templates: a WABA edge asked
 * of the phone number) is read by Graph as a field: "nonexisting field"; everything else is unsupported.
 */
export function unserved(method: string, id: string, edge: string | undefined, deeper: boolean, node: NodeType | undefined): SandboxError {
  if (node && method === 'GET' && edge !== undefined && !deeper && !POST_ONLY_EDGES.has(edge)) return nonexistingField(edge, node) ?? unsupported(method, id);
  return unsupported(method, id);
}
