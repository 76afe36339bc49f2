/* global document, CSS */
/**
 * The call result (disposition): one button per campaign disposition with its hotkey; a callback
 * asks for a date-time in the person's zone, a promise to pay for an amount and a date, and results
 * that reach beyond this call (do not call, wrong number, refusal) ask for a confirmation. The
 * API's validation `issues` are shown next to their fields.
 */
import { formatDuration } from './clock.js';
import { $, h, show } from './dom.js';

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * The API's issue messages are English; the ones the desk knows are said in the agent's language
 * (keyed by field and message), any other is shown as the API wrote it.
 */
const KNOWN_ISSUES = [
  ['callbackLocal', /past/, 'desk.callbackPast'],
  ['callbackLocal', /required|YYYY/, 'desk.callbackRequired'],
  ['callbackZone', /zone/, 'desk.zoneUnknown'],
  ['promiseAmount', /./, 'desk.amountInvalid'],
  ['promiseDate', /required|date such as/, 'desk.dateRequired'],
];

export function createResultPanel({ t, clock, post, onSaved }) {
  const localIssue = (path, message) => {
    const known = KNOWN_ISSUES.find(([field, pattern]) => field === path && pattern.test(message));
    return known ? t(known[2]) : message;
  };

  let call = null;
  let canDispose = false;
  let selected = null;
  let isSubmitting = false;

  function clearErrors() {
    for (const el of document.querySelectorAll('#disposition-form .field-error')) el.textContent = '';
    for (const el of document.querySelectorAll('#disposition-form [aria-invalid]'))
      el.removeAttribute('aria-invalid');
    $('form-error').textContent = '';
    show($('form-error'), false);
  }

  /** Puts a message next to its field (by the API's issue path); false when there is no such field. */
  function fieldError(field, message) {
    const el = document.querySelector(`#disposition-form .field-error[data-field="${CSS.escape(field)}"]`);
    if (!el) return false;
    el.textContent = message;
    const input = document.querySelector(`#disposition-form [name="${CSS.escape(field)}"]`);
    if (input) input.setAttribute('aria-invalid', 'true');
    return true;
  }

  function formError(message) {
    $('form-error').textContent = message;
    show($('form-error'), true);
  }

  function focusFirstInvalid() {
    const bad = document.querySelector('#disposition-form [aria-invalid="true"]');
    if (bad) bad.focus();
  }

  function select(d) {
    selected = d;
    clearErrors();
    for (const b of $('disposition-buttons').children) {
      b.setAttribute('aria-pressed', String(Boolean(d) && b.dataset.id === d.id));
    }
    show($('callback-fields'), Boolean(d) && d.form === 'callback');
    show($('promise-fields'), Boolean(d) && d.form === 'promise');
    show($('form-actions'), Boolean(d) && (d.form === 'callback' || d.form === 'promise'));
  }

  function choose(d) {
    if (!canDispose || isSubmitting) return;
    select(d);
    if (d.form === 'none') void submit();
    else if (d.form === 'confirm') confirmThen(d);
    else if (d.form === 'callback') $('callback-local').focus();
    else if (d.form === 'promise') $('promise-amount').focus();
  }

  function confirmThen(d) {
    const dialog = $('confirm-dialog');
    $('confirm-title').textContent = t('desk.confirmTitle', { label: d.label });
    $('confirm-text').textContent = d.confirmText || '';
    dialog.returnValue = '';
    dialog.addEventListener(
      'close',
      () => {
        if (dialog.returnValue === 'confirm') {
          void submit();
          return;
        }
        select(null);
        const button = $('disposition-buttons').querySelector(`[data-id="${CSS.escape(d.id)}"]`);
        if (button) button.focus();
      },
      { once: true },
    );
    dialog.showModal();
    $('confirm-no').focus();
  }

  /** The checks the API makes (dispositionInputSchema), said before the round trip. */
  function collect(body) {
    let ok = true;
    const bad = (field, message) => {
      fieldError(field, message);
      ok = false;
    };
    if (selected.form === 'promise') {
      const amount = $('promise-amount')
        .value.replace(/[\s\u00a0]/g, '')
        .replace(',', '.');
      if (!AMOUNT.test(amount) || Number(amount) <= 0) bad('promiseAmount', t('desk.amountInvalid'));
      else body.promiseAmount = amount;
      const date = $('promise-date').value;
      if (!date) bad('promiseDate', t('desk.dateRequired'));
      else if (date < call.promise.minDate) bad('promiseDate', t('desk.datePast'));
      else body.promiseDate = date;
    }
    if (selected.form === 'callback') {
      const local = $('callback-local').value;
      if (!LOCAL_DATE_TIME.test(local)) bad('callbackLocal', t('desk.callbackRequired'));
      else body.callbackLocal = local.slice(0, 16);
      body.callbackZone = $('callback-zone').value;
      body.callbackMine = $('callback-mine').checked;
    }
    return ok;
  }

  async function submit() {
    if (!selected || !call || isSubmitting) return;
    clearErrors();
    const body = { attemptId: call.attemptId, code: selected.id };
    const notes = $('notes').value.trim();
    if (notes) body.notes = notes;
    if ($('pause-after').checked) body.pauseAfter = true;
    if (!collect(body)) {
      focusFirstInvalid();
      return;
    }
    isSubmitting = true;
    $('btn-save').disabled = true;
    const label = selected.label;
    const r = await post('/api/agent/disposition', body);
    isSubmitting = false;
    $('btn-save').disabled = !canDispose;
    if (r.ok) {
      await onSaved(label);
      return;
    }
    const issues = Array.isArray(r.body.issues) ? r.body.issues : [];
    const unplaced = issues.filter(
      (i) => !fieldError(String(i.path), localIssue(String(i.path), String(i.message))),
    );
    if (issues.length === 0 || unplaced.length > 0)
      formError(t('desk.failed', { message: r.body.message || String(r.status) }));
    focusFirstInvalid();
  }

  function renderNowThere() {
    const zone = $('callback-zone').value;
    if (!zone) return;
    const now = clock.in(zone);
    $('callback-now').textContent = t('desk.callbackNowThere', { time: `${now.day} ${now.time}` });
  }

  $('disposition-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void submit();
  });
  $('btn-cancel').addEventListener('click', () => select(null));
  $('callback-zone').addEventListener('change', renderNowThere);

  return {
    /** A new call: buttons for its dispositions, defaults for the callback and promise fields. */
    load(newCall) {
      call = newCall;
      $('disposition-buttons').replaceChildren(
        ...call.dispositions.map((d) =>
          h(
            'button',
            {
              class: `disp disp-${d.form}`,
              attrs: {
                type: 'button',
                'aria-pressed': 'false',
                'aria-keyshortcuts': d.hotkey ? d.hotkey.toUpperCase() : null,
              },
              data: { id: d.id, action: d.action },
              on: { click: () => choose(d) },
            },
            d.hotkey ? h('kbd', null, d.hotkey.toUpperCase()) : null,
            h('span', null, d.label),
          ),
        ),
      );
      const zones = $('callback-zone');
      zones.replaceChildren(...call.callback.zones.map((z) => h('option', { attrs: { value: z } }, z)));
      zones.value = call.callback.defaultZone;
      $('callback-local').value = call.callback.defaultLocal;
      $('callback-local').min = call.callback.minLocal;
      $('callback-mine').checked = false;
      $('promise-amount-label').textContent = t('desk.promiseAmount', {
        currency: call.promise.currency || '—',
      });
      $('promise-amount').value = '';
      $('promise-date').value = '';
      $('promise-date').min = call.promise.minDate;
      $('notes').value = '';
      $('pause-after').checked = false;
      select(null);
      renderNowThere();
    },
    /** On call: notes only; wrap-up: results open, with the countdown (timed from the latest view). */
    phase(agent, latestCall) {
      call = latestCall;
      canDispose = agent.can.dispose;
      for (const b of $('disposition-buttons').children) b.disabled = !canDispose;
      $('btn-save').disabled = !canDispose;
      $('notes').disabled = agent.state === 'reserved';
      const hints = { 'on-call': 'desk.resultAfterHangup', 'wrap-up': 'desk.wrapUpHint' };
      $('result-hint').textContent = hints[agent.state] ? t(hints[agent.state]) : '';
      show($('wrapup-countdown'), agent.state === 'wrap-up');
    },
    tick(agent) {
      renderNowThere();
      if (!call || agent.state !== 'wrap-up' || !call.wrapUp.endsAt) return;
      const left = Date.parse(call.wrapUp.endsAt) - clock.now();
      const el = $('wrapup-countdown');
      el.textContent = left > 0 ? t('desk.timeLeft', { time: formatDuration(left) }) : t('desk.timeUp');
      el.classList.toggle('urgent', left < 20000);
    },
    focusFirst() {
      const first = $('disposition-buttons').querySelector('button');
      if (first) first.focus();
    },
    /** A hotkey (digit or letter) chose a result: true when it matched one. */
    hotkey(key) {
      if (!call || !canDispose) return false;
      const d = call.dispositions.find((x) => x.hotkey === key);
      if (!d) return false;
      choose(d);
      return true;
    },
    /** Esc: drop the chosen result (true) or let Esc do something else (false). */
    cancel() {
      if (!selected) return false;
      select(null);
      return true;
    },
  };
}
