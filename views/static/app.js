/* global document */
/**
 * Every page: instants rendered by the server as UTC (<time data-local datetime="…">) are shown in
 * the viewer's own time zone and language; the UTC value stays in the tooltip.
 */
(function () {
  'use strict';
  const lang = document.documentElement.lang === 'ru' ? 'ru-RU' : 'en-US';
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
  function localiseTimes(root) {
    const scope = root || document;
    const found = Array.from(scope.querySelectorAll('time[data-local]'));
    if (scope.matches && scope.matches('time[data-local]')) found.push(scope);
    for (const el of found) {
      const iso = el.getAttribute('datetime');
      if (!iso) continue;
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) continue;
      el.textContent = format.format(d);
      el.title = iso;
    }
  }
  document.addEventListener('DOMContentLoaded', () => localiseTimes(document));
  document.addEventListener('app:localise-times', (e) => localiseTimes(e.target));
})();
