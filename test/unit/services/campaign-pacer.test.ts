import { describe, expect, it } from 'vitest';
import { campaignDefinitionSchema } from '../../../src/domain/campaign/campaign-definition.js';
import { CampaignPacer } from '../../../src/services/dialer/campaign-pacer.js';
import { buildAgent } from '../../fakes/fake-stores.js';

const NOW = new Date('2026-11-23T09:00:00Z');

function definition(over: Record<string, unknown>) {
  return campaignDefinitionSchema.parse({
    id: 'uk',
    name: 'UK',
    locale: 'en',
    dial: { mode: 'predictive', maxLines: 10 },
    callerId: { number: '+442071234567', name: 'ACME' },
    agentGroup: 'g',
    script: 's',
    compliance: { ruleSet: 'UK-OFCOM' },
    callingWindows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '21:00' }],
    retry: { onOutcome: { busy: { delay: '30m' } } },
    dispositions: [{ id: 'done', label: 'Done', action: 'final' }],
    abandonMessage: { sound: 'custom/abandon', text: 'x' },
    ...over,
  });
}

describe('CampaignPacer: the drop target the policy is given', () => {
  const agents = [buildAgent(1)];

  it('is the campaign cap when AMD false positives do not count (FTC)', () => {
    const pacer = new CampaignPacer('uk');
    const obs = pacer.observe(NOW, definition({ amd: { enabled: true } }), agents, []);
    expect(obs.target).toEqual({ maxAbandonRate: 0.03, windowSeconds: 30 * 86_400 });
  });

  it('under Ofcom leaves (α − f)/(1 − f) for live answers, over 24 h', () => {
    const pacer = new CampaignPacer('uk');
    const def = definition({
      pacing: { abandonWindow: '24h', countAmdFalsePositives: true },
      amd: { enabled: true, falsePositiveEstimate: 0.01 },
    });
    const obs = pacer.observe(NOW, def, agents, []);
    expect(obs.target.windowSeconds).toBe(86_400);
    expect(obs.target.maxAbandonRate).toBeCloseTo((0.03 - 0.01) / 0.99, 12);
  });

  it('ignores the estimate when AMD is off (no detector, no false positives)', () => {
    const pacer = new CampaignPacer('uk');
    const def = definition({ pacing: { countAmdFalsePositives: true }, amd: { enabled: false } });
    expect(pacer.observe(NOW, def, agents, []).target.maxAbandonRate).toBe(0.03);
  });
});
