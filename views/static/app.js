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
    for (const el of (root || document).querySelectorAll('time[data-local]')) {
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
