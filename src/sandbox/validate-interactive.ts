/** Checks of interactive messages (reply buttons, lists, CTA URLs, flows, products) with Meta's limits and codes. */
import { graphError, invalid, missing, type SandboxError } from './graph-errors.js';
import { checkMedia, isObj, tooLong, type MediaLookup, type Obj } from './validate-content.js';
import { checkFlow, checkProducts } from './validate-flow-product.js';

const TYPES = new Set(['button', 'list', 'product', 'product_list', 'catalog_message', 'flow', 'cta_url', 'location_request_message', 'address_message', 'call_permission_request', 'order_details', 'order_status', 'voice_call']);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** A text field between 1 and `max` characters, required or not. */
function textField(v: unknown, path: string, max: number, what: string, required = true): SandboxError | undefined {
  if (v === undefined) return required ? missing(path) : undefined;
  if (typeof v !== 'string' || v.trim() === '' || tooLong(v, max)) return invalid(`${what} length invalid. Min length: 1, Max length: ${max}`);
  return undefined;
}

/** interactive: type, body (all but product), header and footer, and the action of that type. */
export function checkInteractive(i: unknown, known: MediaLookup): SandboxError | undefined {
  if (!isObj(i)) return missing('interactive');
  if (i.type === undefined) return missing("interactive['type']");
  if (typeof i.type !== 'string' || !TYPES.has(i.type)) return invalid(`interactive['type'] must be one of ${[...TYPES].join(', ')}.`);
  const type = i.type;
  if (i.body === undefined) {
    if (type !== 'product') return missing("interactive['body']");
  } else {
    if (!isObj(i.body)) return graphError(100, "Param interactive['body'] must be an object.");
    const problem = textField(i.body.text, "interactive['body']['text']", type === 'list' ? 4096 : 1024, 'Body text');
    if (problem) return problem;
  }
  if (i.footer !== undefined) {
    const problem = isObj(i.footer) ? textField(i.footer.text, "interactive['footer']['text']", 60, 'Footer text') : graphError(100, "Param interactive['footer'] must be an object.");
    if (problem) return problem;
  }
  if (i.header !== undefined) {
    const problem = checkHeader(i.header, type, known);
    if (problem) return problem;
  }
  if (i.action === undefined) return missing("interactive['action']");
  if (!isObj(i.action)) return graphError(100, "Param interactive['action'] must be an object.");
  if (type === 'button') return checkButtons(i.action);
  if (type === 'list') return checkList(i.action);
  if (type === 'cta_url') return checkCtaUrl(i.action);
  if (type === 'flow') return checkFlow(i.action);
  if (type === 'product' || type === 'product_list') return checkProducts(type, i.action, i.header);
  return undefined;
}

function checkHeader(h: unknown, type: string, known: MediaLookup): SandboxError | undefined {
  if (!isObj(h)) return graphError(100, "Param interactive['header'] must be an object.");
  if (type === 'product') return graphError(100, 'A header cannot be set for product messages.');
  if (h.type === undefined) return missing("interactive['header']['type']");
  if (h.type === 'text') return textField(h.text, "interactive['header']['text']", 60, 'Header text');
  if (!['image', 'video', 'document'].includes(String(h.type))) return invalid("interactive['header']['type'] must be text, image, video or document.");
  if (['list', 'product_list', 'flow'].includes(type)) return invalid(`interactive['header'] must be of type text for ${type} messages.`);
  return checkMedia(String(h.type), h[String(h.type)], known);
}

function checkButtons(action: Obj): SandboxError | undefined {
  const buttons = action.buttons;
  if (buttons === undefined) return missing("interactive['action']['buttons']");
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
    return invalid('Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3');
  }
  const titles = new Set<string>();
  const ids = new Set<string>();
  for (const [n, b] of buttons.entries()) {
    const at = `interactive['action']['buttons'][${n}]`;
    if (!isObj(b)) return graphError(100, `Param ${at} must be an object.`);
    if (b.type !== 'reply') return invalid(`${at}['type'] must be "reply".`);
    if (!isObj(b.reply)) return missing(`${at}['reply']`);
    const title = textField(b.reply.title, `${at}['reply']['title']`, 20, 'Button title');
    if (title) return title;
    const id = textField(b.reply.id, `${at}['reply']['id']`, 256, 'Button id');
    if (id) return id;
    if (titles.has(String(b.reply.title)) || ids.has(String(b.reply.id))) return invalid('Button titles and ids must be unique.');
    titles.add(String(b.reply.title));
    ids.add(String(b.reply.id));
  }
  return undefined;
}

function checkList(action: Obj): SandboxError | undefined {
  const button = textField(action.button, "interactive['action']['button']", 20, 'Button title');
  if (button) return button;
  const sections = action.sections;
  if (sections === undefined) return missing("interactive['action']['sections']");
  if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) return invalid('Invalid sections count. Min allowed sections: 1, Max allowed sections: 10');
  let rows = 0;
  const ids = new Set<string>();
  for (const [n, s] of sections.entries()) {
    const at = `interactive['action']['sections'][${n}]`;
    if (!isObj(s)) return graphError(100, `Param ${at} must be an object.`);
    const title = textField(s.title, `${at}['title']`, 24, 'Section title', sections.length > 1);
    if (title) return title;
    if (!Array.isArray(s.rows) || s.rows.length === 0) return missing(`${at}['rows']`);
    rows += s.rows.length;
    for (const [r, row] of s.rows.entries()) {
      const rat = `${at}['rows'][${r}]`;
      if (!isObj(row)) return graphError(100, `Param ${rat} must be an object.`);
      const problem =
        textField(row.id, `${rat}['id']`, 200, 'Row id') ?? textField(row.title, `${rat}['title']`, 24, 'Row title') ?? textField(row.description, `${rat}['description']`, 72, 'Row description', false);
      if (problem) return problem;
      if (ids.has(String(row.id))) return invalid('Row ids must be unique across all sections.');
      ids.add(String(row.id));
    }
  }
  if (rows > 10) return invalid('Total row count exceed max allowed count: 10');
  return undefined;
}

function checkCtaUrl(action: Obj): SandboxError | undefined {
  if (action.name !== 'cta_url') return invalid("interactive['action']['name'] must be \"cta_url\".");
  const p = action.parameters;
  if (!isObj(p)) return missing("interactive['action']['parameters']");
  const text = textField(p.display_text, "interactive['action']['parameters']['display_text']", 20, 'Display text');
  if (text) return text;
  if (!isText(p.url)) return missing("interactive['action']['parameters']['url']");
  if (!/^https?:\/\/\S+$/i.test(p.url)) return invalid("interactive['action']['parameters']['url'] must be an http(s) URL.");
  return undefined;
}
