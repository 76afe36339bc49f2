import { describe, expect, it } from 'vitest';
import { parseDncLine } from '../../../src/domain/contact/dnc-list.js';

describe('a do-not-call list line', () => {
  it.each([
    ['212,5550123', undefined, { e164: '+12125550123' }], // the National DNC Registry's layout
    ['+7 912 345-67-89', undefined, { e164: '+79123456789' }],
    ['8 (912) 345-67-89;Иванов', 'RU', { e164: '+79123456789' }],
    ['"+12125550124",opt-out by phone', undefined, { e164: '+12125550124' }],
    ['\uFEFFphone', undefined, { skip: true }],
    ['   ', undefined, { skip: true }],
    ['# exported 2026-11-01', undefined, { skip: true }],
  ] as const)('%j → %j', (line, country, expected) => {
    expect(parseDncLine(line, country)).toEqual(expected);
  });

  it('names what is wrong, and refuses formulas', () => {
    expect(parseDncLine('12345')).toMatchObject({ problem: expect.stringContaining('"12345"') });
    expect(parseDncLine('=HYPERLINK("x")')).toMatchObject({ problem: expect.stringContaining('formula') });
    expect(parseDncLine('@SUM(1)')).toMatchObject({ problem: expect.stringContaining('formula') });
  });
});
