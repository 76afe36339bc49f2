import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KnexLeadImportStore } from '../../../src/adapters/db/knex-lead-import-store.js';
import { openCsvFile } from '../../../src/adapters/files/csv-file-source.js';
import { importList } from '../../../src/services/import/import-list.js';
import { createTestDatabase } from '../../support/database.js';
import { insertCampaign } from '../../support/builders.js';

const clock = { now: () => new Date('2026-11-23T10:00:00Z') };

describe('importing a lead list into PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: KnexLeadImportStore;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new KnexLeadImportStore(db.knex);
    await insertCampaign(db.knex, { id: 'ru-collections', name: 'RU' });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dialer-import-'));
  });
  afterAll(async () => {
    await db?.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function run(fileName: string, content: string | Buffer) {
    const filePath = path.join(dir, fileName);
    await fs.writeFile(filePath, content);
    const job = await store.createJob({
      campaignId: 'ru-collections',
      listName: fileName,
      fileName,
      filePath,
      uploadedBy: null,
    });
    return importList({ store, clock }, job.id, openCsvFile);
  }

  it('imports the sample list: debts with several persons, phones with zones, one lead per person', async () => {
    const result = await run('sample.csv', await fs.readFile('campaigns/sample-lists/ru-collections.csv'));
    expect(result.status).toBe('done');
    expect(result.rejectedRows).toBe(0);
    expect(result.importedRows).toBe(result.totalRows);
    const leads = await db
      .knex('campaign_leads')
      .where('campaign_id', 'ru-collections')
      .count<{ count: string }[]>('* as count');
    expect(Number(leads[0]!.count)).toBe(result.leadsCreated);
    const multiPerson = await db
      .knex('debt_persons')
      .select('debt_id')
      .count('* as n')
      .groupBy('debt_id')
      .havingRaw('count(*) > 1');
    expect(multiPerson.length).toBeGreaterThan(0);
    const zoneless = await db
      .knex('phones')
      .whereRaw("candidate_zones = '{}'")
      .count<{ count: string }[]>('* as count');
    expect(Number(zoneless[0]!.count)).toBe(0);
    const zones = await db.knex('phones').select(db.knex.raw('DISTINCT unnest(candidate_zones) AS zone'));
    expect(zones.map((z) => z.zone)).toEqual(
      expect.arrayContaining(['Europe/Kaliningrad', 'Europe/Moscow', 'Asia/Kamchatka']),
    );
  });

  it('re-importing the same list creates no duplicate leads', async () => {
    const before = await db.knex('campaign_leads').count<{ count: string }[]>('* as count');
    const result = await run(
      'sample-again.csv',
      await fs.readFile('campaigns/sample-lists/ru-collections.csv'),
    );
    expect(result.leadsCreated).toBe(0);
    const after = await db.knex('campaign_leads').count<{ count: string }[]>('* as count');
    expect(after[0]!.count).toBe(before[0]!.count);
  });

  it('reports bad rows by row and column and keeps every good row (semicolon CSV with a BOM)', async () => {
    const csv = [
      '\uFEFFaccount;name;phone1;phone2;region;balance',
      'B-1;Петров Пётр;+79123450001;;RU-MOW;100',
      'B-2;"=HYPERLINK(""http://x"";""y"")";+79123450002;;RU-MOW;100',
      'B-3;<b>Bold</b>;+79123450003;;RU-MOW;100',
      'B-4;Сидоров Сидор;12;;RU-MOW;100',
      'B-5;"Multi',
      'line";+79123450005;;RU-MOW;100',
      'B-6;Кузнецова Анна;+79123450006;oops;RU-SAM;12,3,4',
      'B-7;Смирнов Олег;+79123450007;;RU-KAM;2500',
    ].join('\r\n');
    const result = await run('bad.csv', csv);
    expect(result.status).toBe('done');
    expect(result.totalRows).toBe(7);
    expect(result.importedRows).toBe(3);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: 'name', message: expect.stringMatching(/formula/) }),
        expect.objectContaining({ row: 4, field: 'name', message: expect.stringMatching(/HTML/) }),
        expect.objectContaining({ row: 5, field: 'phone1' }),
        expect.objectContaining({ row: 7, field: 'balance' }),
        expect.objectContaining({ row: 7, field: 'phone2' }),
      ]),
    );
    const names = (
      await db
        .knex('persons')
        .whereIn('external_ref', [
          'B-1|debtor|петров пётр',
          'B-5|debtor|multi line',
          'B-7|debtor|смирнов олег',
        ])
        .select('full_name')
    ).map((p) => p.full_name);
    expect(names.sort()).toEqual(['Multi line', 'Петров Пётр', 'Смирнов Олег'].sort());
  });

  it('refuses a file without the required columns, naming the file and the columns', async () => {
    const result = await run('no-phone.csv', 'account,name\nA,B\n');
    expect(result.status).toBe('failed');
    expect(result.failure).toBe(
      'no-phone.csv: required column missing: phone1 (or phone, mobile, home, work) (found: account, name)',
    );
    const job = await db.knex('import_jobs').orderBy('id', 'desc').first();
    expect(job.status).toBe('failed');
  });

  it('knows the size of a list before its first batch (for the progress bar) and the exact count at the end', async () => {
    const rows = Array.from(
      { length: 1200 },
      (_, i) => `P-${i},Person ${i},+7912${String(3000000 + i)},RU-MOW`,
    );
    const seen: number[] = [];
    class SpyStore extends KnexLeadImportStore {
      override async saveProgress(...args: Parameters<KnexLeadImportStore['saveProgress']>) {
        seen.push(args[1].totalRows);
        return super.saveProgress(...args);
      }
    }
    const spy = new SpyStore(db.knex);
    const filePath = path.join(dir, 'big.csv');
    await fs.writeFile(filePath, ['account,name,phone1,region', ...rows, '', ''].join('\n'));
    const job = await store.createJob({
      campaignId: 'ru-collections',
      listName: 'big',
      fileName: 'big.csv',
      filePath,
      uploadedBy: null,
    });
    const result = await importList({ store: spy, clock }, job.id, openCsvFile);
    expect(seen[0]).toBe(1201); // lines less the header, the blank one included: an estimate
    expect(result.totalRows).toBe(1200);
    expect(seen.at(-1)).toBe(1200);
  });

  it('refuses a file that is not UTF-8', async () => {
    const result = await run(
      'cp1251.csv',
      Buffer.from([0x61, 0x63, 0x63, 0x6f, 0x75, 0x6e, 0x74, 0x2c, 0xcf, 0xf0, 0xe8, 0x0a]),
    );
    expect(result).toMatchObject({ status: 'failed', failure: expect.stringMatching(/not UTF-8/) });
  });
});
