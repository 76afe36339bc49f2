import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CampaignFileError,
  loadCampaignFiles,
  parseDefinitionFile,
} from '../../../src/adapters/campaign-files/load-campaign-files.js';
import { campaignDefinitionSchema } from '../../../src/domain/campaign/campaign-definition.js';

describe('campaign files', () => {
  it('names the file, the line, the field path and the problem', async () => {
    const text = (await fs.readFile('campaigns/ru-collections.yaml', 'utf8')).replace(
      /ringTimeout: .*/,
      'ringTimeout: 10s',
    );
    const { definition, problems } = parseDefinitionFile(
      'campaigns/ru-collections.yaml',
      text,
      campaignDefinitionSchema,
    );
    expect(definition).toBeUndefined();
    const line = text.split('\n').findIndex((l) => l.includes('ringTimeout: 10s')) + 1;
    expect(problems).toEqual([
      `campaigns/ru-collections.yaml:${line}: dial.ringTimeout: must be at least 15s (TSR / Ofcom minimum ring)`,
    ]);
  });

  it('reports YAML syntax errors with line and column', () => {
    const { problems } = parseDefinitionFile(
      'bad.yaml',
      'id: x\n  name: [unclosed\n',
      campaignDefinitionSchema,
    );
    expect(problems[0]).toMatch(/^bad\.yaml:\d+:\d+: YAML syntax: /);
  });

  it('stops start-up listing every problem, including a script that does not exist', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'campaigns-'));
    try {
      await fs.mkdir(path.join(dir, 'scripts'));
      const good = await fs.readFile('campaigns/us-collections.yaml', 'utf8');
      await fs.writeFile(path.join(dir, 'a.yaml'), good);
      await fs.writeFile(path.join(dir, 'b.yaml'), good.replace(/^dial:/m, 'dial:\n  colour: blue'));
      await fs.writeFile(
        path.join(dir, 'c.yaml'),
        good.replace(/^id: .*$/m, 'id: c-campaign').replace(/ruleSet: .*/, 'ruleSet: XX-NOWHERE'),
      );
      const err = await loadCampaignFiles(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CampaignFileError);
      const problems = (err as CampaignFileError).problems;
      expect(problems.some((p) => /a\.yaml: script: "us-collections" does not exist/.test(p))).toBe(true);
      expect(problems.some((p) => /b\.yaml:\d+: dial: Unrecognized key: "colour"/.test(p))).toBe(true);
      expect(
        problems.some((p) =>
          /c\.yaml: compliance\.ruleSet: unknown rule set "XX-NOWHERE" \(known: .*US-REG-F/.test(p),
        ),
      ).toBe(true);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('loads the shipped campaigns and scripts', async () => {
    const loaded = await loadCampaignFiles('campaigns');
    expect(loaded.campaigns.map((c) => c.definition.id).sort()).toEqual(['ru-collections', 'us-collections']);
    expect(loaded.scripts.length).toBeGreaterThanOrEqual(2);
  });
});
