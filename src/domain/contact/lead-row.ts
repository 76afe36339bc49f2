/**
 * One row of a lead list (docs/lead-lists.md): validated and normalised, or the problems with the
 * row number and the column. A bad row never affects its neighbours. Hostile text is refused:
 * spreadsheet formulas (=, +, @, leading -) and HTML markup in names, control characters anywhere.
 */
import { IANAZone } from 'luxon';
import { parsePhone, phoneTypeFrom, type PhoneType } from './phone-number.js';
import { candidateZonesFor } from '../timezones/candidate-zones.js';

export const PERSON_ROLES = ['debtor', 'guarantor', 'third_party'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Header aliases → canonical column. Headers are compared lower-cased with spaces/dashes as "_". */
const ALIASES: Record<string, string> = {
  account_number: 'account',
  account_no: 'account',
  contract: 'account',
  счет: 'account',
  счёт: 'account',
  номер_договора: 'account',
  договор: 'account',
  full_name: 'name',
  фио: 'name',
  имя: 'name',
  роль: 'role',
  phone: 'phone1',
  телефон: 'phone1',
  phone_1: 'phone1',
  phone_2: 'phone2',
  phone_3: 'phone3',
  телефон1: 'phone1',
  телефон2: 'phone2',
  телефон3: 'phone3',
  mobile: 'phone_mobile',
  cell: 'phone_mobile',
  мобильный: 'phone_mobile',
  home: 'phone_home',
  домашний: 'phone_home',
  work: 'phone_work',
  рабочий: 'phone_work',
  страна: 'country',
  регион: 'region',
  state: 'region',
  zip: 'postal_code',
  zip_code: 'postal_code',
  postcode: 'postal_code',
  индекс: 'postal_code',
  tz: 'timezone',
  time_zone: 'timezone',
  часовой_пояс: 'timezone',
  amount: 'balance',
  сумма: 'balance',
  долг: 'balance',
  валюта: 'currency',
  dpd: 'days_past_due',
  просрочка_дней: 'days_past_due',
  dob: 'birth_date',
  date_of_birth: 'birth_date',
  дата_рождения: 'birth_date',
  consent: 'third_party_consent',
};

export function canonicalHeader(header: string): string {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return ALIASES[key] ?? key;
}

export const REQUIRED_COLUMNS = ['account', 'name'] as const;
const PHONE_COLUMN = /^phone(\d|_mobile|_home|_work)$/;

/** Which required columns a header row lacks (at least one phone column is required too). */
export function missingColumns(headers: readonly string[]): string[] {
  const canon = headers.map(canonicalHeader);
  const missing: string[] = REQUIRED_COLUMNS.filter((c) => !canon.includes(c));
  if (!canon.some((h) => PHONE_COLUMN.test(h))) missing.push('phone1 (or phone, mobile, home, work)');
  return missing;
}

export interface LeadRowPhone {
  e164: string;
  type: PhoneType;
  candidateZones: string[];
  /** The sources of candidateZones, '+'-joined in precedence order: 'region', 'region+number', … */
  zoneSource: string | null;
}

export interface LeadRow {
  rowNumber: number;
  account: string;
  role: PersonRole;
  name: string;
  birthDate: string | null;
  country: string | null;
  region: string | null;
  postalCode: string | null;
  balance: string | null;
  currency: string | null;
  daysPastDue: number | null;
  hasThirdPartyConsent: boolean;
  phones: LeadRowPhone[];
}

export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

const ROLE_ALIASES: Record<string, PersonRole> = {
  debtor: 'debtor',
  должник: 'debtor',
  заемщик: 'debtor',
  заёмщик: 'debtor',
  guarantor: 'guarantor',
  поручитель: 'guarantor',
  third_party: 'third_party',
  'third party': 'third_party',
  третье_лицо: 'third_party',
  'третье лицо': 'third_party',
  contact: 'third_party',
};

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const FORMULA_START = /^[=+@\t\r]|^-(?=[^\d\s])/;
const MARKUP = /[<>]/;

function text(value: string | undefined): string {
  return (value ?? '').replace(/\r\n?|\n/g, ' ').trim();
}

/**
 * Validates one record (keys already canonical). `rowNumber` is the file's line-based row number
 * (header = row 1) so a person can find it in a spreadsheet.
 */
export function parseLeadRow(
  record: Readonly<Record<string, string | undefined>>,
  rowNumber: number,
): { row?: LeadRow; problems: RowProblem[]; warnings: RowProblem[] } {
  const problems: RowProblem[] = [];
  const phoneProblems: RowProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ row: rowNumber, field, message });

  for (const [field, value] of Object.entries(record)) {
    if (value !== undefined && CONTROL.test(value)) problem(field, 'contains control characters');
  }

  const account = text(record.account);
  if (account === '') problem('account', 'is empty');
  else if (FORMULA_START.test(account))
    problem('account', `"${account.slice(0, 30)}" looks like a spreadsheet formula`);
  else if (account.length > 64) problem('account', 'is longer than 64 characters');

  const name = text(record.name);
  if (name === '') problem('name', 'is empty');
  else if (FORMULA_START.test(name))
    problem('name', `"${name.slice(0, 30)}" looks like a spreadsheet formula, not a name`);
  else if (MARKUP.test(name)) problem('name', 'contains "<" or ">" (HTML markup is not accepted in names)');
  else if (name.length > 200) problem('name', 'is longer than 200 characters');

  const roleText = text(record.role).toLowerCase();
  const role: PersonRole | undefined = roleText === '' ? 'debtor' : ROLE_ALIASES[roleText];
  if (!role)
    problem('role', `"${roleText.slice(0, 30)}" is not a role; use debtor, guarantor or third_party`);

  const country = text(record.country).toUpperCase() || null;
  if (country !== null && !/^[A-Z]{2}$/.test(country))
    problem('country', `"${country.slice(0, 10)}" is not a two-letter ISO country code`);

  const region = text(record.region) || null;
  const postalCode = text(record.postal_code) || null;
  if (region && (FORMULA_START.test(region) || MARKUP.test(region)))
    problem('region', 'contains a formula or markup');

  const explicitZone = text(record.timezone) || null;
  if (explicitZone !== null && !IANAZone.isValidZone(explicitZone))
    problem('timezone', `"${explicitZone.slice(0, 40)}" is not an IANA time zone such as Europe/Moscow`);

  let balance: string | null = null;
  const balanceText = text(record.balance).replace(/\s/g, '');
  if (balanceText !== '') {
    const normalised = /^\d+,\d{1,2}$/.test(balanceText) ? balanceText.replace(',', '.') : balanceText;
    if (!/^-?\d{1,12}(\.\d{1,2})?$/.test(normalised))
      problem('balance', `"${balanceText.slice(0, 20)}" is not an amount such as 15000.50`);
    else balance = normalised;
  }
  const currency = text(record.currency).toUpperCase() || null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency))
    problem('currency', `"${currency.slice(0, 10)}" is not a three-letter currency code`);

  let daysPastDue: number | null = null;
  const dpd = text(record.days_past_due);
  if (dpd !== '') {
    if (!/^\d{1,5}$/.test(dpd))
      problem('days_past_due', `"${dpd.slice(0, 10)}" is not a whole number of days`);
    else daysPastDue = Number(dpd);
  }

  let birthDate: string | null = null;
  const dob = text(record.birth_date);
  if (dob !== '') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob) ?? /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(dob);
    if (!m) problem('birth_date', `"${dob.slice(0, 20)}" is not a date (YYYY-MM-DD or DD.MM.YYYY)`);
    else birthDate = m[1]!.length === 4 ? `${m[1]}-${m[2]}-${m[3]}` : `${m[3]}-${m[2]}-${m[1]}`;
  }

  const consentText = text(record.third_party_consent).toLowerCase();
  const hasThirdPartyConsent = ['yes', 'y', 'true', '1', 'да'].includes(consentText);

  // Candidate zones per phone (src/domain/timezones/candidate-zones.ts): in Russia the address decides
  // (230-FZ: the debtor's place of residence), elsewhere the address, postal code and number are all
  // candidates (Reg F 1006.6(b)(1)); the caller allows only the intersection of their windows.
  const zoneProblems: RowProblem[] = [];
  const zonesOf = (field: string, e164: string): Pick<LeadRowPhone, 'candidateZones' | 'zoneSource'> => {
    const candidates = candidateZonesFor({
      country,
      explicitZone: explicitZone !== null && IANAZone.isValidZone(explicitZone) ? explicitZone : null,
      region,
      postalCode,
      e164,
    });
    if ('error' in candidates) {
      zoneProblems.push({ row: rowNumber, field, message: `no time zone known: ${candidates.error}` });
      return { candidateZones: [], zoneSource: null };
    }
    if (candidates.conflict) {
      const which = candidates.bySource.map((s) => `${s.source} ${s.basis} (${s.zones.join(', ')})`);
      zoneProblems.push({
        row: rowNumber,
        field,
        message: `time zones disagree: ${which.join('; ')}; calls keep to the hours allowed in all of them`,
      });
    }
    return {
      candidateZones: candidates.zones,
      zoneSource: candidates.sources.length > 0 ? candidates.sources.join('+') : null,
    };
  };

  const phones: LeadRowPhone[] = [];
  const seen = new Set<string>();
  for (const [field, rawValue] of Object.entries(record)) {
    const m = PHONE_COLUMN.exec(field);
    if (!m) continue;
    const raw = text(rawValue);
    if (raw === '') continue;
    const parsed = parsePhone(raw, country ?? undefined);
    if ('error' in parsed) {
      phoneProblems.push({ row: rowNumber, field, message: `phone ${parsed.error}` });
      continue;
    }
    if (seen.has(parsed.e164)) continue;
    seen.add(parsed.e164);
    const typeColumn = m[1]!.startsWith('_') ? m[1]!.slice(1) : record[`${field}_type`];
    phones.push({
      e164: parsed.e164,
      type: phoneTypeFrom(typeColumn, parsed.numberType),
      ...zonesOf(field, parsed.e164),
    });
  }
  // A bad number next to a good one is reported, and the row still comes in with the good one.
  let warnings: RowProblem[] = [];
  if (phones.length === 0) {
    if (phoneProblems.length > 0) problems.push(...phoneProblems);
    else problem('phone1', 'no phone number in this row');
  } else {
    warnings = [...phoneProblems, ...zoneProblems];
  }

  if (problems.length > 0 || !role) return { problems: [...problems, ...warnings], warnings: [] };
  return {
    problems,
    warnings,
    row: {
      rowNumber,
      account,
      role,
      name,
      birthDate,
      country,
      region,
      postalCode,
      balance,
      currency,
      daysPastDue,
      hasThirdPartyConsent,
      phones,
    },
  };
}
