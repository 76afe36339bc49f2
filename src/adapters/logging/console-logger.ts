import type { Logger } from '../../ports/logger.js';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * One readable line per event on stderr, for the demo's terminal (production uses pino's JSON):
 * "[warn] dialer.command.failed command=agent-leg err=TelephonyError: the PBX link is not ready".
 */
export function createConsoleLogger(
  level: string,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const min = Math.max(0, LEVELS.indexOf(level as (typeof LEVELS)[number]));
  const at = (name: (typeof LEVELS)[number]) => (fields: Record<string, unknown>, message: string) => {
    if (LEVELS.indexOf(name) < min) return;
    const rest = Object.entries(fields)
      .map(([k, v]) => `${k}=${describe(v)}`)
      .join(' ');
    write(`[${name}] ${message}${rest ? ` ${rest}` : ''}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
