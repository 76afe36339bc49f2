/* global document, window, location, fetch, EventSource, URL, setInterval, setTimeout */
/**
 * The agent desk, no framework. The server hands us a translated view-model (/agent/desk.json);
 * we only place text (textContent, never innerHTML with data), keep the per-call state the agent
 * builds (script answers, notes, chosen result) across refreshes, and send actions to /api/agent/*.
 * Refresh triggers: the SSE stream /api/agent/events, and a 2 s poll while the stream is down.
 */
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const i18n = JSON.parse($('desk-i18n').textContent);
  const intlLocale = i18n.locale === 'ru' ? 'ru-RU' : 'en-US';
  const baseTitle = document.title;
  const POLL_MS = 2000;
  const SAFETY_POLL_MS = 15000;

  function t(key, params) {
    let text = Object.prototype.hasOwnProperty.call(i18n.messages, key) ? i18n.messages[key] : key;
    if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
    return text;
  }

  /** h('p', { class: 'x', attrs: { lang: 'ru' } }, 'text', child): text children become text nodes. */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    const p = props || {};
    if (p.class) el.className = p.class;
    if (p.attrs) for (const [k, v] of Object.entries(p.attrs)) if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v === true ? '' : String(v));
    if (p.data) for (const [k, v] of Object.entries(p.data)) el.dataset[k] = String(v);
    if (p.on) for (const [k, fn] of Object.entries(p.on)) el.addEventListener(k, fn);
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false || c === '') continue;
      el.append(c instanceof window.Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  const show = (el, visible) => {
    el.hidden = !visible;
  };

  // ---------------------------------------------------------------- state
  let view = JSON.parse($('desk-data').textContent);
  let clockOffsetMs = Date.parse(view.serverNow) - Date.now();
  let renderedAttemptId = null;
  /** Per call: gate answers (stepId → 'yes' | 'no'), the chosen result. */
  let gates = {};
  let selected = null;
  let isSubmitting = false;
  let sse = null;
  let isSseOpen = false;
  let refreshing = null;
  let refreshAgain = false;

  const serverNow = () => Date.now() + clockOffsetMs;

  // ---------------------------------------------------------------- formatting
  const clockFormats = new Map();
  function clockIn(zone) {
    if (!clockFormats.has(zone)) {
      clockFormats.set(zone, {
        time: new Intl.DateTimeFormat(intlLocale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
        day: new Intl.DateTimeFormat(intlLocale, { timeZone: zone, weekday: 'short' }),
      });
    }
    const f = clockFormats.get(zone);
    const now = new Date(serverNow());
    return { time: f.time.format(now), day: f.day.format(now) };
  }
  const dateTimeFormat = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'short' });
  function formatInstant(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
  }
  function formatDuration(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = String(total % 60).padStart(2, '0');
    return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
  }

  // ---------------------------------------------------------------- messages
  function say(text) {
    $('desk-status').textContent = text || '';
  }
  function fail(text) {
    const el = $('desk-error');
    el.textContent = text || '';
    show(el, Boolean(text));
  }

  // ---------------------------------------------------------------- server
  async function refresh() {
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      try {
        const res = await fetch('/agent/desk.json', { headers: { accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
        if (res.redirected && new URL(res.url).pathname === '/login') {
          location.href = '/login?next=%2Fagent';
          return;
        }
        if (!res.ok) throw new Error(String(res.status));
        apply(await res.json());
      } catch {
        isSseOpen = false;
        renderConnection();
      } finally {
        refreshing = null;
        if (refreshAgain) {
          refreshAgain = false;
          void refresh();
        }
      }
    })();
    return refreshing;
  }

  /** POST to the agent API; resolves to { ok, status, body }. Errors are {code, message, issues?}. */
  async function post(path, body) {
    let res;
    try {
      res = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(body || {}),
      });
    } catch {
      return { ok: false, status: 0, body: { message: t('desk.networkError') } };
    }
    let json;
    try {
      json = await res.json();
    } catch {
      json = null;
    }
    return { ok: res.ok, status: res.status, body: json || {} };
  }

  async function act(path, body) {
    fail('');
    const r = await post(path, body);
    if (!r.ok) fail(t('desk.failed', { message: r.body.message || String(r.status) }));
    await refresh();
    return r;
  }

  function connectEvents() {
    if (typeof EventSource === 'undefined') return;
    sse = new EventSource('/api/agent/events');
    sse.addEventListener('open', () => {
      isSseOpen = true;
      renderConnection();
    });
    for (const name of ['hello', 'state', 'call', 'leg']) sse.addEventListener(name, () => void refresh());
    sse.addEventListener('error', () => {
      isSseOpen = false;
      renderConnection();
      // The browser retries by itself unless the stream was refused (e.g. the session expired).
      if (sse.readyState === EventSource.CLOSED) setTimeout(connectEvents, 5000);
    });
  }

  // ---------------------------------------------------------------- rendering: agent
  function apply(vm) {
    view = vm;
    clockOffsetMs = Date.parse(vm.serverNow) - Date.now();
    renderAgent();
    const attemptId = vm.call ? vm.call.attemptId : null;
    if (attemptId !== renderedAttemptId) renderCall();
    renderPhase();
    tick();
  }

  function renderConnection() {
    const el = $('conn-indicator');
    el.dataset.ok = String(isSseOpen);
    $('conn-text').textContent = isSseOpen ? t('desk.liveUpdates') : t('desk.polling');
  }

  function renderAgent() {
    const a = view.agent;
    const pill = $('state-pill');
    pill.textContent = a.stateLabel;
    pill.dataset.state = a.state;
    const reason = $('pause-reason-label');
    reason.textContent = a.pauseReasonLabel ? `· ${a.pauseReasonLabel}` : '';
    show($('btn-login'), a.can.login);
    show($('btn-ready'), a.can.ready);
    show($('pause-form'), a.can.pause);
    show($('btn-logout'), a.can.logout);
    const leg = $('leg-indicator');
    leg.dataset.ok = String(a.isLegUp);
    $('leg-text').textContent = a.isLegUp ? t('desk.legUp') : t('desk.legDown');
    show(leg, a.state !== 'offline' || a.isLegUp);
    show($('leg-hint'), a.state !== 'offline' && !a.isLegUp);
    const idleText = { offline: 'desk.offlineHint', paused: 'desk.pausedHint', ready: 'desk.readyHint' }[a.state];
    $('idle-text').textContent = idleText ? t(idleText) : a.stateLabel;
    document.title = `${a.stateLabel} · ${baseTitle}`;
  }

  // ---------------------------------------------------------------- rendering: the call card
  function fact(dl, label, ...values) {
    const shown = values.filter((v) => v !== null && v !== undefined && v !== '');
    if (shown.length === 0) return;
    dl.append(h('dt', null, label), h('dd', null, ...shown));
  }

  function table(headers, rows) {
    return h(
      'table',
      { class: 'mini-table' },
      h('thead', null, h('tr', null, headers.map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
      h('tbody', null, rows.map((cells) => h('tr', null, cells.map((c) => h('td', null, c))))),
    );
  }

  function renderCall() {
    const c = view.call;
    renderedAttemptId = c ? c.attemptId : null;
    gates = {};
    selected = null;
    show($('call-view'), Boolean(c));
    show($('idle-panel'), !c);
    if (!c) return;

    $('call-name').textContent = c.person.name;
    $('call-role').textContent = c.person.role;
    $('call-phone').textContent = c.dialedPhone;
    $('call-campaign').textContent = c.campaignName;
    $('call-zones-note').textContent = c.person.zonesNote;

    const person = $('person-facts');
    person.replaceChildren();
    fact(person, t('desk.dob'), c.person.birthDate, c.person.age ? h('span', { class: 'muted' }, ` (${c.person.age})`) : null);
    fact(person, t('desk.region'), c.person.region);
    if (c.person.flags.length > 0) fact(person, t('desk.flags'), c.person.flags.map((f) => h('span', { class: 'tag warn' }, f)));

    const debt = $('debt-facts');
    debt.replaceChildren();
    fact(debt, t('desk.account'), h('span', { class: 'mono' }, c.debt.account));
    fact(debt, t('desk.balance'), h('strong', null, c.debt.balance));
    fact(debt, t('desk.daysPastDue'), c.debt.daysPastDue);

    $('phone-list').replaceChildren(
      ...c.phones.map((p) =>
        h(
          'li',
          { class: p.isDialed ? 'phone dialed' : 'phone' },
          h('span', { class: 'mono' }, p.e164),
          ' ',
          h('span', { class: 'muted' }, p.type),
          ' ',
          h('span', { class: `tag phone-${p.statusCode}` }, p.status),
          p.isDialed ? h('span', { class: 'tag now' }, t('desk.dialedNow')) : null,
        ),
      ),
    );
    $('other-list').replaceChildren(
      ...(c.otherPersons.length === 0
        ? [h('li', { class: 'muted' }, t('common.none'))]
        : c.otherPersons.map((o) => h('li', null, o.name, ' ', h('span', { class: 'muted' }, `· ${o.role}`)))),
    );
    $('history-box').replaceChildren(
      c.history.length === 0
        ? h('p', { class: 'muted' }, t('desk.noHistory'))
        : table(
            [t('desk.colWhen'), t('desk.colOutcome'), t('desk.colDisposition')],
            c.history.map((x) => [formatInstant(x.at), x.outcome, x.disposition]),
          ),
    );
    $('promise-box').replaceChildren(
      c.promises.length === 0
        ? h('p', { class: 'muted' }, t('desk.noPromises'))
        : table(
            [t('desk.colAmount'), t('desk.colDue'), t('desk.colStatus')],
            c.promises.map((x) => [x.amount, x.due, h('span', { class: `tag promise-${x.statusCode}` }, x.status)]),
          ),
    );

    renderScript();
    renderSituations();
    renderDispositions();
    resetForm();
    renderClocks();

    // Announce the pop and start the keyboard path at the card, unless the agent is typing somewhere.
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('.state-bar')) $('call-name').focus({ preventScroll: true });
  }

  function renderClocks() {
    const c = view.call;
    if (!c) return;
    const parts = c.person.clocks.map((z) => {
      const now = clockIn(z.zone);
      return { ...z, time: now.time, weekday: now.day };
    });
    const big = $('call-clock');
    big.replaceChildren(
      ...parts.map((z) =>
        h('span', { class: 'clock' }, h('span', { class: 'clock-time' }, z.time), h('span', { class: 'clock-zone' }, `${z.weekday} · ${z.place} · ${z.offset}`)),
      ),
    );
    const zone = $('callback-zone').value;
    if (zone) $('callback-now').textContent = t('desk.callbackNowThere', { time: `${clockIn(zone).day} ${clockIn(zone).time}` });
  }

  // ---------------------------------------------------------------- script with the verification gate
  function renderScript(focusStepId) {
    const c = view.call;
    const list = $('script-steps');
    list.replaceChildren();
    show($('avoid-card'), Boolean(c.script && c.script.avoid.length));
    if (!c.script) {
      $('script-name').textContent = '';
      list.append(h('li', { class: 'muted' }, t('desk.noScript')));
      return;
    }
    $('script-name').textContent = `· ${c.script.name}`;
    $('avoid-list').replaceChildren(...c.script.avoid.map((a) => h('li', null, a)));
    const lang = c.scriptLocale;
    for (const step of c.script.steps) {
      const answer = gates[step.id];
      const isOpenGate = step.gate && !answer;
      const li = h(
        'li',
        { class: `step${isOpenGate ? ' current' : ''}${answer === 'yes' ? ' done' : ''}`, data: { step: step.id } },
        h('h3', { attrs: { id: `step-${step.id}`, tabindex: '-1' } }, step.title),
      );
      if (answer !== 'no') li.append(h('p', { class: 'say', attrs: { lang } }, step.say));
      if (step.hint && answer !== 'no') li.append(h('p', { class: 'hint' }, h('strong', null, `${t('desk.hint')}: `), step.hint));
      if (step.gate) li.append(gateControls(step, answer));
      list.append(li);
      if (answer === 'no' || isOpenGate) break;
    }
    if (focusStepId) {
      const target = list.querySelector(`[data-step="${focusStepId}"] button`) || list.querySelector('li.current button') || list.lastElementChild?.querySelector('h3');
      if (target) target.focus();
    }
  }

  function gateControls(step, answer) {
    const answerGate = (value) => () => {
      if (value === null) delete gates[step.id];
      else gates[step.id] = value;
      const idx = view.call.script.steps.findIndex((s) => s.id === step.id);
      const next = value === 'yes' ? view.call.script.steps.slice(idx + 1).find((s) => s.gate) : null;
      renderScript(next ? next.id : step.id);
    };
    if (!answer) {
      return h(
        'div',
        { class: 'gate' },
        h('button', { class: 'button primary', attrs: { type: 'button' }, on: { click: answerGate('yes') } }, step.ifNot ? t('desk.gateYes') : t('desk.stepDone')),
        step.ifNot ? h('button', { class: 'button', attrs: { type: 'button' }, on: { click: answerGate('no') } }, t('desk.gateNo')) : null,
        h('p', { class: 'muted small' }, t('desk.gateLocked')),
      );
    }
    if (answer === 'yes') {
      return h(
        'div',
        { class: 'gate answered' },
        h('span', { class: 'tag ok' }, `✓ ${t('desk.gateConfirmed')}`),
        h('button', { class: 'button-link', attrs: { type: 'button' }, on: { click: answerGate(null) } }, t('desk.gateChange')),
      );
    }
    return h(
      'div',
      { class: 'gate not-person' },
      h('p', { class: 'not-person-title' }, t('desk.notPersonTitle')),
      h('p', { class: 'say', attrs: { lang: view.call.scriptLocale } }, step.ifNot),
      h('button', { class: 'button-link', attrs: { type: 'button' }, on: { click: answerGate(null) } }, t('desk.gateChange')),
    );
  }

  // ---------------------------------------------------------------- situations
  function renderSituations() {
    const c = view.call;
    const items = c.script ? c.script.situations : [];
    $('situation-search').value = '';
    $('situation-list').replaceChildren(
      ...items.map((s) =>
        h(
          'details',
          { class: 'situation', data: { search: `${s.when} ${s.say}`.toLocaleLowerCase() } },
          h('summary', null, s.when),
          h('p', { class: 'say', attrs: { lang: c.scriptLocale } }, s.say),
        ),
      ),
    );
    filterSituations();
  }

  function filterSituations() {
    const q = $('situation-search').value.trim().toLocaleLowerCase();
    let visible = 0;
    for (const d of $('situation-list').children) {
      const match = q === '' || d.dataset.search.includes(q);
      d.hidden = !match;
      if (match) visible += 1;
      if (q !== '' && match && visible === 1 && !d.open) d.open = true;
    }
    show($('situation-none'), visible === 0);
  }

  // ---------------------------------------------------------------- result (disposition)
  function renderDispositions() {
    const c = view.call;
    $('disposition-buttons').replaceChildren(
      ...c.dispositions.map((d) =>
        h(
          'button',
          {
            class: `disp disp-${d.form}`,
            attrs: { type: 'button', 'aria-pressed': 'false', 'aria-keyshortcuts': d.hotkey ? d.hotkey.toUpperCase() : null },
            data: { id: d.id },
            on: { click: () => choose(d) },
          },
          d.hotkey ? h('kbd', null, d.hotkey.toUpperCase()) : null,
          h('span', null, d.label),
        ),
      ),
    );
    const zones = $('callback-zone');
    zones.replaceChildren(...c.callback.zones.map((z) => h('option', { attrs: { value: z } }, z)));
    zones.value = c.callback.defaultZone;
    $('callback-local').value = c.callback.defaultLocal;
    $('callback-local').min = c.callback.minLocal;
    $('promise-amount-label').textContent = t('desk.promiseAmount', { currency: c.promise.currency || '—' });
    $('promise-date').min = c.promise.minDate;
  }

  function resetForm() {
    $('notes').value = '';
    $('pause-after').checked = false;
    $('promise-amount').value = '';
    $('promise-date').value = '';
    $('callback-mine').checked = false;
    selectDisposition(null);
  }

  function clearErrors() {
    for (const el of document.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of document.querySelectorAll('#disposition-form [aria-invalid]')) el.removeAttribute('aria-invalid');
    const fe = $('form-error');
    fe.textContent = '';
    show(fe, false);
  }

  function fieldError(field, message) {
    const el = document.querySelector(`.field-error[data-field="${field}"]`);
    if (!el) return false;
    el.textContent = message;
    const input = document.querySelector(`#disposition-form [name="${field}"]`);
    if (input) input.setAttribute('aria-invalid', 'true');
    return true;
  }

  function selectDisposition(d) {
    selected = d;
    clearErrors();
    for (const b of $('disposition-buttons').children) b.setAttribute('aria-pressed', String(Boolean(d) && b.dataset.id === d.id));
    show($('callback-fields'), Boolean(d) && d.form === 'callback');
    show($('promise-fields'), Boolean(d) && d.form === 'promise');
    show($('form-actions'), Boolean(d) && (d.form === 'callback' || d.form === 'promise'));
  }

  function choose(d) {
    if (!view.agent.can.dispose || isSubmitting) return;
    selectDisposition(d);
    if (d.form === 'none') return void submit();
    if (d.form === 'confirm') return confirmThen(d);
    if (d.form === 'callback') $('callback-local').focus();
    if (d.form === 'promise') $('promise-amount').focus();
  }

  function confirmThen(d) {
    const dialog = $('confirm-dialog');
    $('confirm-title').textContent = t('desk.confirmTitle', { label: d.label });
    $('confirm-text').textContent = d.confirmText || '';
    dialog.returnValue = '';
    dialog.addEventListener(
      'close',
      () => {
        if (dialog.returnValue === 'confirm') void submit();
        else {
          selectDisposition(null);
          const btn = $('disposition-buttons').querySelector(`[data-id="${d.id}"]`);
          if (btn) btn.focus();
        }
      },
      { once: true },
    );
    dialog.showModal();
    $('confirm-no').focus();
  }

  /** The checks the API makes (dispositionInputSchema), said before the round trip. */
  function validate(body) {
    let ok = true;
    const bad = (field, message) => {
      fieldError(field, message);
      ok = false;
    };
    if (selected.form === 'promise') {
      const amount = $('promise-amount').value.replace(/[\s\u00a0]/g, '').replace(',', '.');
      if (!/^\d{1,12}(\.\d{1,2})?$/.test(amount) || Number(amount) <= 0) bad('promiseAmount', t('desk.amountInvalid'));
      else body.promiseAmount = amount;
      const date = $('promise-date').value;
      if (!date) bad('promiseDate', t('desk.dateRequired'));
      else if (date < view.call.promise.minDate) bad('promiseDate', t('desk.datePast'));
      else body.promiseDate = date;
    }
    if (selected.form === 'callback') {
      const local = $('callback-local').value;
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) bad('callbackLocal', t('desk.callbackRequired'));
      else body.callbackLocal = local.slice(0, 16);
      body.callbackZone = $('callback-zone').value;
      body.callbackMine = $('callback-mine').checked;
    }
    return ok;
  }

  async function submit() {
    if (!selected || !view.call || isSubmitting) return;
    clearErrors();
    const body = { attemptId: view.call.attemptId, code: selected.id };
    const notes = $('notes').value.trim();
    if (notes) body.notes = notes;
    if ($('pause-after').checked) body.pauseAfter = true;
    if (!validate(body)) {
      const firstBad = document.querySelector('#disposition-form [aria-invalid="true"]');
      if (firstBad) firstBad.focus();
      return;
    }
    isSubmitting = true;
    $('btn-save').disabled = true;
    const label = selected.label;
    const r = await post('/api/agent/disposition', body);
    isSubmitting = false;
    $('btn-save').disabled = false;
    if (r.ok) {
      fail('');
      await refresh();
      say(t('desk.saved', { label }));
      return;
    }
    const issues = Array.isArray(r.body.issues) ? r.body.issues : [];
    const unplaced = issues.filter((i) => !fieldError(String(i.path), String(i.message)));
    if (issues.length === 0 || unplaced.length > 0) {
      const fe = $('form-error');
      fe.textContent = t('desk.failed', { message: r.body.message || String(r.status) });
      show(fe, true);
    }
    const firstBad = document.querySelector('#disposition-form [aria-invalid="true"]');
    if (firstBad) firstBad.focus();
    await refresh();
  }

  // ---------------------------------------------------------------- phase (on call / wrap-up)
  let lastPhase = null;
  function renderPhase() {
    const c = view.call;
    const a = view.agent;
    show($('btn-hangup'), a.can.hangup);
    if (a.state !== lastPhase) {
      // A new phase replaces the previous phase's message; "Saved: …" survives into ready/paused.
      if (a.state === 'reserved') say(c ? t('desk.reservedHint', { phone: c.dialedPhone }) : a.stateLabel);
      else if (a.state === 'on-call' || a.state === 'wrap-up' || a.state === 'offline') say('');
    }
    if (!c) {
      lastPhase = a.state;
      return;
    }
    for (const b of $('disposition-buttons').children) b.disabled = !a.can.dispose;
    $('notes').disabled = a.state === 'reserved';
    $('btn-save').disabled = !a.can.dispose;
    const hint = { reserved: '', 'on-call': t('desk.resultAfterHangup'), 'wrap-up': t('desk.wrapUpHint') }[a.state] || '';
    $('result-hint').textContent = hint;
    show($('wrapup-countdown'), a.state === 'wrap-up');
    if (a.state !== lastPhase && a.state === 'wrap-up') {
      const active = document.activeElement;
      const isTyping = active && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT');
      if (!isTyping) {
        const first = $('disposition-buttons').querySelector('button');
        if (first) first.focus();
      }
    }
    lastPhase = a.state;
  }

  // ---------------------------------------------------------------- every second
  function tick() {
    const a = view.agent;
    const since = a.stateSince ? Date.parse(a.stateSince) : null;
    $('state-timer').textContent = since ? t('desk.since', { duration: formatDuration(serverNow() - since) }) : '';
    const c = view.call;
    if (c && a.state === 'wrap-up' && c.wrapUp.endsAt) {
      const left = Date.parse(c.wrapUp.endsAt) - serverNow();
      const el = $('wrapup-countdown');
      el.textContent = left > 0 ? t('desk.timeLeft', { time: formatDuration(left) }) : t('desk.timeUp');
      el.classList.toggle('urgent', left < 20000);
    }
    renderClocks();
  }

  // ---------------------------------------------------------------- keyboard
  const hotkeyOf = (e) => {
    // e.code, not e.key: the same physical key works in the Russian layout too.
    const m = /^(?:Digit|Numpad)(\d)$/.exec(e.code) || /^Key([A-Z])$/.exec(e.code);
    return m ? m[1].toLowerCase() : null;
  };
  const isTypingTarget = (el) =>
    el && (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(el.type)));

  document.addEventListener('keydown', (e) => {
    if ($('confirm-dialog').open) return; // the dialog handles Enter and Esc itself
    const target = e.target;
    if (e.key === 'Escape') {
      if (target === $('situation-search') && target.value) {
        target.value = '';
        filterSituations();
      } else if (selected) {
        selectDisposition(null);
      } else if (isTypingTarget(target)) {
        target.blur();
      }
      return;
    }
    if (e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(target)) return;
    if (e.key === '/') {
      e.preventDefault();
      $('situation-search').focus();
      return;
    }
    if (!view.call || !view.agent.can.dispose) return;
    const key = hotkeyOf(e);
    const d = key && view.call.dispositions.find((x) => x.hotkey === key);
    if (d) {
      e.preventDefault();
      choose(d);
    }
  });

  // ---------------------------------------------------------------- wiring
  $('btn-login').addEventListener('click', () => void act('/api/agent/login'));
  $('btn-ready').addEventListener('click', () => void act('/api/agent/ready'));
  $('btn-logout').addEventListener('click', () => void act('/api/agent/logout'));
  $('btn-hangup').addEventListener('click', () => void act('/api/agent/hangup'));
  $('pause-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void act('/api/agent/pause', { reason: $('pause-reason').value });
  });
  $('disposition-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void submit();
  });
  $('btn-cancel').addEventListener('click', () => selectDisposition(null));
  $('situation-search').addEventListener('input', filterSituations);
  $('callback-zone').addEventListener('change', renderClocks);

  apply(view);
  renderConnection();
  connectEvents();
  setInterval(tick, 1000);
  let sincePoll = 0;
  setInterval(() => {
    sincePoll += POLL_MS;
    if (!isSseOpen || sincePoll >= SAFETY_POLL_MS) {
      sincePoll = 0;
      void refresh();
    }
  }, POLL_MS);
})();
