import type { Knex } from 'knex';
import {
  HISTORY_DAYS,
  PERSON_BUSY_RETRY_MS,
  PERSON_RESERVATION_TTL_MS,
  type ClaimResult,
  type ClaimedLead,
  type ContactHistoryEntry,
  type DeferredLead,
  type LeadRepository,
  type LeadUpdate,
} from '../../ports/lead-repository.js';

export interface ClaimedRow {
  id: number;
  campaign_id: string;
  debt_id: number;
  person_id: number;
  attempts: number;
  outcome_counts: Record<string, number>;
  owner_agent_id: number | null;
}

export class KnexLeadRepository implements LeadRepository {
  constructor(private readonly knex: Knex) {}

  async claimDue(campaignId: string, now: Date, limit: number): Promise<ClaimResult> {
    if (limit <= 0) return { leads: [], deferred: [] };
    const { claimed, deferred } = await this.selectAndReserve(campaignId, now, limit);
    return { leads: await this.enrich(claimed, campaignId, now), deferred };
  }

  /**
   * claimDue's one statement, without loading what the decision needs (npm run
   * bench:lead-selection times it on its own): the due leads taken, and those deferred.
   */
  async selectAndReserve(
    campaignId: string,
    now: Date,
    limit: number,
  ): Promise<{ claimed: ClaimedRow[]; deferred: DeferredLead[] }> {
    const retryAt = new Date(now.getTime() + PERSON_BUSY_RETRY_MS);
    const expiresAt = new Date(now.getTime() + PERSON_RESERVATION_TTL_MS);
    // One statement: FOR UPDATE SKIP LOCKED gives concurrent dialers disjoint leads (the partial
    // index campaign_leads_due_idx serves the ORDER BY); the INSERT … ON CONFLICT on the person's
    // primary key serialises dialers that picked different leads of the same person, whatever their
    // campaign: the second waits for the first to commit and then finds the person held.
    const result = await this.knex.raw<{ rows: (ClaimedRow & { kind: 'claimed' | 'deferred' })[] }>(
      `WITH due AS (
         SELECT id, person_id FROM campaign_leads
          WHERE campaign_id = ? AND state = 'ready' AND next_attempt_at <= ?
          ORDER BY next_attempt_at, priority DESC
          LIMIT ? FOR UPDATE SKIP LOCKED),
       pick AS (SELECT DISTINCT ON (person_id) id, person_id FROM due ORDER BY person_id, id),
       res AS (
         INSERT INTO person_reservations AS r (person_id, lead_id, campaign_id, reserved_at, expires_at)
         SELECT person_id, id, ?, ?, ? FROM pick
         ON CONFLICT (person_id) DO UPDATE
            SET lead_id = EXCLUDED.lead_id, campaign_id = EXCLUDED.campaign_id,
                reserved_at = EXCLUDED.reserved_at, expires_at = EXCLUDED.expires_at
          WHERE r.expires_at <= EXCLUDED.reserved_at
         RETURNING lead_id),
       claimed AS (
         UPDATE campaign_leads l SET state = 'dialing' FROM res WHERE l.id = res.lead_id
         RETURNING l.id, l.campaign_id, l.debt_id, l.person_id, l.attempts, l.outcome_counts,
                   l.owner_agent_id, 'claimed' AS kind),
       deferred AS (
         UPDATE campaign_leads l SET next_attempt_at = ?
           FROM due WHERE l.id = due.id AND NOT EXISTS (SELECT 1 FROM res WHERE res.lead_id = due.id)
         RETURNING l.id, l.campaign_id, l.debt_id, l.person_id, l.attempts, l.outcome_counts,
                   l.owner_agent_id, 'deferred' AS kind)
       SELECT * FROM claimed UNION ALL SELECT * FROM deferred`,
      [campaignId, now, limit, campaignId, now, expiresAt, retryAt],
    );
    const claimed = result.rows.filter((r) => r.kind === 'claimed');
    const deferred = result.rows
      .filter((r) => r.kind === 'deferred')
      .map((r) => ({
        leadId: Number(r.id),
        campaignId: r.campaign_id,
        debtId: Number(r.debt_id),
        personId: Number(r.person_id),
        retryAt,
      }));
    return { claimed, deferred };
  }

  async reload(leadId: number, now: Date): Promise<ClaimedLead | null> {
    const row = await this.knex('campaign_leads')
      .where('id', leadId)
      .select('id', 'campaign_id', 'debt_id', 'person_id', 'attempts', 'outcome_counts', 'owner_agent_id')
      .first();
    if (!row) return null;
    const [lead] = await this.enrich([row as ClaimedRow], row.campaign_id, now);
    return lead ?? null;
  }

