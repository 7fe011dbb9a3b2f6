/**
 * The shape check of a template read from a file: every field the lint rules read has the type they
 * expect, so a malformed file is an input error naming the field (exit 2), never a crash in a rule (exit 70).
 */
import { InputError } from '../errors.js';
import { isObject } from '../is-object.js';
import type { Template } from './types.js';

/** What a template file should hold, for the hint of every shape error. */
export const SHAPE_HINT =
  'expected a template {"name", "language", "category", "components": [...]}, an array of them, or a GET /{waba}/message_templates response {"data": [...]}';

const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isNamedParams = (v: unknown): boolean => Array.isArray(v) && v.every((x) => isObject(x) && typeof x.param_name === 'string' && typeof x.example === 'string');

const isString = (v: unknown): boolean => typeof v === 'string';

/** A field that may be present: what it must be (for the error), and the check its value must pass. */
type FieldRule = [expected: string, check: (v: unknown) => boolean];

const EXAMPLE_FIELDS: Record<string, FieldRule> = {
  header_text: ['a list of strings', isStrings],
  body_text: ['a list of lists of strings', (v) => Array.isArray(v) && v.every(isStrings)],
  header_text_named_params: ['a list of {"param_name", "example"}', isNamedParams],
  body_text_named_params: ['a list of {"param_name", "example"}', isNamedParams],
  header_handle: ['a list of strings', isStrings],
};
const BUTTON_FIELDS: Record<string, FieldRule> = {
  text: ['a string', isString],
  url: ['a string', isString],
  phone_number: ['a string', isString],
  example: ['a string or a list of strings', (v) => isString(v) || isStrings(v)],
};
const TEMPLATE_STRINGS = ['name', 'language', 'category', 'parameter_format'];

function refuse(where: string, what: string): never {
  throw new InputError(`${where}: ${what}`, { code: 'not-a-template', hint: SHAPE_HINT });
}

function checkFields(o: Record<string, unknown>, fields: Record<string, FieldRule>, where: string, path: string): void {
  for (const [key, [expected, ok]] of Object.entries(fields)) {
    if (o[key] !== undefined && !ok(o[key])) refuse(where, `${path}${key} must be ${expected}`);
  }
}

function checkComponent(c: unknown, where: string, j: number, within = ''): void {
  const path = `${within}components[${j}]`;
  if (!isObject(c) || typeof c.type !== 'string') refuse(where, `${path} has no "type" (HEADER, BODY, FOOTER or BUTTONS)`);
  for (const key of ['format', 'text']) if (c[key] !== undefined && typeof c[key] !== 'string') refuse(where, `${path}.${key} must be a string`);
  if (c.example !== undefined) {
    if (!isObject(c.example)) refuse(where, `${path}.example must be an object`);
    checkFields(c.example, EXAMPLE_FIELDS, where, `${path}.example.`);
  }
  if (c.limited_time_offer !== undefined && !isObject(c.limited_time_offer)) refuse(where, `${path}.limited_time_offer must be an object`);
  if (isObject(c.limited_time_offer) && c.limited_time_offer.text !== undefined && typeof c.limited_time_offer.text !== 'string') refuse(where, `${path}.limited_time_offer.text must be a string`);
  if (c.cards !== undefined) {
    if (!Array.isArray(c.cards)) refuse(where, `${path}.cards must be a list of cards`);
    c.cards.forEach((card, k) => {
      if (!isObject(card) || !Array.isArray(card.components)) refuse(where, `${path}.cards[${k}] must be a card {"components": [...]}`);
      card.components.forEach((cc, m) => checkComponent(cc, where, m, `${path}.cards[${k}].`));
    });
  }
  if (c.buttons === undefined) return;
  if (!Array.isArray(c.buttons)) refuse(where, `${path}.buttons must be a list`);
  c.buttons.forEach((b, k) => {
    if (!isObject(b) || typeof b.type !== 'string') refuse(where, `${path}.buttons[${k}] has no "type" (QUICK_REPLY, URL, PHONE_NUMBER, ...)`);
    checkFields(b, BUTTON_FIELDS, where, `${path}.buttons[${k}].`);
  });
}

/** Check an item read from a template file; `where` names it in the error (file, and index in a list). */
export function assertTemplate(item: unknown, where: string): asserts item is Template {
  // A template (it has a name, language or category) whose components are not a list has a broken field; an object with
  // none of those is something else altogether.
  const looksLikeTemplate = isObject(item) && (item.name !== undefined || item.language !== undefined || item.category !== undefined);
  if (looksLikeTemplate && item.components !== undefined && !Array.isArray(item.components)) refuse(where, '"components" must be a list of HEADER, BODY, FOOTER and BUTTONS objects');
  if (!isObject(item) || !Array.isArray(item.components)) {
    const keys = isObject(item) ? Object.keys(item).slice(0, 6).join(', ') : item === null ? 'null' : Array.isArray(item) ? 'a list' : typeof item;
    refuse(where, `not a message template (found ${keys || 'an empty object'})`);
  }
  for (const key of TEMPLATE_STRINGS) if (item[key] !== undefined && typeof item[key] !== 'string') refuse(where, `"${key}" must be a string`);
  item.components.forEach((c, j) => checkComponent(c, where, j));
}
