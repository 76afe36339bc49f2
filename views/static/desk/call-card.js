/** The customer card of the call in hand: person, debt, phones, other persons, history, promises. */
import { $, h } from './dom.js';

function fact(dl, label, ...values) {
  const shown = values.filter((v) => v !== null && v !== undefined && v !== '');
  if (shown.length === 0) return;
  dl.append(h('dt', null, label), h('dd', null, ...shown));
}

function table(headers, rows) {
  return h(
    'table',
    { class: 'mini-table' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        headers.map((x) => h('th', { attrs: { scope: 'col' } }, x)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((cells) =>
        h(
          'tr',
          null,
          cells.map((c) => h('td', null, c)),
        ),
      ),
    ),
  );
}

export function renderCallCard(c, { t, clock }) {
  $('call-name').textContent = c.person.name;
  $('call-role').textContent = c.person.role;
  $('call-phone').textContent = c.dialedPhone;
  $('call-campaign').textContent = c.campaignName;
  $('call-zones-note').textContent = c.person.zonesNote;

  const person = $('person-facts');
  person.replaceChildren();
  fact(
    person,
    t('desk.dob'),
    c.person.birthDate,
    c.person.age ? h('span', { class: 'muted' }, ` (${c.person.age})`) : null,
  );
  fact(person, t('desk.region'), c.person.region);
  if (c.person.flags.length > 0)
    fact(
      person,
      t('desk.flags'),
      c.person.flags.map((f) => h('span', { class: 'tag warn' }, f)),
    );

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
          c.history.map((x) => [clock.instant(x.at), x.outcome, x.disposition]),
        ),
  );
  $('promise-box').replaceChildren(
    c.promises.length === 0
      ? h('p', { class: 'muted' }, t('desk.noPromises'))
      : table(
          [t('desk.colAmount'), t('desk.colDue'), t('desk.colStatus')],
          c.promises.map((x) => [
            x.amount,
            x.due,
            h('span', { class: `tag promise-${x.statusCode}` }, x.status),
          ]),
        ),
  );
  renderPersonClock(c, { t, clock });
}

/** The person's clock in each candidate zone, redrawn every second from server time. */
export function renderPersonClock(c, { t, clock }) {
  const box = $('call-clock');
  if (c.person.clocks.length === 0) {
    box.replaceChildren(h('span', { class: 'clock-zone' }, t('desk.localTimeUnknown')));
    return;
  }
  box.replaceChildren(
    ...c.person.clocks.map((z) => {
      const now = clock.in(z.zone);
      return h(
        'span',
        { class: 'clock' },
        h('span', { class: 'clock-time' }, now.time),
        h('span', { class: 'clock-zone' }, `${now.day} · ${z.place} · ${z.offset}`),
      );
    }),
  );
}
