/**
 * One line of a do-not-call list file: the National DNC Registry's download ("AAA,NNNNNNN", area
 * code and number) or any list with the number in its first column (E.164, or national with the
 * list's country). Returns the number in E.164, a line to skip, or a problem naming what is wrong.
 */
import { parsePhone } from './phone-number.js';

export type DncLine = { e164: string } | { skip: true } | { problem: string };

/** Cells a spreadsheet would run as a formula (OWASP CSV injection): refused, never stored. */
const FORMULA_START = /^[=+\-@]/;

export function parseDncLine(raw: string, defaultCountry?: string): DncLine {
  const line = raw.replace(/^\uFEFF/, '').trim();
  if (line === '' || line.startsWith('#')) return { skip: true };
  // The registry's own layout: area code, comma, seven digits.
  const registry = /^(\d{3})\s*,\s*(\d{7})$/.exec(line);
  const cell = registry
    ? `${registry[1]}${registry[2]}`
    : (line.split(/[;,\t]/)[0] ?? '').trim().replace(/^"|"$/g, '');
  if (/^(phone|number|e164|telephone|номер|телефон)$/i.test(cell)) return { skip: true }; // a header
  if (FORMULA_START.test(cell) && !/^\+\d/.test(cell))
    return { problem: `"${cell.slice(0, 20)}" looks like a spreadsheet formula, not a phone number` };
  const parsed = parsePhone(cell, registry ? 'US' : defaultCountry);
  if ('error' in parsed) return { problem: `phone ${parsed.error}` };
  return { e164: parsed.e164 };
}
