/** One Eta instance for every page, the page guard, and the helper that wraps a view-model in the layout. */
import { Eta } from 'eta';
import type { Request, RequestHandler, Response } from 'express';
import { VIEWS_DIR } from '../create-app.js';
import { resolveLocale, translator, type Locale, type Translate } from '../i18n.js';
import { buildLayout, type LayoutViewModel } from '../view-models/layout.js';
import type { Role } from '../web-context.js';

/** autoEscape: every `<%= %>` is HTML-escaped; templates use `<%~ %>` only for the layout body and JSON data blocks. */
export const eta = new Eta({ views: VIEWS_DIR, autoEscape: true, cache: true });

export interface PageRender {
  template: string;
  title: string;
  scripts?: string[];
  bodyClass?: string;
  status?: number;
  /** The page's view-model; templates read it as `it.page`. */
  page: Record<string, unknown>;
}

export interface TemplateData {
  layout: LayoutViewModel;
  t: Translate;
  page: Record<string, unknown>;
}

export function localeOf(req: Request): Locale {
  return resolveLocale(req);
}

export function renderPage(req: Request, res: Response, r: PageRender): void {
  const locale = resolveLocale(req);
  const user =
    req.session.userId && req.session.role
      ? { displayName: req.session.displayName ?? '', role: req.session.role }
      : null;
  const data: TemplateData = {
    layout: buildLayout({
      locale,
      title: r.title,
      path: req.path,
      query: req.query as Record<string, unknown>,
      user,
      scripts: r.scripts,
      bodyClass: r.bodyClass,
    }),
    t: translator(locale),
    page: r.page,
  };
  const html = eta.render(r.template, data);
  res
    .status(r.status ?? 200)
    .type('html')
    .setHeader('Cache-Control', 'no-store')
    .send(html);
}

/**
 * JSON for a `<script type="application/json">` data block: `<` and the line separators are escaped
 * so no value can close the element or break the parser (CSP-safe: data blocks never execute).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Pages for signed-in users of `roles` (admin passes everywhere, as in the API's requireRole):
 * anonymous visitors go to /login?next=…, others see a 403 page in their language.
 */
export function pageRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    if (!req.session.userId || !req.session.role) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (roles.length > 0 && !roles.includes(req.session.role) && req.session.role !== 'admin') {
      const t = translator(resolveLocale(req));
      renderPage(req, res, {
        template: 'message',
        title: t('error.forbiddenTitle'),
        status: 403,
        page: {
          heading: t('error.forbiddenTitle'),
          text: t('error.forbidden', { roles: roles.map((r) => t(`role.${r}`)).join(', ') }),
          homeHref: '/',
        },
      });
      return;
    }
    next();
  };
}

export function renderNotFound(req: Request, res: Response, text?: string): void {
  const t = translator(resolveLocale(req));
  renderPage(req, res, {
    template: 'message',
    title: t('error.notFoundTitle'),
    status: 404,
    page: { heading: t('error.notFoundTitle'), text: text ?? t('error.notFound'), homeHref: '/' },
  });
}
