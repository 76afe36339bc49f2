/** Construction options of AmiClient; the timings are research §1.6's, overridable for tests. */
import type { AmiLogger } from './ami-types.js';

export interface AmiClientOptions {
  host: string;
  port: number;
  user: string;
  secret: string;
  logger?: AmiLogger | undefined;
}

export interface AmiClientTiming {
  /** Originate ack ("Originate successfully queued"), research §1.6 item 2. */
  originateTimeoutMs: number;
  pingTimeoutMs: number;
  /** Whole list (ack + items + Complete). */
  listTimeoutMs: number;
  /** Any other action. */
  actionTimeoutMs: number;
  pingIntervalMs: number;
  missedPingsBeforeReconnect: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Socket connect plus Login answer. Asterisk answers a bad secret only after sleep(1). */
  loginTimeoutMs: number;
  logoffTimeoutMs: number;
}

export const DEFAULT_AMI_TIMING: Readonly<AmiClientTiming> = Object.freeze({
  originateTimeoutMs: 5_000,
  pingTimeoutMs: 2_000,
  listTimeoutMs: 10_000,
  actionTimeoutMs: 5_000,
  pingIntervalMs: 5_000,
  missedPingsBeforeReconnect: 2,
  reconnectMinMs: 250,
  reconnectMaxMs: 5_000,
  loginTimeoutMs: 10_000,
  logoffTimeoutMs: 1_000,
});
