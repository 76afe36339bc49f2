/* global document, location, fetch, URL, CSS, setInterval */
/**
 * The campaign board: every 2 s fetch /campaigns/board.json (the same view-model the page was
 * rendered from) and place the new figures with textContent; bars get their width through the
 * CSSOM (no inline style attributes, so a strict CSP can be added later).
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const i18n = JSON.parse($('board-i18n').textContent);
  const lang = i18n.locale === 'ru' ? 'ru-RU' : 'en-US';
  const timeFormat = new Intl.DateTimeFormat(lang, { timeStyle: 'medium' });
  const REFRESH_MS = 2000;
  /** 2 minutes of 2-second samples. */
  const LIVE_SAMPLES = 60;
  const live = new Map();

  function t(key, params) {
    let text = Object.prototype.hasOwnProperty.call(i18n.messages, key) ? i18n.messages[key] : key;
    if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
    return text;
  }

  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text;
  }

  function drawLive(article, id, sample) {
    const samples = live.get(id) || [];
    samples.push(sample);
    while (samples.length > LIVE_SAMPLES) samples.shift();
    live.set(id, samples);
    const strip = article.querySelector('[data-live]');
    const max = Math.max(1, ...samples);
    while (strip.children.length < LIVE_SAMPLES) strip.append(document.createElement('span'));
    const offset = LIVE_SAMPLES - samples.length;
    Array.from(strip.children).forEach((bar, i) => {
      const v = i < offset ? 0 : samples[i - offset];
      bar.style.height = `${v === 0 ? 0 : Math.max(6, Math.round((v / max) * 100))}%`;
      bar.className = v === 0 ? 'live-bar empty' : 'live-bar';
    });
    setText(article.querySelector('[data-live-now]'), t('board.liveNow', { n: sample }));
  }

  function apply(board) {
    setText($('board-updated'), t('board.updated', { time: timeFormat.format(new Date(board.updatedAt)) }));
    for (const a of board.agents) setText(document.querySelector(`[data-agent="${a.key}"]`), a.text);
    const shown = new Set(
      Array.from(document.querySelectorAll('[data-campaign]'), (el) => el.dataset.campaign),
    );
    const current = new Set(board.campaigns.map((c) => c.id));
    if (shown.size !== current.size || [...current].some((id) => !shown.has(id))) {
      location.reload();
      return;
    }
    for (const c of board.campaigns) {
      const article = document.querySelector(`[data-campaign="${CSS.escape(c.id)}"]`);
      if (!article) continue;
      const status = article.querySelector('[data-field="status"]');
      setText(status, c.statusLabel);
      status.className = `tag status-${c.status}`;
      for (const f of c.leads) setText(article.querySelector(`[data-fig="leads.${f.key}"]`), f.text);
      for (const f of c.last24h) setText(article.querySelector(`[data-fig="last24h.${f.key}"]`), f.text);
      setText(article.querySelector('[data-fig="abandonRate"]'), c.abandonRate.text);
      if (c.abandonRate.dayText)
        setText(article.querySelector('[data-fig="abandonDay"]'), c.abandonRate.dayText);
      article.querySelector('[data-rate]').classList.toggle('over', c.abandonRate.isOverLimit);
      for (const bar of c.chart) {
        const fill = article.querySelector(`[data-bar="${bar.key}"]`);
        if (fill) fill.style.width = `${bar.percent}%`;
        setText(article.querySelector(`[data-bar-value="${bar.key}"]`), bar.text);
      }
      drawLive(article, c.id, c.inProgress);
    }
  }

  let isFetching = false;
  async function refresh() {
    if (isFetching) return;
    isFetching = true;
    try {
      const res = await fetch('/campaigns/board.json', {
        headers: { accept: 'application/json' },
        cache: 'no-store',
        credentials: 'same-origin',
      });
      if (res.redirected && new URL(res.url).pathname === '/login') {
        location.href = `/login?next=${encodeURIComponent('/campaigns')}`;
        return;
      }
      if (!res.ok) throw new Error(String(res.status));
      apply(await res.json());
      $('board-stale').hidden = true;
    } catch {
      $('board-stale').hidden = false;
    } finally {
      isFetching = false;
    }
  }

  apply(JSON.parse($('board-data').textContent));
  setInterval(() => void refresh(), REFRESH_MS);
})();
