/**
 * Agent scripts (campaigns/scripts/*.yaml): the on-screen "сценарий". Steps are shown in order;
 * `gate` steps must be confirmed (e.g. right-party verification before any disclosure, FDCPA 1692b /
 * 230-FZ art. 6), `situations` are the answers for the moments the seeds list (threats, a child on
 * the line, silence, "give me your manager's number"...). Text may use {{placeholders}} filled from
 * the lead: person.name, person.firstName, debt.balance, debt.currency, debt.daysPastDue,
 * debt.accountNumber, campaign.callerName, agent.name.
 */
import { z } from 'zod';

const identifier = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and "-"');

export const SCRIPT_PLACEHOLDERS = [
  'person.name',
  'person.firstName',
  'person.role',
  'debt.balance',
  'debt.currency',
  'debt.daysPastDue',
  'debt.accountNumber',
  /** The campaign's callerId.name and callerId.number. */
  'campaign.callerName',
  'campaign.callerNumber',
  'agent.name',
] as const;

const text = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    for (const match of value.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
      const name = match[1] ?? '';
      if (!(SCRIPT_PLACEHOLDERS as readonly string[]).includes(name)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {{${name}}}; known: ${SCRIPT_PLACEHOLDERS.join(', ')}`,
        });
      }
    }
  });

const step = z
  .object({
    id: identifier,
    title: z.string().min(1),
    say: text,
    /** The agent must confirm this step (e.g. identity verified) before the next steps are shown. */
    gate: z.boolean().default(false),
    /** Shown instead of the following steps when the gate is answered "no" (e.g. a third party answered). */
    ifNot: text.optional(),
    hint: z.string().optional(),
  })
  .strict();

const situation = z
  .object({
    id: identifier,
    when: z.string().min(1),
    say: text,
  })
  .strict();

export const scriptDefinitionSchema = z
  .object({
    id: identifier,
    name: z.string().min(1),
    locale: z.enum(['ru', 'en']),
    steps: z.array(step).min(1),
    situations: z.array(situation).default([]),
    /** Phrases the agent should not use (shown as a reminder). */
    avoid: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    s.steps.forEach((st, i) => {
      if (ids.has(st.id))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${st.id}"` });
      ids.add(st.id);
    });
  });

export type ScriptDefinition = z.output<typeof scriptDefinitionSchema>;

/** Fills {{placeholders}}; values are plain text (the view escapes them). Unknown values become "—". */
export function renderScriptText(
  template: string,
  values: Readonly<Record<string, string | number | null | undefined>>,
): string {
  return template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_m, name: string) => {
    const v = values[name];
    return v === null || v === undefined || v === '' ? '—' : String(v);
  });
}
