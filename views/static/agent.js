/* global document, location, fetch, EventSource, URL, setInterval, setTimeout */
/**
 * The agent desk, no framework. The server hands us a translated view-model (/agent/desk.json)
 * and we only place text; actions go to the agent API (/api/agent/*). We refresh when the SSE
 * stream (/api/agent/events) reports a change, and every 2 s while the stream is down. What the
 * agent builds during a call (script answers, notes, the chosen result) survives the refreshes
 * and is dropped when the next call pops.
 */
import { renderCallCard, renderPersonClock } from './desk/call-card.js';
import { createClock, formatDuration } from './desk/clock.js';
import { $, isTypingTarget, show, translator } from './desk/dom.js';
import { createResultPanel } from './desk/result-panel.js';
import { createScriptPanel } from './desk/script-panel.js';

const POLL_MS = 2000;
const SAFETY_POLL_MS = 15000;
const IDLE_TEXT = { offline: 'desk.offlineHint', paused: 'desk.pausedHint', ready: 'desk.readyHint' };

const i18n = JSON.parse($('desk-i18n').textContent);
const t = translator(i18n.messages);
const clock = createClock(i18n.locale);
const baseTitle = document.title;

let view = JSON.parse($('desk-data').textContent);
let renderedAttemptId = null;
let lastState = null;
let isSseOpen = false;
/** "Saved: …" stays on screen into the next ready/paused, but not forever. */
let lastSaved = null;
const SAVED_MESSAGE_MS = 10000;

// ------------------------------------------------------------------ talking to the server
function say(text) {
  $('desk-status').textContent = text || '';
}
function fail(text) {
  $('desk-error').textContent = text || '';
  show($('desk-error'), Boolean(text));
}

let inFlight = null;
let isRefreshQueued = false;
async function refresh() {
  if (inFlight) {
    isRefreshQueued = true;
    return inFlight;
  }
  inFlight = (async () => {
    try {
      const res = await fetch('/agent/desk.json', {
        headers: { accept: 'application/json' },
        cache: 'no-store',
      });
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
      inFlight = null;
      if (isRefreshQueued) {
        isRefreshQueued = false;
        void refresh();
      }
    }
  })();
  return inFlight;
}

/** POST to the agent API: { ok, status, body }; errors arrive as { code, message, issues? }. */
async function post(path, body) {
  let res;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body || {}),
    });
  } catch {
    return { ok: false, status: 0, body: { message: t('desk.networkError') } };
  }
  const json = await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, body: json || {} };
}

async function act(path, body) {
  fail('');
  const r = await post(path, body);
  if (!r.ok) fail(t('desk.failed', { message: r.body.message || String(r.status) }));
  await refresh();
}

function connectEvents() {
  if (typeof EventSource === 'undefined') return;
  const sse = new EventSource('/api/agent/events');
  sse.addEventListener('open', () => {
    isSseOpen = true;
    renderConnection();
  });
  for (const name of ['hello', 'state', 'call', 'leg']) sse.addEventListener(name, () => void refresh());
  sse.addEventListener('error', () => {
    isSseOpen = false;
    renderConnection();
    // The browser reconnects by itself unless the stream was refused (e.g. the session expired).
    if (sse.readyState === EventSource.CLOSED) setTimeout(connectEvents, 5000);
  });
}

// ------------------------------------------------------------------ panels
const scriptPanel = createScriptPanel({ t });
const resultPanel = createResultPanel({
  t,
  clock,
  post,
  async onSaved(label) {
    fail('');
    lastSaved = { text: t('desk.saved', { label }), at: Date.now() };
    say(lastSaved.text);
    await refresh();
  },
});

// ------------------------------------------------------------------ rendering
function apply(vm) {
  view = vm;
  clock.sync(vm.serverNow);
  renderAgent();
  const attemptId = vm.call ? vm.call.attemptId : null;
  if (attemptId !== renderedAttemptId) renderCall();
  renderPhase();
  tick();
}

function renderConnection() {
  $('conn-indicator').dataset.ok = String(isSseOpen);
  $('conn-text').textContent = isSseOpen ? t('desk.liveUpdates') : t('desk.polling');
}

function renderAgent() {
  const a = view.agent;
  const pill = $('state-pill');
  pill.textContent = a.stateLabel;
  pill.dataset.state = a.state;
  $('pause-reason-label').textContent = a.pauseReasonLabel ? `· ${a.pauseReasonLabel}` : '';
  show($('btn-login'), a.can.login);
  show($('btn-ready'), a.can.ready);
  show($('pause-form'), a.can.pause);
  show($('btn-logout'), a.can.logout);
  const leg = $('leg-indicator');
  leg.dataset.ok = String(a.isLegUp);
  $('leg-text').textContent = a.isLegUp ? t('desk.legUp') : t('desk.legDown');
  show(leg, a.state !== 'offline' || a.isLegUp);
  show($('leg-hint'), a.state !== 'offline' && !a.isLegUp);
  $('idle-text').textContent = IDLE_TEXT[a.state] ? t(IDLE_TEXT[a.state]) : a.stateLabel;
  document.title = `${a.stateLabel} · ${baseTitle}`;
}

