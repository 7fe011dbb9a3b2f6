import { describe, expect, it } from 'vitest';
import { applySelection, parseFields } from '../../src/sandbox/field-selection.js';

describe('Graph fields= syntax', () => {
  it('reads names, nested selections and modifiers', () => {
    expect(parseFields('a,b{c,d{e}},f.limit(2)')).toEqual([{ name: 'a' }, { name: 'b', sub: [{ name: 'c' }, { name: 'd', sub: [{ name: 'e' }] }] }, { name: 'f', limit: 2 }]);
    expect(parseFields('a{b}.limit(3), c')).toEqual([{ name: 'a', sub: [{ name: 'b' }], limit: 3 }, { name: 'c' }]);
    expect(parseFields('')).toEqual([]);
  });
  it('unbalanced braces are Graph syntax errors naming the character', () => {
    expect(parseFields('a{b')).toEqual({ syntax: 'Syntax error "Expected "}" instead of end of string." at character 3: a{b' });
    expect(parseFields('a}b')).toEqual({ syntax: 'Syntax error "Expected end of string instead of "}"." at character 1: a}b' });
  });
  it('applies a nested selection to structs, lists and edges (a node keeps its id)', () => {
    const health = { can_send_message: 'AVAILABLE', entities: [{ entity_type: 'WABA', id: '1', can_send_message: 'AVAILABLE' }] };
    expect(applySelection(health, [{ name: 'can_send_message' }])).toEqual({ can_send_message: 'AVAILABLE' });
    expect(applySelection(health, [{ name: 'entities', sub: [{ name: 'entity_type' }] }])).toEqual({ entities: [{ id: '1', entity_type: 'WABA' }] });
    expect(applySelection({ data: [{ id: '9', name: 'x', status: 'APPROVED' }], paging: {} }, [{ name: 'status' }])).toEqual({ data: [{ id: '9', status: 'APPROVED' }], paging: {} });
  });
});
