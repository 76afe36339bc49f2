import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../../src/adapters/web/routes/compliance-api.js';

describe('CSV export cells (formula injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+7 912', `'+7 912`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['Иванов Иван', 'Иванов Иван'],
    [null, ''],
    [['a', 'b'], 'a b'],
  ])('%o → %o', (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });
});
