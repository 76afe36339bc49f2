import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../../domain/errors.js';
import { verifyPassword } from '../password.js';
import type { Role, WebContext } from '../web-context.js';
import { loginLimiter } from '../login-limiter.js';

const loginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.session.userId) return next(new UnauthenticatedError('log in first'));
    if (roles.length && !roles.includes(req.session.role!) && req.session.role !== 'admin') {
      return next(new ForbiddenError(`this needs the ${roles.join(' or ')} role`));
    }
    next();
  };
}

/**
 * Stores the session before the response starts. express-session would otherwise save it while the
 * body's last byte is held back, after the headers went out, and a client that acts on the headers
 * (a browser following the login redirect, a script reading only Set-Cookie) could arrive first.
 */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

export async function authenticate(ctx: WebContext, body: unknown) {
  const parsed = loginSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError('username and password are required');
  const user = await ctx.knex('users').where({ username: parsed.data.username, is_disabled: false }).first();
  if (!user || !(await verifyPassword(parsed.data.password, user.password_hash))) {
    throw new UnauthenticatedError('wrong username or password');
  }
  return user as { id: number; role: Role; display_name: string; locale: 'ru' | 'en' };
}

export function authRoutes(ctx: WebContext): Router {
  const r = Router();
  r.post('/api/session', loginLimiter, async (req, res) => {
    const user = await authenticate(ctx, req.body);
    await new Promise<void>((resolve, reject) =>
      req.session.regenerate((err) => (err ? reject(err) : resolve())),
    );
    req.session.userId = user.id;
    req.session.role = user.role;
    req.session.displayName = user.display_name;
    req.session.locale = user.locale;
    await saveSession(req);
    res.json({ userId: user.id, role: user.role, displayName: user.display_name, locale: user.locale });
  });
  r.delete('/api/session', (req, res) => {
    req.session.destroy(() => res.status(204).end());
  });
  r.get('/api/session', requireRole(), (req, res) => {
    res.json({
      userId: req.session.userId,
      role: req.session.role,
      displayName: req.session.displayName,
      locale: req.session.locale,
    });
  });
  return r;
}