  private async enrich(rows: ClaimedRow[], campaignId: string, now: Date): Promise<ClaimedLead[]> {
    if (rows.length === 0) return [];
    const personIds = [...new Set(rows.map((r) => r.person_id))];
    const [persons, roles, phones, personDnc] = await Promise.all([
      this.knex('persons')
        .whereIn('id', personIds)
        .select('id', 'flags', 'quiet_before_local', 'quiet_after_local', 'country', 'region'),
      this.knex('debt_persons')
        .whereIn(
          ['debt_id', 'person_id'],
          rows.map((r) => [r.debt_id, r.person_id]),
        )
        .select('debt_id', 'person_id', 'role', 'has_third_party_consent'),
      this.knex('phones as p')
        .whereIn('p.person_id', personIds)
        .select(
          'p.id',
          'p.person_id',
          'p.e164',
          'p.status',
          'p.candidate_zones',
          this.knex.raw(
            `(SELECT max(a.decided_at) FROM call_attempts a WHERE a.phone_id = p.id AND a.decision = 'dial') AS last_attempt_at`,
          ),
        ),
      this.knex('dnc_entries')
        .where('scope', 'person')
        .whereIn('person_id', personIds)
        .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', now))
        .select('person_id'),
    ]);
    const numbers = [...new Set(phones.map((p) => p.e164 as string))];
    const numberDnc = numbers.length
      ? await this.knex('dnc_entries')
          .whereIn('e164', numbers)
          .where((q) =>
            q
              .where('scope', 'global')
              .orWhere((q2) => q2.where('scope', 'campaign').andWhere('campaign_id', campaignId)),
          )
          .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', now))
          .select('e164')
      : [];
    const dncNumbers = new Set(numberDnc.map((d) => d.e164 as string));
    const history = await this.history(personIds, now);
    const personDncIds = new Set(personDnc.map((d) => Number(d.person_id)));

    return rows.map((r) => {
      const person = persons.find((p) => p.id === r.person_id);
      const role = roles.find((x) => x.debt_id === r.debt_id && x.person_id === r.person_id);
      return {
        leadId: r.id,
        campaignId: r.campaign_id,
        debtId: r.debt_id,
        personId: r.person_id,
        attempts: r.attempts,
        outcomeCounts: r.outcome_counts ?? {},
        ownerAgentId: r.owner_agent_id ?? null,
        person: {
          role: role?.role ?? 'debtor',
          hasThirdPartyConsent: Boolean(role?.has_third_party_consent),
          flags: person?.flags ?? [],
          quietBeforeLocal: person?.quiet_before_local ?? null,
          country: person?.country ?? null,
          region: person?.region ?? null,
          quietAfterLocal: person?.quiet_after_local ?? null,
        },
        phones: phones
          .filter((p) => p.person_id === r.person_id)
          .map((p) => ({
            id: p.id,
            e164: p.e164,
            status: p.status,
            candidateZones: p.candidate_zones ?? [],
            lastAttemptAt: p.last_attempt_at ? new Date(p.last_attempt_at) : null,
          })),
        isPersonDnc: personDncIds.has(r.person_id),
        dncNumbers,
        history: history.filter((h) => h.personId === r.person_id),
      } satisfies ClaimedLead;
    });
  }

  /** Calls placed (and messages left on machines) to these persons in any campaign, newest first. */
  private async history(personIds: number[], now: Date): Promise<ContactHistoryEntry[]> {
    const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
    const rows = await this.knex('call_attempts as a')
      .leftJoin('call_attempt_events as e', function () {
        this.on('e.attempt_id', 'a.id').andOnVal('e.event', 'ended');
      })
      .leftJoin('call_attempt_events as m', function () {
        this.on('m.attempt_id', 'a.id').andOnVal('m.event', 'machine-message');
      })
      .leftJoin('dispositions as d', 'd.attempt_id', 'a.id')
      .whereIn('a.person_id', personIds)
      .where('a.decision', 'dial')
      .where('a.decided_at', '>=', since)
      .select(
        'a.decided_at',
        'a.debt_id',
        'a.person_id',
        'a.phone_e164',
        'e.outcome',
        'd.is_conversation',
        'm.occurred_at as message_at',
      );
    const entries: ContactHistoryEntry[] = [];
    for (const r of rows) {
      const base = { debtId: Number(r.debt_id), personId: Number(r.person_id), e164: r.phone_e164 ?? null };
      entries.push({
        ...base,
        at: new Date(r.decided_at),
        kind: 'call',
        outcome: r.outcome ?? null,
        isConversation: Boolean(r.is_conversation),
      });
      // A message left on an answering machine is a "message" for 230-FZ art. 7 p.5 as well.
      if (r.message_at)
        entries.push({
          ...base,
          at: new Date(r.message_at),
          kind: 'message',
          outcome: null,
          isConversation: false,
        });
    }
    return entries;
  }

  async update(leadId: number, u: LeadUpdate): Promise<void> {
    const patch: Record<string, unknown> = { state: u.state };
    if (u.nextAttemptAt) patch.next_attempt_at = u.nextAttemptAt;
    if (u.closedReason !== undefined) patch.closed_reason = u.closedReason;
    if (u.lastPhoneId !== undefined) patch.last_phone_id = u.lastPhoneId;
    if (u.lastAttemptAt !== undefined) patch.last_attempt_at = u.lastAttemptAt;
    if (u.countedOutcome !== undefined) {
      patch.attempts = this.knex.raw('attempts + 1');
      patch.last_outcome = u.countedOutcome;
      patch.outcome_counts = this.knex.raw(
        `jsonb_set(outcome_counts, ARRAY[?::text], to_jsonb(COALESCE((outcome_counts->>?)::int, 0) + 1))`,
        [u.countedOutcome, u.countedOutcome],
      );
    }
    await this.knex('campaign_leads').where('id', leadId).update(patch);
  }

  async markPhone(phoneId: number, status: 'bad' | 'wrong-number'): Promise<void> {
    await this.knex('phones').where('id', phoneId).update({ status });
  }

  async recoverStale(campaignId: string, now: Date): Promise<number> {
    return this.knex('campaign_leads')
      .where('campaign_id', campaignId)
      .whereIn('state', ['dialing', 'in-call'])
      .update({ state: 'ready', next_attempt_at: now });
  }
}
