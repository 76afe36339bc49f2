import { pino } from 'pino';
import type { Logger } from '../../ports/logger.js';

export function createLogger(
  level: string,
  name = 'dialer',
): Logger & { child(b: Record<string, unknown>): Logger } {
  // JSON to stderr, so stdout stays for the demo's own lines (URL, the --exit-after summary).
  return pino({ name, level }, pino.destination(2)) as unknown as Logger & {
    child(b: Record<string, unknown>): Logger;
  };
}