function renderCall() {
  const c = view.call;
  renderedAttemptId = c ? c.attemptId : null;
  show($('call-view'), Boolean(c));
  show($('idle-panel'), !c);
  if (!c) return;
  renderCallCard(c, { t, clock });
  scriptPanel.load(c);
  resultPanel.load(c);
  // Announce the pop and start the keyboard path at the card, unless the agent is typing somewhere.
  const active = document.activeElement;
  if (!active || active === document.body || active.closest('.state-bar'))
    $('call-name').focus({ preventScroll: true });
}

function renderPhase() {
  const a = view.agent;
  const c = view.call;
  show($('btn-hangup'), a.can.hangup);
  show($('btn-preview-call'), a.can.previewCall);
  show($('btn-preview-skip'), a.can.previewSkip);
  if (a.state !== lastState) {
    // A new phase replaces the last phase's message; a fresh "Saved: …" stays into ready or paused.
    const isSavedFresh = lastSaved && Date.now() - lastSaved.at < SAVED_MESSAGE_MS;
    if (a.state === 'reserved' && c && c.isPreview) say(t('desk.previewHint', { phone: c.dialedPhone }));
    else if (a.state === 'reserved') say(c ? t('desk.reservedHint', { phone: c.dialedPhone }) : a.stateLabel);
    else if ((a.state === 'ready' || a.state === 'paused') && isSavedFresh) say(lastSaved.text);
    else say('');
  }
  if (c) {
    resultPanel.phase(a, c);
    // Wrap-up starts at the result buttons, unless the agent is already writing the result.
    const active = document.activeElement;
    const isWritingResult = isTypingTarget(active) && active.closest('#disposition-form');
    if (a.state === 'wrap-up' && lastState !== 'wrap-up' && !isWritingResult) resultPanel.focusFirst();
    // A preview starts at its Call button: read the card, press Enter (or Tab to Skip).
    if (a.can.previewCall && lastState !== 'reserved') $('btn-preview-call').focus({ preventScroll: true });
  }
  lastState = a.state;
}

function tick() {
  const a = view.agent;
  const since = a.stateSince ? Date.parse(a.stateSince) : null;
  $('state-timer').textContent = since
    ? t('desk.since', { duration: formatDuration(clock.now() - since) })
    : '';
  if (view.call) {
    renderPersonClock(view.call, { t, clock });
    resultPanel.tick(a);
  }
}

// ------------------------------------------------------------------ keyboard
/** e.code, not e.key: a result's letter works in the Russian layout too. */
function hotkeyOf(e) {
  const m = /^(?:Digit|Numpad)(\d)$/.exec(e.code) || /^Key([A-Z])$/.exec(e.code);
  return m ? m[1].toLowerCase() : null;
}

document.addEventListener('keydown', (e) => {
  if ($('confirm-dialog').open) return; // the dialog handles Enter and Esc itself
  const target = e.target;
  if (e.key === 'Escape') {
    if (target === $('situation-search') && scriptPanel.clearSearch()) return;
    if (resultPanel.cancel()) return;
    if (isTypingTarget(target)) target.blur();
    return;
  }
  if (e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(target)) return;
  if (e.key === '/') {
    e.preventDefault();
    scriptPanel.focusSearch();
    return;
  }
  const key = hotkeyOf(e);
  if (key && view.agent.can.dispose && resultPanel.hotkey(key)) e.preventDefault();
});

// ------------------------------------------------------------------ wiring
$('btn-login').addEventListener('click', () => void act('/api/agent/login'));
$('btn-ready').addEventListener('click', () => void act('/api/agent/ready'));
$('btn-logout').addEventListener('click', () => void act('/api/agent/logout'));
$('btn-hangup').addEventListener('click', () => void act('/api/agent/hangup'));
$('btn-preview-call').addEventListener('click', () => void act('/api/agent/preview', { action: 'call' }));
$('btn-preview-skip').addEventListener('click', () => void act('/api/agent/preview', { action: 'skip' }));
$('pause-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void act('/api/agent/pause', { reason: $('pause-reason').value });
});

apply(view);
renderConnection();
connectEvents();
setInterval(tick, 1000);
let sinceLastPoll = 0;
setInterval(() => {
  sinceLastPoll += POLL_MS;
  if (!isSseOpen || sinceLastPoll >= SAFETY_POLL_MS) {
    sinceLastPoll = 0;
    void refresh();
  }
}, POLL_MS);
