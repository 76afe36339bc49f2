import { describe, expect, it } from 'vitest';
import { jsonForScript } from '../../../src/adapters/web/pages/render.js';
import {
  abilitiesOf,
  buildDeskViewModel,
  dispositionForm,
  personZones,
  type AgentViewData,
} from '../../../src/adapters/web/view-models/agent-desk.js';
import {
  apiQuery,
  buildAttemptRows,
  exportHref,
  groupLocalTimes,
  parseAttemptFilters,
  rulesCheckedOf,
} from '../../../src/adapters/web/view-models/attempt-log.js';
import {
  barPercents,
  buildBoardViewModel,
  formatWindow,
  type CampaignSummaries,
} from '../../../src/adapters/web/view-models/campaign-board.js';
import {
  ageInYears,
  formatCalendarDate,
  formatMoney,
  formatRate,
  localClocks,
  utcIso,
  utcOffsetLabel,
} from '../../../src/adapters/web/view-models/format.js';
import {
  buildImportViewModel,
  importPercent,
  type ImportStatusData,
} from '../../../src/adapters/web/view-models/import-progress.js';
import { buildLayout, homeOf, safeNextPath, withLang } from '../../../src/adapters/web/view-models/layout.js';
import { explanationView } from '../../../src/adapters/web/view-models/lead-explanation.js';
import { explainQueryFrom, type LeadExplanation } from '../../../src/services/compliance/explain-lead.js';

/** Monday 24 Nov 2026, 07:30 UTC: 10:30 in Moscow, 16:30 in Yakutsk, 02:30 in New York. */
const NOW = new Date('2026-11-24T07:30:00Z');

describe("a person's local clock from the phone's zones", () => {
  it('shows every candidate zone of a region that spans several (Sakha)', () => {
    const clocks = localClocks(['Asia/Yakutsk', 'Asia/Ust-Nera', 'Asia/Srednekolymsk'], NOW, 'en');
    expect(clocks.map((c) => [c.place, c.time, c.offset])).toEqual([
      ['Yakutsk', '16:30', 'UTC+9'],
      ['Ust-Nera', '17:30', 'UTC+10'],
      ['Srednekolymsk', '18:30', 'UTC+11'],
    ]);
    expect(clocks[0]!.weekday).toBe('Tue');
  });

  it('drops invalid and repeated zones and names weekdays in the viewer’s language', () => {
    const clocks = localClocks(['Europe/Moscow', 'Mars/Olympus', 'Europe/Moscow'], NOW, 'ru');
    expect(clocks).toHaveLength(1);
    expect(clocks[0]).toMatchObject({
      zone: 'Europe/Moscow',
      place: 'Moscow',
      time: '10:30',
      offset: 'UTC+3',
      weekday: 'вт',
    });
  });

  it('writes offsets with half hours and a real minus sign', () => {
    expect(utcOffsetLabel('America/St_Johns', NOW)).toBe('UTC−3:30');
    expect(utcOffsetLabel('Asia/Kolkata', NOW)).toBe('UTC+5:30');
    expect(utcOffsetLabel('Etc/UTC', NOW)).toBe('UTC');
  });

  it("uses the dialed phone's zones, else every zone of the person's phones", () => {
    const phones = [
      { e164: '+79140000001', zones: ['Asia/Yakutsk'] },
      { e164: '+74950000002', zones: ['Europe/Moscow'] },
      { e164: '+70000000003', zones: [] },
    ];
    expect(personZones(phones, '+74950000002')).toEqual(['Europe/Moscow']);
    expect(personZones(phones, '+70000000003')).toEqual(['Asia/Yakutsk', 'Europe/Moscow']);
    expect(personZones(phones, null)).toEqual(['Asia/Yakutsk', 'Europe/Moscow']);
  });
});

