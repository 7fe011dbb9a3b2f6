// Meta's OpenAPI description of the Cloud API (../shared/contracts), turned into a JSON-schema validator
// for message requests. Absent on a user's clone: tests that need it skip with a message.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { root } from './helpers.js';

export const OPENAPI_PATH = join(root, '..', 'shared', 'contracts', 'business-messaging-api_v23.0.yaml');
export const openApiPresent = existsSync(OPENAPI_PATH);

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The description leans on discriminators and on allOf branches that each say additionalProperties:
 * false; a plain JSON-schema validator reads those differently from Meta. Turn discriminators into
 * if/then on the mapped schema, additionalProperties:false in allOf branches into
 * unevaluatedProperties:false on the parent, and drop the one malformed pattern (button index).
 */
function prepare(schemas: Record<string, Schema>): Record<string, Schema> {
  const out: Record<string, Schema> = structuredClone(schemas);
  // The description requires language.policy, yet its own "Send Message Template Text" example omits
  // it and the live API accepts that: follow the example.
  const lang = out.LanguageObject as { required?: string[] } | undefined;
  if (lang?.required) lang.required = lang.required.filter((r) => r !== 'policy');
  // Likewise recipient_type and type: its "Send Text Message with Preview URL" example omits both.
  const base = out.BaseMessageProperties as { required?: string[] } | undefined;
  if (base?.required) base.required = base.required.filter((r) => r !== 'recipient_type' && r !== 'type');
  for (const [name, s] of Object.entries(schemas)) {
    const d = s.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
    if (!d?.mapping || s.oneOf) continue;
    const base = structuredClone(s);
    delete base.discriminator;
    out[`${name}__base`] = base;
    for (const target of Object.values(d.mapping)) {
      const mapped = out[target.split('/').pop()!];
      for (const part of (mapped.allOf as Schema[]) ?? []) if (part.$ref === `#/components/schemas/${name}`) part.$ref = `#/components/schemas/${name}__base`;
    }
    out[name] = {
      allOf: [
        { $ref: `#/components/schemas/${name}__base` },
        ...Object.entries(d.mapping).map(([value, target]) => ({ if: { properties: { [d.propertyName]: { const: value } }, required: [d.propertyName] }, then: { $ref: target } })),
      ],
    };
  }
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObj(node)) return;
    delete node.discriminator;
    delete node.example;
    if (node.pattern === '^[2-6, 11-14]$') delete node.pattern;
    if (Array.isArray(node.allOf)) {
      for (const part of node.allOf as Schema[]) {
        if (part.additionalProperties === false) {
          delete part.additionalProperties;
          node.unevaluatedProperties = false;
        }
      }
    }
    if (Array.isArray(node.oneOf) && isObj(node) && node.oneOf.every((x: Schema) => typeof x.$ref === 'string')) {
      // Message: choose by type rather than "exactly one", as Meta does.
      node.anyOf = node.oneOf;
      delete node.oneOf;
    }
    Object.values(node).forEach(walk);
  };
  walk(out);
  return out;
}

/** A validator for POST /messages bodies; returns error texts (empty when valid). */
export function messageValidator(): (body: unknown) => string[] {
  const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { components: { schemas: Record<string, Schema> } };
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false, logger: false });
  ajv.addSchema({ $id: 'meta', components: { schemas: prepare(doc.components.schemas) } });
  const byType = (type: string) => ajv.compile({ $ref: `meta#/components/schemas/${type[0].toUpperCase()}${type.slice(1)}Message` });
  const cache = new Map<string, ReturnType<typeof byType>>();
  return (body) => {
    const type = isObj(body) && typeof body.type === 'string' ? body.type : 'text';
    let v = cache.get(type);
    if (!v) {
      v = byType(type);
      cache.set(type, v);
    }
    return v(body) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}

/** Request-body examples of one operation (path as in the description, e.g. "/{Version}/{Phone-Number-ID}/messages"). */
export function requestExamples(path: string, method: 'post' | 'get' | 'delete'): { name: string; value: unknown }[] {
  const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { examples?: Record<string, { value: unknown }> }> } }>> };
  const examples = doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.examples ?? {};
  return Object.entries(examples).map(([name, e]) => ({ name, value: e.value }));
}

/** A validator for one schema of the description (e.g. "GraphAPIError"); returns error texts (empty when valid). */
export function schemaValidator(name: string): (body: unknown) => string[] {
  const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { components: { schemas: Record<string, Schema> } };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, logger: false });
  ajv.addSchema({ $id: 'meta', components: { schemas: prepare(doc.components.schemas) } });
  const v = ajv.compile({ $ref: `meta#/components/schemas/${name}` });
  return (body) => (v(body) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
}
