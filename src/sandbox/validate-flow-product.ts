/** Checks of flow and product messages (interactive flow, product, product_list) with Meta's required fields and limits. */
import { graphError, invalid, missing, type SandboxError } from './graph-errors.js';
import { isObj, tooLong, type Obj } from './validate-content.js';

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const at = (path: string) => `interactive['action']${path}`;

/** interactive flow: name "flow", parameters with flow_message_version "3", flow_cta (≤ 30), flow_id or flow_name (not both). */
export function checkFlow(action: Obj): SandboxError | undefined {
  if (action.name !== undefined && action.name !== 'flow') return invalid(`${at("['name']")} must be "flow".`);
  const p = action.parameters;
  if (p === undefined) return missing(at("['parameters']"));
  if (!isObj(p)) return graphError(100, `Param ${at("['parameters']")} must be an object.`);
  if (p.flow_message_version === undefined) return missing(at("['parameters']['flow_message_version']"));
  if (String(p.flow_message_version) !== '3') return invalid(`${at("['parameters']['flow_message_version']")} must be "3".`);
  if (!isText(p.flow_cta)) return missing(at("['parameters']['flow_cta']"));
  if (tooLong(p.flow_cta, 30)) return invalid('Flow CTA length invalid. Min length: 1, Max length: 30');
  if (p.flow_id === undefined && p.flow_name === undefined) return missing(at("['parameters']['flow_id']"));
  if (p.flow_id !== undefined && p.flow_name !== undefined) return invalid('Use either flow_id or flow_name, not both.');
  if (p.mode !== undefined && p.mode !== 'draft' && p.mode !== 'published') return invalid(`${at("['parameters']['mode']")} must be "draft" or "published".`);
  if (p.flow_action !== undefined && p.flow_action !== 'navigate' && p.flow_action !== 'data_exchange') return invalid(`${at("['parameters']['flow_action']")} must be "navigate" or "data_exchange".`);
  if (p.flow_action_payload !== undefined && !isObj(p.flow_action_payload)) return graphError(100, `Param ${at("['parameters']['flow_action_payload']")} must be an object.`);
  return undefined;
}

/** interactive product (catalog_id, product_retailer_id) and product_list (catalog_id, a text header, 1-10 sections, ≤ 30 items). */
export function checkProducts(type: 'product' | 'product_list', action: Obj, header: unknown): SandboxError | undefined {
  if (!isText(action.catalog_id)) return missing(at("['catalog_id']"));
  if (type === 'product') return isText(action.product_retailer_id) ? undefined : missing(at("['product_retailer_id']"));
  if (header === undefined) return missing("interactive['header']");
  const sections = action.sections;
  if (sections === undefined) return missing(at("['sections']"));
  if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) return invalid('Invalid sections count. Min allowed sections: 1, Max allowed sections: 10');
  let items = 0;
  for (const [n, s] of sections.entries()) {
    const where = at(`['sections'][${n}]`);
    if (!isObj(s)) return graphError(100, `Param ${where} must be an object.`);
    if (sections.length > 1 && !isText(s.title)) return missing(`${where}['title']`);
    if (s.title !== undefined && (typeof s.title !== 'string' || tooLong(s.title, 24))) return invalid('Section title length invalid. Min length: 1, Max length: 24');
    if (!Array.isArray(s.product_items) || s.product_items.length === 0) return missing(`${where}['product_items']`);
    items += s.product_items.length;
    for (const [k, item] of s.product_items.entries()) {
      if (!isObj(item) || !isText(item.product_retailer_id)) return missing(`${where}['product_items'][${k}]['product_retailer_id']`);
    }
  }
  return items > 30 ? invalid('Total product count exceed max allowed count: 30') : undefined;
}