describe('formatting', () => {
  it('formats money by locale and keeps an unknown currency as text', () => {
    expect(formatMoney('15000.50', 'RUB', 'ru')).toBe('15\u00a0000,50\u00a0₽');
    expect(formatMoney('733.27', 'USD', 'en')).toBe('$733.27');
    expect(formatMoney('10', 'XYZ', 'en')).toMatch(/10\.00/);
    expect(formatMoney('10', null, 'en')).toBe('10.00');
    expect(formatMoney(null, 'RUB', 'ru')).toBe('');
  });

  it('writes a birth date the way agents read it aloud', () => {
    expect(formatCalendarDate('1985-03-14', 'ru')).toBe('14.03.1985');
    expect(formatCalendarDate('1985-03-14', 'en')).toBe('Mar 14, 1985');
    expect(formatCalendarDate(null, 'en')).toBe('');
  });

  it("counts age in full years on the person's own calendar", () => {
    // 24 Nov 07:30 UTC is already 24 Nov in Yakutsk and still 23 Nov in Honolulu.
    expect(ageInYears('1990-11-24', NOW, 'Asia/Yakutsk')).toBe(36);
    expect(ageInYears('1990-11-24', NOW, 'Pacific/Honolulu')).toBe(35);
    expect(ageInYears(null, NOW)).toBeNull();
  });

  it('rates, windows and UTC instants', () => {
    expect(formatRate(0.0123, 'en')).toBe('1.2%');
    expect(formatRate(0.03, 'ru')).toBe('3,0\u00a0%');
    expect(formatWindow(30 * 86_400_000, 'ru')).toBe('30 дн.');
    expect(formatWindow(86_400_000, 'en')).toBe('24 h');
    expect(utcIso(new Date('2026-11-24T10:30:05.123Z'))).toBe('2026-11-24T10:30:05Z');
  });
});

