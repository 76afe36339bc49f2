/* global document, location, fetch, URL, CustomEvent, setTimeout */
/**
 * Import progress: poll /imports/:id/progress.json (the page's own view-model) every second until
 * the import is done or refused; row problems are placed with textContent.
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const panel = $('import-panel');
  const url = panel.dataset.progressUrl;
  const POLL_MS = 1000;

  function setBar(percent) {
    const bar = $('import-bar');
    const fill = $('import-fill');
    if (percent === null) {
      bar.classList.add('indeterminate');
      bar.removeAttribute('aria-valuenow');
      fill.style.width = '';
    } else {
      bar.classList.remove('indeterminate');
      bar.setAttribute('aria-valuenow', String(percent));
      fill.style.width = `${percent}%`;
    }
  }

  function setTime(el, iso) {
    el.setAttribute('datetime', iso || '');
    el.textContent = iso || '—';
    el.dispatchEvent(new CustomEvent('app:localise-times', { bubbles: true }));
  }

  function apply(vm) {
    panel.dataset.status = vm.status;
    $('import-status').textContent = vm.statusLabel;
    setBar(vm.percent);
    $('import-progress-text').textContent = vm.progressText;
    for (const c of vm.counters) {
      const el = document.querySelector(`[data-counter="${c.key}"]`);
      if (el) el.textContent = c.text;
    }
    const failure = $('import-failure');
    failure.textContent = vm.failure || '';
    failure.hidden = !vm.failure;
    setTime($('import-started'), vm.startedAt);
    setTime($('import-finished'), vm.finishedAt);
    const body = $('problem-rows');
    if (body.children.length !== vm.problems.length) {
      body.replaceChildren(
        ...vm.problems.map((p) => {
          const tr = document.createElement('tr');
          for (const [text, cls] of [
            [p.row, 'num'],
            [p.column, 'mono'],
            [p.message, ''],
          ]) {
            const td = document.createElement('td');
            td.textContent = text;
            if (cls) td.className = cls;
            tr.append(td);
          }
          return tr;
        }),
      );
    }
    $('problem-count').textContent = `(${vm.problems.length})`;
    $('problem-table').hidden = vm.problems.length === 0;
    $('no-problems').hidden = vm.problems.length > 0;
    return vm.isFinished;
  }

  async function poll() {
    let isFinished = false;
    try {
      const res = await fetch(url, {
        headers: { accept: 'application/json' },
        cache: 'no-store',
        credentials: 'same-origin',
      });
      if (res.redirected && new URL(res.url).pathname === '/login') {
        location.href = `/login?next=${encodeURIComponent(location.pathname)}`;
        return;
      }
      if (!res.ok) throw new Error(String(res.status));
      isFinished = apply(await res.json());
      $('import-poll-error').hidden = true;
    } catch {
      $('import-poll-error').hidden = false;
    }
    if (!isFinished) setTimeout(() => void poll(), POLL_MS);
  }

  const initial = JSON.parse($('import-data').textContent);
  apply(initial);
  if (!initial.isFinished) setTimeout(() => void poll(), POLL_MS);
})();
