/* global document, window */
/** DOM helpers for the desk: every piece of data becomes a text node, never markup. */

export const $ = (id) => document.getElementById(id);

/** h('p', { class: 'x', attrs: { lang: 'ru' }, data: {}, on: {} }, 'text', child) */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  const p = props || {};
  if (p.class) el.className = p.class;
  for (const [k, v] of Object.entries(p.attrs || {})) {
    if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const [k, v] of Object.entries(p.data || {})) el.dataset[k] = String(v);
  for (const [k, fn] of Object.entries(p.on || {})) el.addEventListener(k, fn);
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false || c === '') continue;
    el.append(c instanceof window.Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function show(el, visible) {
  el.hidden = !visible;
}

/** t('desk.saved', { label }) over the dictionary subset the page embedded. */
export function translator(messages) {
  return (key, params) => {
    let text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
    return text;
  };
}

/** Where a key press is text, not a command. */
export function isTypingTarget(el) {
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(el.type);
}