describe('agent desk', () => {
  it('offers only what the desk service accepts in each state', () => {
    expect(abilitiesOf('offline', false)).toEqual({
      login: true,
      ready: false,
      pause: false,
      logout: false,
      hangup: false,
      dispose: false,
      previewCall: false,
      previewSkip: false,
    });
    expect(abilitiesOf('reserved', true, true)).toMatchObject({
      previewCall: true,
      previewSkip: true,
      hangup: false,
    });
    expect(abilitiesOf('reserved', true, false)).toMatchObject({ previewCall: false, previewSkip: false });
    expect(abilitiesOf('paused', false)).toMatchObject({ ready: true, pause: false, logout: true });
    expect(abilitiesOf('ready', false)).toMatchObject({ ready: false, pause: true, logout: true });
    expect(abilitiesOf('on-call', true)).toMatchObject({ hangup: true, dispose: false, logout: false });
    expect(abilitiesOf('wrap-up', true)).toMatchObject({ hangup: false, dispose: true, pause: false });
  });

  it('asks for details or a confirmation where a result needs them', () => {
    expect(dispositionForm('callback')).toBe('callback');
    expect(dispositionForm('promise-to-pay')).toBe('promise');
    expect(dispositionForm('do-not-call')).toBe('confirm');
    expect(dispositionForm('wrong-number')).toBe('confirm');
    expect(dispositionForm('refused')).toBe('confirm');
    expect(dispositionForm('retry')).toBe('none');
    expect(dispositionForm('final')).toBe('none');
  });

  const view = {
    agent: {
      id: 3,
      name: 'Анна Петрова',
      room: 'agent1003',
      state: 'wrap-up',
      stateSince: new Date('2026-11-24T07:29:00Z'),
      pauseReason: null,
      isLegUp: true,
      attemptId: 'a-1',
    },
    call: {
      attemptId: 'a-1',
      campaignId: 'ru-collections',
      leadId: 7,
      phoneE164: '+79140000001',
      person: {
        id: 1,
        name: 'Иванов Иван Иванович',
        role: 'debtor',
        birthDate: '1985-03-14',
        region: 'Якутия',
        flags: [],
      },
      debt: { id: 1, accountNumber: 'RU-000123', balance: '15000.50', currency: 'RUB', daysPastDue: 45 },
      otherPersons: [{ name: 'Петрова Мария', role: 'guarantor' }],
      phones: [
        { e164: '+79140000001', type: 'mobile', status: 'ok', zones: ['Asia/Yakutsk', 'Asia/Srednekolymsk'] },
        { e164: '+74950000002', type: 'home', status: 'wrong-number', zones: ['Europe/Moscow'] },
      ],
      history: [
        {
          at: new Date('2026-11-20T10:00:00Z'),
          decision: 'dial',
          outcome: 'no-answer',
          disposition: null,
          reasonCodes: [],
        },
      ],
      promises: [{ amount: '5000.00', currency: 'RUB', dueDate: '2026-11-01', status: 'broken' }],
      disposition: null,
      campaignName: 'Взыскание',
      locale: 'ru',
      script: {
        name: 'Сценарий',
        steps: [
          {
            id: 'verify',
            title: 'Проверка',
            say: 'Здравствуйте',
            gate: true,
            ifNot: 'Извините',
            hint: undefined,
          },
        ],
        situations: [{ id: 'silence', when: 'Тишина', say: 'Вас не слышно' }],
        avoid: ['«Вы должны»'],
      },
      dispositions: [
        { id: 'promise-to-pay', label: 'Обещание оплаты', action: 'promise-to-pay', hotkey: '1' },
        { id: 'do-not-call', label: 'Не звонить', action: 'do-not-call', hotkey: '6' },
      ],
      wrapUpTimeoutMs: 120_000,
    },
  } as unknown as AgentViewData;

  it('builds the screen pop in the viewer’s language from agentView()', () => {
    const vm = buildDeskViewModel(view, 'ru', NOW);
    expect(vm.agent).toMatchObject({ stateLabel: 'Постобработка', can: { dispose: true, hangup: false } });
    const call = vm.call!;
    expect(call.person).toMatchObject({ role: 'Должник', birthDate: '14.03.1985', age: 'возраст 41' });
    expect(call.person.clocks.map((c) => c.time)).toEqual(['16:30', '18:30']);
    expect(call.person.zonesNote).toBe('Регион в нескольких часовых поясах, показаны все.');
    expect(call.debt).toEqual({ account: 'RU-000123', balance: '15\u00a0000,50\u00a0₽', daysPastDue: '45' });
    expect(call.otherPersons).toEqual([{ name: 'Петрова Мария', role: 'Поручитель' }]);
    expect(call.phones.map((p) => [p.isDialed, p.type, p.status])).toEqual([
      [true, 'мобильный', 'действует'],
      [false, 'домашний', 'чужой номер'],
    ]);
    expect(call.history[0]).toMatchObject({ at: '2026-11-20T10:00:00.000Z', outcome: 'не ответил' });
    expect(call.promises[0]).toMatchObject({ due: '01.11.2026', status: 'нарушено', statusCode: 'broken' });
    expect(call.dispositions.map((d) => [d.id, d.form, d.hotkey])).toEqual([
      ['promise-to-pay', 'promise', '1'],
      ['do-not-call', 'confirm', '6'],
    ]);
    expect(call.dispositions[1]!.confirmText).toMatch(/ни в одной кампании/);
  });

  it('times the wrap-up from the state change and reads callbacks in the person’s zone', () => {
    const call = buildDeskViewModel(view, 'en', NOW).call!;
    expect(call.wrapUp.endsAt).toBe('2026-11-24T07:31:00.000Z');
    expect(call.callback.zones).toEqual(['Asia/Yakutsk', 'Asia/Srednekolymsk', 'Europe/Moscow']);
    expect(call.callback.defaultZone).toBe('Asia/Yakutsk');
    expect(call.callback.defaultLocal).toBe('2026-11-25T10:00');
    expect(call.callback.minLocal).toBe('2026-11-24T16:30');
    expect(call.promise).toEqual({ currency: 'RUB', minDate: '2026-11-24' });
  });

  it('has no call card between calls', () => {
    const idle = buildDeskViewModel(
      { ...view, agent: { ...view.agent, state: 'ready' }, call: null } as AgentViewData,
      'en',
      NOW,
    );
    expect(idle.call).toBeNull();
    expect(idle.agent).toMatchObject({
      stateLabel: 'Ready',
      can: { pause: true, logout: true, ready: false },
    });
  });
});

