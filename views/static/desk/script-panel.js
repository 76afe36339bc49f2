/**
 * The script: steps in order, a gate step (right-party verification) hides the steps after it
 * until confirmed; "not the right person" shows only the step's ifNot text. Situations are a
 * searchable list; "avoid" phrases a reminder. Answers live for the call in hand only.
 */
import { $, h, show } from './dom.js';

export function createScriptPanel({ t }) {
  let call = null;
  let gates = {};

  function render(focusStepId) {
    const list = $('script-steps');
    list.replaceChildren();
    show($('avoid-card'), Boolean(call.script && call.script.avoid.length));
    if (!call.script) {
      $('script-name').textContent = '';
      list.append(h('li', { class: 'muted' }, t('desk.noScript')));
      return;
    }
    $('script-name').textContent = `· ${call.script.name}`;
    $('avoid-list').replaceChildren(...call.script.avoid.map((a) => h('li', null, a)));
    for (const step of call.script.steps) {
      const answer = gates[step.id];
      const isOpenGate = step.gate && !answer;
      const li = h(
        'li',
        {
          class: `step${isOpenGate ? ' current' : ''}${answer === 'yes' ? ' done' : ''}`,
          data: { step: step.id },
        },
        h('h3', { attrs: { id: `step-${step.id}`, tabindex: '-1' } }, step.title),
      );
      if (answer !== 'no') {
        li.append(h('p', { class: 'say', attrs: { lang: call.scriptLocale } }, step.say));
        if (step.hint)
          li.append(h('p', { class: 'hint' }, h('strong', null, `${t('desk.hint')}: `), step.hint));
      }
      if (step.gate) li.append(gateControls(step, answer));
      list.append(li);
      if (answer === 'no' || isOpenGate) break;
    }
    if (focusStepId) {
      const target =
        list.querySelector(`[data-step="${focusStepId}"] button`) ||
        list.querySelector('li.current button') ||
        list.lastElementChild.querySelector('h3');
      if (target) target.focus();
    }
  }

  function gateControls(step, answer) {
    const answerGate = (value) => () => {
      if (value === null) delete gates[step.id];
      else gates[step.id] = value;
      const steps = call.script.steps;
      const next = value === 'yes' ? steps.slice(steps.indexOf(step) + 1).find((s) => s.gate) : null;
      render(next ? next.id : step.id);
    };
    const button = (cls, label, value) =>
      h('button', { class: cls, attrs: { type: 'button' }, on: { click: answerGate(value) } }, label);
    if (!answer) {
      return h(
        'div',
        { class: 'gate' },
        button('button primary', step.ifNot ? t('desk.gateYes') : t('desk.stepDone'), 'yes'),
        step.ifNot ? button('button', t('desk.gateNo'), 'no') : null,
        h('p', { class: 'muted small' }, t('desk.gateLocked')),
      );
    }
    if (answer === 'yes') {
      return h(
        'div',
        { class: 'gate answered' },
        h('span', { class: 'tag ok' }, `✓ ${t('desk.gateConfirmed')}`),
        button('button-link', t('desk.gateChange'), null),
      );
    }
    return h(
      'div',
      { class: 'gate not-person' },
      h('p', { class: 'not-person-title' }, t('desk.notPersonTitle')),
      h('p', { class: 'say', attrs: { lang: call.scriptLocale } }, step.ifNot),
      button('button-link', t('desk.gateChange'), null),
    );
  }

  function renderSituations() {
    const items = call.script ? call.script.situations : [];
    $('situation-search').value = '';
    $('situation-list').replaceChildren(
      ...items.map((s) =>
        h(
          'details',
          { class: 'situation', data: { search: `${s.when} ${s.say}`.toLocaleLowerCase() } },
          h('summary', null, s.when),
          h('p', { class: 'say', attrs: { lang: call.scriptLocale } }, s.say),
        ),
      ),
    );
    filter();
  }

  /** Shows the situations whose wording contains the query; the first match opens. */
  function filter() {
    const q = $('situation-search').value.trim().toLocaleLowerCase();
    let visible = 0;
    for (const d of $('situation-list').children) {
      const isMatch = q === '' || d.dataset.search.includes(q);
      d.hidden = !isMatch;
      if (isMatch) visible += 1;
      if (q !== '' && isMatch && visible === 1) d.open = true;
    }
    show($('situation-none'), visible === 0);
  }

  $('situation-search').addEventListener('input', filter);

  return {
    /** A new call: forget the previous call's answers. */
    load(newCall) {
      call = newCall;
      gates = {};
      render(null);
      renderSituations();
    },
    focusSearch() {
      $('situation-search').focus();
    },
    /** Esc in the search box: clear it (true) or let Esc do something else (false). */
    clearSearch() {
      const input = $('situation-search');
      if (!input.value) return false;
      input.value = '';
      filter();
      return true;
    },
  };
}
