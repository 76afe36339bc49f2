import express, { type Express } from 'express';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import pg from 'pg';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentApiRoutes } from './routes/agent-api.js';
import { authRoutes } from './routes/auth.js';
import { complianceApiRoutes } from './routes/compliance-api.js';
import { managerApiRoutes } from './routes/manager-api.js';
import { errorHandler } from './error-handler.js';
import type { WebContext } from './web-context.js';

export const VIEWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../views');

export interface CreateAppOptions {
  databaseUrl: string;
  /** Extra routers (server-rendered pages), mounted after the API. */
  pages?: (ctx: WebContext) => express.Router;
}

export function createApp(
  ctx: WebContext,
  options: CreateAppOptions,
): { app: Express; close: () => Promise<void> } {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  const PgStore = connectPgSimple(session);
  app.use(
    session({
      store: new PgStore({ pool, tableName: 'session', createTableIfMissing: false }),
      secret: ctx.sessionSecret,
      resave: false,
      saveUninitialized: false,
      name: 'dialer.sid',
      cookie: { httpOnly: true, sameSite: 'lax', maxAge: 12 * 3_600_000 },
    }),
  );
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(express.text({ type: ['text/csv', 'text/plain'], limit: '50mb' }));
  app.use('/static', express.static(path.join(VIEWS_DIR, 'static'), { maxAge: '1h' }));
  app.get('/healthz', (_req, res) => res.json({ ok: true }));
  app.use(authRoutes(ctx));
  app.use(agentApiRoutes(ctx));
  app.use(managerApiRoutes(ctx));
  app.use(complianceApiRoutes(ctx));
  if (options.pages) app.use(options.pages(ctx));
  app.use(errorHandler(ctx.logger));
  return { app, close: () => pool.end() };
}