describe('campaign board', () => {
  const summaries = {
    agents: { ready: 2, 'on-call': 5, paused: 1 },
    campaigns: [
      {
        id: 'ru-collections',
        name: 'Взыскание',
        status: 'running',
        mode: 'progressive',
        locale: 'ru',
        leads: { ready: 500, dialing: 3, inCall: 2, closed: 10 },
        last24h: { dialed: 200, skipped: 40, answered: 80, connected: 60, abandoned: 2, abandonRate: 2 / 62 },
      },
    ],
  } as unknown as CampaignSummaries;

  it('judges the limit on the campaign’s own window, and shows the last 24 h beside it', () => {
    const withWindow = {
      ...summaries,
      campaigns: summaries.campaigns.map((c) => ({
        ...c,
        abandonWindow: { windowMs: 30 * 86_400_000, live: 1000, abandoned: 8, rate: 0.008 },
      })),
    } as unknown as CampaignSummaries;
    const vm = buildBoardViewModel(
      withWindow,
      new Map([['ru-collections', { maxRate: 0.01, windowMs: 30 * 86_400_000 }]]),
      'en',
      NOW,
    );
    expect(vm.campaigns[0]!.abandonRate).toMatchObject({ isOverLimit: false, dayText: 'last 24 h: 3.2%' });
  });

  it('labels, counts and flags an abandon rate above the campaign’s limit', () => {
    const vm = buildBoardViewModel(
      summaries,
      new Map([['ru-collections', { maxRate: 0.01, windowMs: 30 * 86_400_000 }]]),
      'ru',
      NOW,
    );
    expect(vm.agents.map((a) => [a.key, a.value])).toEqual([
      ['ready', 2],
      ['reserved', 0],
      ['on-call', 5],
      ['wrap-up', 0],
      ['paused', 1],
      ['offline', 0],
    ]);
    const c = vm.campaigns[0]!;
    expect(c).toMatchObject({ statusLabel: 'идёт', modeLabel: 'прогрессивный', inProgress: 5 });
    expect(c.abandonRate).toEqual({
      text: '3,2\u00a0%',
      limitText: 'предел 1,0\u00a0% за 30 дн.',
      isOverLimit: true,
    });
    expect(c.chart.map((b) => [b.key, b.percent])).toEqual([
      ['dialed', 100],
      ['answered', 40],
      ['connected', 30],
      ['abandoned', 1],
    ]);
  });

  it('bar lengths: zero stays zero, a tiny value stays visible', () => {
    expect(barPercents([0, 0])).toEqual([0, 0]);
    expect(barPercents([1000, 1, 0])).toEqual([100, 1, 0]);
  });
});

describe('import progress', () => {
  it('shows a percentage only when the total is known', () => {
    expect(importPercent('queued', 0, 0)).toBe(0);
    expect(importPercent('running', 500, 500)).toBeNull();
    expect(importPercent('running', 250, 1000)).toBe(25);
    expect(importPercent('done', 1000, 1000)).toBe(100);
    expect(importPercent('failed', 0, 0)).toBe(100);
  });

  it('explains a refused file and lists row problems as written', () => {
    const status = {
      jobId: 9,
      campaignId: 'ru-collections',
      fileName: 'list.csv',
      status: 'failed',
      totalRows: 0,
      processedRows: 0,
      importedRows: 0,
      rejectedRows: 0,
      leadsCreated: 0,
      failure: 'list.csv: missing columns: name',
      problems: [{ row: 3, field: 'name', message: 'contains "<" or ">"' }],
      startedAt: new Date('2026-11-24T07:00:00Z'),
      finishedAt: null,
    } as ImportStatusData;
    const vm = buildImportViewModel(status, 'Взыскание', 'ru');
    expect(vm).toMatchObject({
      statusLabel: 'Файл не принят',
      isFinished: true,
      failure: 'Файл не принят: list.csv: missing columns: name',
    });
    expect(vm.problems).toEqual([{ row: '3', column: 'name', message: 'contains "<" or ">"' }]);
    expect(vm.startedAt).toBe('2026-11-24T07:00:00.000Z');
  });
});

