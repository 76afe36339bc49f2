import type { Server } from 'node:http';
import type { Knex } from 'knex';
import type { Logger } from '../ports/logger.js';
import { createApp } from '../adapters/web/create-app.js';
import { pageRoutes } from '../adapters/web/pages.js';
import type { AppContext } from './app-context.js';

export async function startWebServer(
  ctx: AppContext,
  knex: Knex,
  options: {
    databaseUrl: string;
    host: string;
    port: number;
    logger: Logger;
    enqueueImport: (jobId: number) => Promise<void>;
  },
): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const { app, close } = createApp(
    {
      knex,
      logger: options.logger,
      agents: ctx.agents,
      desk: ctx.desk,
      deskReadModel: ctx.deskReadModel,
      bus: ctx.bus,
      imports: ctx.imports,
      enqueueImport: options.enqueueImport,
      campaigns: () => ctx.campaigns,
      scripts: () => ctx.scripts,
      uploadDir: ctx.uploadDir,
      setCampaignStatus: async (campaignId, status) => {
        await ctx.campaignStore.setStatus(campaignId, status);
        await ctx.bus.sendCommand({ type: 'campaigns-changed' });
      },
      sessionSecret: ctx.sessionSecret,
      explainer: ctx.explainer,
    },
    { databaseUrl: options.databaseUrl, pages: pageRoutes },
  );
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    server,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await close();
    },
  };
}
