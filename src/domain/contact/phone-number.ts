import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneType = 'mobile' | 'home' | 'work' | 'other';

export interface ParsedPhone {
  e164: string;
  country: string | undefined;
  /** libphonenumber's type: MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, TOLL_FREE, … */
  numberType: string | undefined;
}

/**
 * Normalises a phone number written by a person (spaces, dashes, brackets, a national "8" prefix in
 * Russia) to E.164. `defaultCountry` applies to numbers without a "+" prefix. Returns an error text
 * naming what is wrong, never throws.
 */
export function parsePhone(raw: string, defaultCountry?: string): ParsedPhone | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: 'is empty' };
  if (!/^[+\d\s().-]+$/.test(text))
    return { error: `"${truncate(text)}" contains characters that are not part of a phone number` };
  const country = defaultCountry?.toUpperCase() as CountryCode | undefined;
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed)
    return {
      error: `"${truncate(text)}" is not a phone number${country ? '' : ' (no country: write it with +<country code>)'}`,
    };
  if (!parsed.isValid())
    return {
      error: `"${truncate(text)}" is not a valid number for ${parsed.country ?? `+${parsed.countryCallingCode}`}`,
    };
  return { e164: parsed.number, country: parsed.country, numberType: parsed.getType() };
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export function phoneTypeFrom(text: string | undefined, numberType: string | undefined): PhoneType {
  const t = (text ?? '').trim().toLowerCase();
  if (['mobile', 'cell', 'мобильный', 'моб'].includes(t)) return 'mobile';
  if (['home', 'домашний', 'дом'].includes(t)) return 'home';
  if (['work', 'рабочий', 'раб'].includes(t)) return 'work';
  if (t === '' && numberType === 'MOBILE') return 'mobile';
  return 'other';
}