describe('attempt log', () => {
  const campaigns = new Set(['ru-collections']);

  it('reads the filters, ignoring the ones it cannot apply', () => {
    const { filters, ignored } = parseAttemptFilters(
      { campaign: 'ru-collections', decision: 'maybe', from: '2026-11-01', to: '2026-11-31', lead: '42' },
      campaigns,
    );
    expect(filters).toEqual({
      campaign: 'ru-collections',
      decision: '',
      from: '2026-11-01',
      to: '',
      lead: '42',
    });
    expect(ignored).toEqual(['attempts.decision', 'attempts.to']);
  });

  it('turns the inclusive "to" day into the API’s exclusive instant, in the export link too', () => {
    const { filters } = parseAttemptFilters(
      { from: '2026-11-01', to: '2026-11-24', decision: 'skip' },
      campaigns,
    );
    expect(apiQuery(filters)).toEqual({
      decision: 'skip',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-25T00:00:00.000Z',
    });
    expect(exportHref(filters)).toBe(
      '/api/attempts.csv?decision=skip&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-25T00%3A00%3A00.000Z',
    );
    expect(exportHref(parseAttemptFilters({}, campaigns).filters)).toBe('/api/attempts.csv');
  });

  it('groups the local times the calling-hours rule saw by clock', () => {
    const detail = {
      ruleIds: ['PERSON-DNC', 'CALLING-WINDOW'],
      localTimes: [
        { zone: 'America/Indiana/Indianapolis', localTime: '2026-11-22T23:16 -05:00', isInside: false },
        { zone: 'America/Chicago', localTime: '2026-11-22T22:16 -06:00', isInside: false },
        { zone: 'America/Indiana/Vincennes', localTime: '2026-11-22T23:16 -05:00', isInside: false },
        { zone: 42 },
      ],
    };
    expect(groupLocalTimes(detail)).toEqual([
      {
        time: '2026-11-22 23:16 -05:00',
        zones: ['America/Indiana/Indianapolis', 'America/Indiana/Vincennes'],
        isOutside: true,
      },
      { time: '2026-11-22 22:16 -06:00', zones: ['America/Chicago'], isOutside: true },
    ]);
    expect(groupLocalTimes(null)).toEqual([]);
    expect(rulesCheckedOf(detail)).toEqual(['PERSON-DNC', 'CALLING-WINDOW']);
  });

  it('builds a row with labels in the viewer’s language and a link to the lead’s attempts', () => {
    const { filters } = parseAttemptFilters({ campaign: 'ru-collections' }, campaigns);
    const [row] = buildAttemptRows(
      [
        {
          id: 'a-1',
          decided_at: new Date('2026-11-24T07:30:05.120Z'),
          campaign_id: 'ru-collections',
          lead_id: 7,
          person: 'Иванов И. И.',
          phone_e164: '+79140000001',
          decision: 'dial',
          reason_codes: [],
          decision_detail: {
            localTimes: [{ zone: 'Asia/Yakutsk', localTime: '2026-11-24T16:30 +09:00', isInside: true }],
          },
          outcome: 'connected',
          agent_name: 'Анна Петрова',
          disposition: 'paid',
        },
      ],
      { campaign: () => 'Взыскание', disposition: (_c, code) => (code === 'paid' ? 'Оплачено' : code) },
      'ru',
      filters,
    );
    expect(row).toMatchObject({
      timeUtc: '2026-11-24T07:30:05Z',
      localTimes: [{ time: '2026-11-24 16:30 +09:00', zones: ['Asia/Yakutsk'], isOutside: false }],
      campaignId: 'ru-collections',
      decision: 'набор',
      outcome: 'разговор с оператором',
      agent: 'Анна Петрова',
      disposition: 'Оплачено',
      dispositionCode: 'paid',
      leadHref: '/attempts?campaign=ru-collections&lead=7',
    });
  });
});

