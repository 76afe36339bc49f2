/** Sign-in form, sign-out, and "/" which sends each role to its start page. */
import { Router, type Request, type Response } from 'express';
import { AppError, ConflictError } from '../../../domain/errors.js';
import { authenticate, saveSession } from '../routes/auth.js';
import { isLocale, resolveLocale, translator } from '../i18n.js';
import { homeOf, safeNextPath } from '../view-models/layout.js';
import type { WebContext } from '../web-context.js';
import { loginLimiter } from '../login-limiter.js';
import { renderPage } from './render.js';

function renderLogin(
  req: Request,
  res: Response,
  options: { error?: string; username?: string; status?: number } = {},
): void {
  const t = translator(resolveLocale(req));
  const next = safeNextPath(
    req.method === 'GET' ? req.query.next : (req.body as Record<string, unknown> | undefined)?.next,
  );
  renderPage(req, res, {
    template: 'login',
    title: t('login.title'),
    bodyClass: 'page-login',
    status: options.status,
    page: {
      error: options.error ?? null,
      username: options.username ?? '',
      next: next ?? '',
      /** The language picked on this page survives the new session created at sign-in. */
      lang: isLocale(req.session.locale) ? req.session.locale : '',
    },
  });
}

export function authPages(ctx: WebContext): Router {
  const r = Router();

  r.get('/', (req, res) => {
    if (!req.session.userId || !req.session.role) return res.redirect(303, '/login');
    res.redirect(303, homeOf(req.session.role));
  });

  r.get('/login', (req, res) => {
    if (req.session.userId && req.session.role) {
      res.redirect(303, safeNextPath(req.query.next) ?? homeOf(req.session.role));
      return;
    }
    renderLogin(req, res);
  });

  r.post('/login', loginLimiter, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const t = translator(resolveLocale(req));
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!username || !password)
      return renderLogin(req, res, { error: t('login.missing'), username, status: 400 });
    let user: Awaited<ReturnType<typeof authenticate>>;
    try {
      user = await authenticate(ctx, { username, password });
    } catch (err) {
      if (err instanceof AppError)
        return renderLogin(req, res, { error: t('login.failed'), username, status: 401 });
      throw err;
    }
    const chosenLang = body.lang;
    // A new session id at sign-in (session fixation), filled in exactly like POST /api/session.
    await new Promise<void>((resolve, reject) =>
      req.session.regenerate((err) => (err ? reject(err) : resolve())),
    );
    req.session.userId = user.id;
    req.session.role = user.role;
    req.session.displayName = user.display_name;
    req.session.locale = isLocale(chosenLang) ? chosenLang : user.locale;
    await saveSession(req);
    res.redirect(303, safeNextPath(body.next) ?? homeOf(user.role));
  });

  // An agent leaving the site leaves the line too: a "ready" agent nobody sits behind would be
  // sent calls, and a live person would wait for them (abandoned calls). Mid-call, they finish first.
  // The next person at this workstation gets the login page in their browser's language.
  r.post('/logout', async (req, res) => {
    if (req.session.role === 'agent' && req.session.userId) {
      const agent = await ctx.agents.byUserId(req.session.userId);
      if (agent && agent.state !== 'offline') {
        try {
          await ctx.desk.logout(agent.id);
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err;
          const t = translator(resolveLocale(req));
          renderPage(req, res, {
            template: 'message',
            title: t('nav.logout'),
            status: 409,
            page: { heading: t('logout.finishCallTitle'), text: t('logout.finishCall'), homeHref: '/agent' },
          });
          return;
        }
      }
    }
    req.session.destroy(() => {
      res.clearCookie('dialer.sid');
      res.redirect(303, '/login');
    });
  });

  return r;
}
