/** The frame around every page: product name, who is signed in, the menu for the role, the language switch. */
import type { Role } from '../web-context.js';
import { labelOf, type Locale, type MessageKey, translator } from '../i18n.js';

export interface NavItem {
  href: string;
  label: string;
  isCurrent: boolean;
}

export interface LayoutViewModel {
  locale: Locale;
  title: string;
  appName: string;
  skipLabel: string;
  navLabel: string;
  user: { name: string; role: string } | null;
  nav: NavItem[];
  logoutLabel: string;
  languageSwitch: { href: string; label: string; title: string; lang: Locale };
  /** Page scripts under /static, loaded deferred after app.js. */
  scripts: string[];
  bodyClass: string;
}

const NAV_BY_ROLE: Record<Role, { href: string; key: MessageKey }[]> = {
  agent: [{ href: '/agent', key: 'nav.agent' }],
  manager: [
    { href: '/campaigns', key: 'nav.campaigns' },
    { href: '/attempts', key: 'nav.attempts' },
    { href: '/why', key: 'nav.why' },
    { href: '/docs/lead-lists', key: 'nav.leadListFormat' },
  ],
  compliance: [
    { href: '/attempts', key: 'nav.attempts' },
    { href: '/why', key: 'nav.why' },
    { href: '/campaigns', key: 'nav.campaigns' },
  ],
  admin: [
    { href: '/campaigns', key: 'nav.campaigns' },
    { href: '/attempts', key: 'nav.attempts' },
    { href: '/why', key: 'nav.why' },
    { href: '/docs/lead-lists', key: 'nav.leadListFormat' },
  ],
};

/** Where each role starts after signing in (and where "/" sends it). */
export function homeOf(role: Role): string {
  switch (role) {
    case 'agent':
      return '/agent';
    case 'compliance':
      return '/attempts';
    case 'manager':
    case 'admin':
      return '/campaigns';
  }
}

/** The same URL with `lang` set: the switch keeps the filters of the page it is on. */
export function withLang(path: string, query: Readonly<Record<string, unknown>>, lang: Locale): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (k === 'lang') continue;
    if (typeof v === 'string') params.append(k, v);
    else if (Array.isArray(v)) for (const item of v) if (typeof item === 'string') params.append(k, item);
  }
  params.set('lang', lang);
  return `${path}?${params.toString()}`;
}

export interface LayoutInput {
  locale: Locale;
  title: string;
  path: string;
  query: Readonly<Record<string, unknown>>;
  user: { displayName: string; role: Role } | null;
  scripts?: string[];
  bodyClass?: string;
}

export function buildLayout(input: LayoutInput): LayoutViewModel {
  const t = translator(input.locale);
  const other: Locale = input.locale === 'ru' ? 'en' : 'ru';
  const nav = input.user
    ? NAV_BY_ROLE[input.user.role].map((item) => ({
        href: item.href,
        label: t(item.key),
        isCurrent: input.path === item.href || input.path.startsWith(`${item.href}/`),
      }))
    : [];
  return {
    locale: input.locale,
    title: input.title ? `${input.title} · ${t('app.name')}` : t('app.name'),
    appName: t('app.name'),
    skipLabel: t('app.skipToContent'),
    navLabel: t('nav.main'),
    user: input.user ? { name: input.user.displayName, role: labelOf(t, 'role', input.user.role) } : null,
    nav,
    logoutLabel: t('nav.logout'),
    languageSwitch: {
      href: withLang(input.path, input.query, other),
      label: t('app.otherLanguage'),
      title: t('app.otherLanguageTitle'),
      lang: other,
    },
    scripts: input.scripts ?? [],
    bodyClass: input.bodyClass ?? '',
  };
}

/** A `next` target after sign-in: a path on this site only (no scheme, no "//host", no backslashes). */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 500) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\') || /[\r\n]/.test(next))
    return null;
  if (next.startsWith('/api/') || next.startsWith('/login') || next.startsWith('/logout')) return null;
  return next;
}
