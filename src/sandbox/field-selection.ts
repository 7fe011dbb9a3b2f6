/** Graph's `fields=` syntax: names, nested selections (`a{b,c{d}}`) and modifiers (`.limit(5)`), read into a tree. */

/** One selected field and, when given, its nested selection. */
export interface FieldSel {
  name: string;
  sub?: FieldSel[];
  /** `.limit(n)` on an edge: at most n items. */
  limit?: number;
}

/** Where the braces of a fields list do not balance, as Graph's syntax error says it (code 2500); undefined when they do. */
function braceProblem(fields: string): string | undefined {
  let depth = 0;
  for (let k = 0; k < fields.length; k++) {
    if (fields[k] === '{') depth++;
    else if (fields[k] === '}' && --depth < 0) return `Syntax error "Expected end of string instead of "}"." at character ${k}: ${fields}`;
  }
  return depth > 0 ? `Syntax error "Expected "}" instead of end of string." at character ${fields.length}: ${fields}` : undefined;
}

/** Parse a fields list into its tree; unbalanced braces give Graph's syntax error text instead. */
export function parseFields(fields: string): FieldSel[] | { syntax: string } {
  const problem = braceProblem(fields);
  if (problem) return { syntax: problem };
  let i = 0;
  const list = (): FieldSel[] => {
    const out: FieldSel[] = [];
    let name = '';
    let mods = '';
    let sub: FieldSel[] | undefined;
    const push = () => {
      const n = name.trim().replace(/\..*$/, '');
      const limit = /\.limit\((\d+)\)/.exec(name + mods);
      if (n) out.push({ name: n, ...(sub ? { sub } : {}), ...(limit ? { limit: Number(limit[1]) } : {}) });
      name = '';
      mods = '';
      sub = undefined;
    };
    while (i < fields.length) {
      const ch = fields[i++];
      if (ch === '{') sub = list();
      else if (ch === '}') break;
      else if (ch === ',') push();
      // A modifier after a selection (a{b}.limit(2)) is not part of the name.
      else if (!sub) name += ch;
      else mods += ch;
    }
    push();
    return out;
  };
  return list();
}

/** Apply a nested selection to a value: each item of a list (or of an edge's data), or the chosen keys of an object. */
export function applySelection(value: unknown, sub: FieldSel[]): unknown {
  if (Array.isArray(value)) return value.map((v) => applySelection(v, sub));
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  if (Array.isArray(obj.data)) return { ...obj, data: applySelection(obj.data, sub) };
  // A node keeps its id, as Graph adds it to every node; a plain struct only has what was asked.
  const out: Record<string, unknown> = typeof obj.id === 'string' ? { id: obj.id } : {};
  for (const s of sub) if (s.name in obj) out[s.name] = s.sub ? applySelection(obj[s.name], s.sub) : obj[s.name];
  return out;
}
