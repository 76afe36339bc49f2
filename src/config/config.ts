/**
 * The only reader of process.env. Parsed once with zod, frozen. Unset services fall back to the
 * embedded defaults started by main/demo.ts (embedded PostgreSQL, Debian redis-server, simulated PBX).
 */
import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  AMI_HOST: optionalUrl,
  AMI_PORT: z.coerce.number().int().min(1).max(65535).default(5038),
  AMI_USER: z.string().default('dialer'),
  AMI_SECRET: z.string().default('dialer-secret'),
  /** How the dialer reaches a customer: {number} is the E.164 number without "+". */
  DIAL_CHANNEL_TEMPLATE: z.string().default('Local/{number}@dialer-dial/n'),
  /** Dial string of a demo agent's phone: {room} is the agent's room, e.g. agent1001. */
  AGENT_ENDPOINT_TEMPLATE: z.string().default('PJSIP/{room}'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  SESSION_SECRET: z.string().min(16).optional(),
  DATA_DIR: z.string().default('.data'),
  CAMPAIGNS_DIR: z.string().default('campaigns'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly ami: {
    readonly host: string | undefined;
    readonly port: number;
    readonly user: string;
    readonly secret: string;
    readonly dialChannelTemplate: string;
    readonly agentEndpointTemplate: string;
  };
  readonly web: { readonly port: number; readonly host: string; readonly sessionSecret: string | undefined };
  readonly dataDir: string;
  readonly campaignsDir: string;
  readonly logLevel: z.infer<typeof schema>['LOG_LEVEL'];
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    ami: Object.freeze({
      host: e.AMI_HOST,
      port: e.AMI_PORT,
      user: e.AMI_USER,
      secret: e.AMI_SECRET,
      dialChannelTemplate: e.DIAL_CHANNEL_TEMPLATE,
      agentEndpointTemplate: e.AGENT_ENDPOINT_TEMPLATE,
    }),
    web: Object.freeze({ port: e.PORT, host: e.HOST, sessionSecret: e.SESSION_SECRET }),
    dataDir: e.DATA_DIR,
    campaignsDir: e.CAMPAIGNS_DIR,
    logLevel: e.LOG_LEVEL,
  });
}
