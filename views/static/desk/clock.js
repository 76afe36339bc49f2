/**
 * Time on the desk is server time: the view-model carries `serverNow`, and every timer (time in
 * state, wrap-up countdown, the person's clock) runs on that offset, not on the PC's clock.
 */
export function createClock(locale) {
  const intlLocale = locale === 'ru' ? 'ru-RU' : 'en-US';
  let offsetMs = 0;
  const zoneFormats = new Map();
  const instantFormat = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeStyle: 'short' });

  const now = () => Date.now() + offsetMs;

  return {
    now,
    sync(serverNowIso) {
      const server = Date.parse(serverNowIso);
      if (!Number.isNaN(server)) offsetMs = server - Date.now();
    },
    /** { time: '14:05', day: 'Tue' } in an IANA zone. */
    in(zone) {
      if (!zoneFormats.has(zone)) {
        zoneFormats.set(zone, {
          time: new Intl.DateTimeFormat(intlLocale, {
            timeZone: zone,
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }),
          day: new Intl.DateTimeFormat(intlLocale, { timeZone: zone, weekday: 'short' }),
        });
      }
      const f = zoneFormats.get(zone);
      const at = new Date(now());
      return { time: f.time.format(at), day: f.day.format(at) };
    },
    /** An ISO instant in the viewer's own zone. */
    instant(iso) {
      if (!iso) return '';
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : instantFormat.format(d);
    },
  };
}

/** 65 000 ms → "1:05", 3 725 000 ms → "1:02:05". */
export function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
