/**
 * The PBX link of the dialer worker: AMI to the Asterisk at AMI_HOST, or, when none is configured,
 * to a simulated PBX started here on a free loopback port. Either way the dialer runs the same code:
 * asterisk-manager behind AmiClient, AmiTelephony on top, over TCP.
 */
import type { Config } from '../config/config.js';
import { AmiClient } from '../adapters/ami/ami-client.js';
import { AmiTelephony } from '../adapters/ami/ami-telephony.js';
import type { Logger } from '../ports/logger.js';
import type { Telephony } from '../ports/telephony.js';
import { startSimPbx } from '../sim/pbx/sim-pbx-server.js';

/** The demo's simulated customers talk briefly so a short demo shows whole calls (model ms). */
export const DEMO_SIM_MODEL = {
  talkMs: { min: 6_000, max: 45_000, mode: 15_000 },
  ringMs: { min: 2_000, max: 18_000, mode: 5_000 },
};

export interface StartedTelephony {
  telephony: Telephony;
  /** The simulated PBX's own counters (absent with a real Asterisk). */
  pbxStats: (() => unknown) | undefined;
  stop(): Promise<void>;
}

export async function startTelephony(
  config: Config,
  options: {
    seed: number;
    timeScale: number;
    logger: Logger;
    say: (line: string) => void;
    simModel?: unknown;
  },
): Promise<StartedTelephony> {
  let host = config.ami.host;
  let port = config.ami.port;
  let stopPbx: (() => Promise<void>) | null = null;
  let pbxStats: (() => unknown) | undefined;
  if (!host) {
    const pbx = await startSimPbx({
      port: 0,
      user: config.ami.user,
      secret: config.ami.secret,
      seed: options.seed,
      timeScale: options.timeScale,
      model: options.simModel ?? DEMO_SIM_MODEL,
    });
    host = pbx.host;
    port = pbx.port;
    stopPbx = () => pbx.close();
    pbxStats = () => pbx.stats();
    options.say(`simulated PBX (AMI) listening on ${host}:${port}`);
  } else {
    options.say(`connecting to Asterisk AMI at ${host}:${port} as ${config.ami.user}`);
  }
  const client = new AmiClient({
    host,
    port,
    user: config.ami.user,
    secret: config.ami.secret,
    logger: options.logger,
  });
  const telephony = new AmiTelephony(client, {
    dialChannelTemplate: config.ami.dialChannelTemplate,
    logger: options.logger,
  });
  try {
    await client.connect();
  } catch (err) {
    // A refused login or an unreachable PBX is reported; the client keeps retrying in the background.
    options.say(`AMI: ${err instanceof Error ? err.message : String(err)} (retrying in the background)`);
  }
  return {
    telephony,
    pbxStats,
    async stop() {
      await telephony.close();
      await stopPbx?.();
    },
  };
}
