/**
 * Every value that goes onto the AMI wire passes through here (research §1.3 D9, §1.6 item 8).
 * asterisk-manager writes values unescaped, so a CR or LF in, say, a CallerID name taken from lead
 * data would inject headers or a whole second action. Asterisk also splits each `Variable:` value
 * on commas (research §2.1), so variable values are restricted to a safe alphabet.
 */
import { TelephonyError } from '../../domain/errors.js';
import type { AmiAction } from './ami-types.js';

const FORBIDDEN_CHARS = /[\r\n\0]/;
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VARIABLE_VALUE = /^[A-Za-z0-9_.:@/+-]*$/;
/** Printable: no C0 controls, no DEL, no C1 controls. */
function hasNonPrintable(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
const CALLER_ID_NUMBER = /^\+?[0-9]{0,32}$/;
export const CALLER_ID_NAME_MAX = 80;

function bad(message: string): TelephonyError {
  return new TelephonyError('AMI_BAD_VALUE', message);
}

function describe(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Rejects CR, LF and NUL anywhere in a header value. */
export function assertWireSafe(header: string, value: string): void {
  if (FORBIDDEN_CHARS.test(value))
    throw bad(`AMI header ${header}: value ${describe(value)} contains CR, LF or NUL`);
}

export function assertVariable(name: string, value: string): void {
  if (!VARIABLE_NAME.test(name))
    throw bad(`AMI Variable name ${describe(name)} is not [A-Za-z_][A-Za-z0-9_]*`);
  assertWireSafe(`Variable ${name}`, value);
  if (!VARIABLE_VALUE.test(value)) {
    throw bad(
      `AMI Variable ${name}: value ${describe(value)} may only hold A-Z a-z 0-9 _ . : @ / + - (Asterisk splits values on commas)`,
    );
  }
}

/** A CallerID name: printable, no double quote, trimmed to 80 characters. */
export function sanitiseCallerIdName(name: string): string {
  assertWireSafe('CallerID', name);
  if (hasNonPrintable(name)) throw bad(`CallerID name ${describe(name)} contains non-printable characters`);
  if (name.includes('"')) throw bad(`CallerID name ${describe(name)} contains a double quote`);
  return name.trim().slice(0, CALLER_ID_NAME_MAX).trim();
}

/** Builds `"Name" <number>` (parsed by ast_callerid_parse, research §2.1) from checked parts. */
export function formatCallerId(name: string, number: string): string {
  const cleanName = sanitiseCallerIdName(name);
  if (!CALLER_ID_NUMBER.test(number))
    throw bad(`CallerID number ${describe(number)} must be digits with an optional leading +`);
  return cleanName === '' ? `<${number}>` : `"${cleanName}" <${number}>`;
}

const CALLER_ID_HEADER = /^(?:"([^"]*)" )?<([^<>]*)>$|^([^"<>]*)$/;

/** Checks a CallerID header that arrived already formatted. */
function assertCallerIdHeader(value: string): void {
  assertWireSafe('CallerID', value);
  const match = CALLER_ID_HEADER.exec(value);
  if (!match) throw bad(`CallerID ${describe(value)} is not "Name" <number>`);
  const name = match[1] ?? match[3] ?? '';
  if (hasNonPrintable(name)) throw bad(`CallerID name ${describe(name)} contains non-printable characters`);
  if (name.length > CALLER_ID_NAME_MAX)
    throw bad(`CallerID name is longer than ${CALLER_ID_NAME_MAX} characters`);
}

/**
 * Validates a whole action and returns the object handed to asterisk-manager (lower-case keys are
 * what the library expects; it re-cases them itself). Throws TelephonyError('AMI_BAD_VALUE').
 */
export function toLibraryAction(
  action: AmiAction,
  actionId: string,
): Record<string, string | Record<string, string>> {
  const out: Record<string, string | Record<string, string>> = {};
  for (const [header, value] of Object.entries(action)) {
    if (value === undefined) continue;
    if (!HEADER_NAME.test(header)) throw bad(`AMI header name ${describe(header)} is invalid`);
    const key = header.toLowerCase();
    if (key === 'actionid') continue;
    if (typeof value === 'object') {
      if (key !== 'variable') throw bad(`AMI header ${header}: only Variable takes a map of values`);
      const vars: Record<string, string> = {};
      for (const [name, v] of Object.entries(value)) {
        assertVariable(name, v);
        vars[name] = v;
      }
      out[key] = vars;
      continue;
    }
    const text = String(value);
    if (key === 'callerid') assertCallerIdHeader(text);
    else assertWireSafe(header, text);
    out[key] = text;
  }
  assertWireSafe('ActionID', actionId);
  out.actionid = actionId;
  return out;
}
