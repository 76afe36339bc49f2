import { Router } from 'express';
import { agentPages } from './pages/agent-page.js';
import { attemptPages } from './pages/attempt-pages.js';
import { authPages } from './pages/auth-pages.js';
import { campaignPages } from './pages/campaign-pages.js';
import { explainPages } from './pages/explain-pages.js';
import { renderNotFound } from './pages/render.js';
import type { WebContext } from './web-context.js';

/**
 * Server-rendered pages (eta, views/): sign-in, the agent desk, the campaign board and list
 * imports, the compliance attempt log and "why isn't this lead dialed?". Mounted by create-app after the JSON API.
 */
export function pageRoutes(ctx: WebContext): Router {
  const r = Router();
  r.use(authPages(ctx));
  r.use(agentPages(ctx));
  r.use(campaignPages(ctx));
  r.use(attemptPages(ctx));
  r.use(explainPages(ctx));
  // A page address that does not exist gets a page, in the visitor's language; the API keeps its JSON 404.
  r.use((req, res, next) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      req.path.startsWith('/api/') ||
      req.accepts(['json', 'html']) !== 'html'
    )
      return next();
    renderNotFound(req, res);
  });
  return r;
}