describe('layout', () => {
  it('sends each role to its start page', () => {
    expect(homeOf('agent')).toBe('/agent');
    expect(homeOf('manager')).toBe('/campaigns');
    expect(homeOf('admin')).toBe('/campaigns');
    expect(homeOf('compliance')).toBe('/attempts');
  });

  it('keeps the page’s filters when switching the language', () => {
    expect(withLang('/attempts', { campaign: 'ru-collections', lang: 'en' }, 'ru')).toBe(
      '/attempts?campaign=ru-collections&lang=ru',
    );
  });

  it('shows the menu for the role and marks the current page', () => {
    const layout = buildLayout({
      locale: 'ru',
      title: 'Журнал',
      path: '/attempts',
      query: {},
      user: { displayName: 'Ольга', role: 'compliance' },
    });
    expect(layout.nav).toEqual([
      { href: '/attempts', label: 'Журнал попыток', isCurrent: true },
      { href: '/why', label: 'Почему не звоним?', isCurrent: false },
      { href: '/campaigns', label: 'Кампании', isCurrent: false },
    ]);
    expect(layout.user).toEqual({ name: 'Ольга', role: 'Комплаенс-контроль' });
    expect(layout.languageSwitch).toMatchObject({ label: 'English', lang: 'en', href: '/attempts?lang=en' });
    expect(layout.title).toBe('Журнал · Автообзвон');
  });

  it('follows "next" only to a path on this site', () => {
    expect(safeNextPath('/attempts?campaign=x')).toBe('/attempts?campaign=x');
    expect(safeNextPath('//evil.example/')).toBeNull();
    expect(safeNextPath('/\\evil.example')).toBeNull();
    expect(safeNextPath('https://evil.example/')).toBeNull();
    expect(safeNextPath('/api/attempts')).toBeNull();
    expect(safeNextPath(42)).toBeNull();
  });

  it('embeds JSON that cannot close its <script> element', () => {
    const json = jsonForScript({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
    expect(json).not.toContain('<');
    expect(json).not.toContain('\u2028');
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
  });
});

describe('why isn’t this lead dialed? (view-model and query)', () => {
  const base: LeadExplanation = {
    leadId: 7,
    campaignId: 'us',
    campaignName: 'US',
    campaignStatus: 'running',
    dialMode: 'progressive',
    person: { id: 1, name: 'Emily <b>Clark</b>' },
    debtAccount: 'A-1',
    state: 'ready',
    nextAttemptAt: new Date('2026-03-10T15:00:00Z'),
    attempts: 2,
    closedReason: null,
    ownerAgentId: null,
    checkedAt: new Date('2026-03-10T15:00:00Z'),
    isCallableNow: false,
    callableAt: new Date('2026-03-10T20:00:00Z'),
    blockers: [
      {
        code: 'outside-calling-window',
        ruleId: 'RU-230-HOURS',
        text: 'outside …',
        until: new Date('2026-03-10T20:00:00Z'),
      },
    ],
    decisionNow: {
      allowed: false,
      stage: 'rule-set',
      phone: '+74152200001',
      reasonCodes: ['RU-230-HOURS:outside-calling-window'],
      ruleIds: ['RU-230-HOURS'],
      zones: ['Asia/Kamchatka'],
      localTimes: [
        { zone: 'Asia/Kamchatka', localTime: '2026-03-11T03:00 +12:00', dayKind: 'wed', isInside: false },
        { zone: 'Asia/Kamchatka', localTime: '2026-03-11T03:00 +12:00', dayKind: 'wed', isInside: false },
      ],
      counters: { 'RU-230-CALLS-1-2-8:cal_day': { used: 1, limit: 1, window: 'cal_day' } },
      retryAt: new Date('2026-03-10T20:00:00Z'),
    },
    reservation: null,
    lastDecision: null,
    dueAhead: null,
    phones: [{ e164: '+74152200001', status: 'ok', zones: ['Asia/Kamchatka'], zoneSource: 'region' }],
  };

  it('says when the lead becomes callable, in UTC and in the person’s zone, with localised blocker labels', () => {
    const v = explanationView(base, 'ru');
    expect(v.verdict).toBe('Можно звонить с 2026-03-10T20:00:00Z');
    expect(v.verdictKind).toBe('wait');
    expect(v.callableAtLocal).toBe('2026-03-11 08:00 Asia/Kamchatka');
    expect(v.blockers[0]).toMatchObject({ label: 'Нерабочее для звонков время', ruleId: 'RU-230-HOURS' });
    expect(v.decision?.localTimes).toHaveLength(1);
    expect(v.decision?.counters).toEqual([
      { key: 'RU-230-CALLS-1-2-8:cal_day', text: '1 / 1 (cal_day)', isFull: true },
    ]);
  });

  it('a blocker that does not lift by itself makes the verdict "someone must act"', () => {
    const v = explanationView(
      {
        ...base,
        callableAt: null,
        blockers: [{ code: 'campaign-paused', ruleId: null, text: 'paused', until: null }],
      },
      'en',
    );
    expect(v.verdictKind).toBe('stop');
    expect(v.verdict).toBe('Not callable until someone acts');
    expect(v.blockers[0]).toMatchObject({ label: 'Campaign paused', until: 'not by itself' });
  });

  it('reads a lead id or a phone number, and names what is wrong', () => {
    expect(explainQueryFrom({ lead: ' 42 ' })).toEqual({ query: { leadId: 42 } });
    expect(explainQueryFrom({ phone: '+7 (912) 345-67-89' })).toEqual({ query: { e164: '+79123456789' } });
    expect(explainQueryFrom({ phone: '8 912 345 67 89', country: 'RU' })).toEqual({
      query: { e164: '+79123456789' },
    });
    expect(explainQueryFrom({ lead: '0' })).toMatchObject({ field: 'lead' });
    expect(explainQueryFrom({ lead: '1; DROP TABLE leads' })).toMatchObject({ field: 'lead' });
    expect(explainQueryFrom({ phone: '=HYPERLINK("x")' })).toMatchObject({ field: 'phone' });
    expect(explainQueryFrom({})).toMatchObject({ error: 'give a lead id or a phone number' });
  });
});
