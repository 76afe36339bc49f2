import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DICTIONARIES,
  dictionarySubset,
  labelOf,
  LOCALES,
  translator,
} from '../../../src/adapters/web/i18n.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && pattern.test(d.name))
    .map((d) => path.join(d.parentPath, d.name));
}

/** Keys written literally as t('…') / it.t('…') in a file. */
function keysUsedIn(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)].map((m) => m[1]!);
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI dictionaries', () => {
  const en = DICTIONARIES.en;
  const ru = DICTIONARIES.ru;

  it('have exactly the same keys', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(LOCALES)('%s has no empty or untrimmed strings', (locale) => {
    for (const [key, text] of Object.entries(DICTIONARIES[locale])) {
      expect(text.trim(), `${locale}: ${key}`).not.toBe('');
      expect(text, `${locale}: ${key}`).toBe(text.trim());
    }
  });

  it('use the same {placeholders} in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('Russian texts are in Russian (Cyrillic), except codes and names of things', () => {
    const latinOnly = Object.entries(ru).filter(([, text]) => !/[а-яё]/i.test(text));
    // The language switch names the other language in that language; the dash is a dash.
    expect(latinOnly.map(([k]) => k).sort()).toEqual(['app.otherLanguage', 'common.dash']);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('ru');
    expect(t('desk.saved', { label: 'Оплачено' })).toBe('Сохранено: Оплачено');
    expect(translator('en')('import.progress', { processed: '5' })).toBe('Rows processed: 5 of {total}');
  });

  it('labels an open set of codes, falling back to the code itself', () => {
    const t = translator('ru');
    expect(labelOf(t, 'state', 'wrap-up')).toBe('Постобработка');
    expect(labelOf(t, 'outcome', 'something-new')).toBe('something-new');
    expect(labelOf(t, 'outcome', null)).toBe('');
  });

  it('hands a browser script only the groups it asks for', () => {
    const subset = dictionarySubset('en', ['state.']);
    expect(Object.keys(subset).every((k) => k.startsWith('state.'))).toBe(true);
    expect(subset['state.on-call']).toBe('On call');
  });
});

describe('every key the templates and scripts use exists', () => {
  const templates = filesUnder(path.join(ROOT, 'views'), /\.eta$/);
  const sources = filesUnder(path.join(ROOT, 'src/adapters/web'), /\.ts$/);

  it.each([...templates, ...sources].map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
    for (const key of keysUsedIn(file)) expect(DICTIONARIES.en, `${key} in ${file}`).toHaveProperty([key]);
  });

  const deskScripts = [
    'views/static/agent.js',
    ...filesUnder(path.join(ROOT, 'views/static/desk'), /\.js$/).map((f) => path.relative(ROOT, f)),
  ];
  it.each([
    ...deskScripts.map((f): [string, string[]] => [f, ['desk.', 'state.', 'pause.', 'common.']]),
    ['views/static/board.js', ['board.']],
  ])('%s uses only the groups its page sends', (file, groups) => {
    const keys = keysUsedIn(path.join(ROOT, file));
    for (const key of keys) {
      expect(
        groups.some((g) => key.startsWith(g)),
        key,
      ).toBe(true);
      expect(DICTIONARIES.ru, key).toHaveProperty([key]);
    }
  });
});
