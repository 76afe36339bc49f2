import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnexLeadRepository } from '../../../src/adapters/db/knex-lead-repository.js';
import { createTestDatabase } from '../../support/database.js';
import { insertCampaign, insertLead } from '../../support/builders.js';

describe('cli dnc import (internal and National DNC lists)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    await insertCampaign(db.knex, { id: 'us-collections', name: 'US' });
  });
  afterAll(async () => db?.drop());

  const run = (args: string[], input: string) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/main/cli.ts', 'dnc', 'import', '--file', '-', ...args],
      {
        input,
        encoding: 'utf8',
        cwd: process.cwd(),
        env: { ...process.env, DATABASE_URL: db.url, CAMPAIGNS_DIR: 'campaigns' },
      },
    );

  it('loads the valid lines, names the bad ones by line, and the dialer then sees the numbers as DNC', async () => {
    const lead = await insertLead(db.knex, 'us-collections', {
      phones: [{ e164: '+12125554001', zones: ['America/New_York'] }],
    });
    const file = [
      '# National DNC, area code 212',
      '212,5554001',
      '212,5554002',
      'not-a-number',
      '=cmd()',
      '212,5554001',
    ];
    const first = run(['--source', 'national-dnc'], file.join('\n'));
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('stdin:4: phone "not-a-number"');
    expect(first.stderr).toContain('stdin:5: "=cmd()" looks like a spreadsheet formula');
    expect(JSON.parse(first.stdout)).toMatchObject({
      numbers: 3,
      added: 2,
      alreadyListed: 1,
      problemCount: 2,
    });

    // The same file again adds nothing.
    expect(JSON.parse(run(['--source', 'national-dnc'], file.join('\n')).stdout)).toMatchObject({ added: 0 });

    const rows = await db.knex('dnc_entries').where('source', 'national-dnc').orderBy('e164');
    expect(rows.map((r) => [r.scope, r.e164])).toEqual([
      ['global', '+12125554001'],
      ['global', '+12125554002'],
    ]);
    const claim = await new KnexLeadRepository(db.knex).claimDue('us-collections', new Date(), 10);
    const mine = claim.leads.find((l) => l.leadId === lead.leadId);
    expect(mine?.dncNumbers.has('+12125554001')).toBe(true);
  });

  it('a campaign list, with an expiry; usage errors name the flag', async () => {
    const ok = run(
      ['--source', 'internal', '--campaign', 'us-collections', '--expires', '2027-01-31'],
      '+12125554003\n',
    );
    expect(ok.status, ok.stderr).toBe(0);
    const row = await db.knex('dnc_entries').where('e164', '+12125554003').first();
    expect(row).toMatchObject({ scope: 'campaign', campaign_id: 'us-collections' });
    expect(new Date(row.expires_at).toISOString()).toBe('2027-01-31T23:59:59.000Z');

    expect(run(['--source', 'x', '--campaign', 'nope'], '').stderr).toContain(
      '--campaign: no campaign "nope"',
    );
    expect(run(['--source', 'x', '--expires', '31.01.2027'], '').stderr).toContain('--expires: "31.01.2027"');
    expect(run([], '').stderr).toContain('--source:');
  });
});
