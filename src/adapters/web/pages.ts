import { Router } from 'express';
import type { WebContext } from './web-context.js';

/** Server-rendered pages (agent desk, campaign board, imports, attempt log). */
export function pageRoutes(_ctx: WebContext): Router {
  const r = Router();
  r.get('/', (_req, res) => res.type('text').send('dialer'));
  return r;
}
