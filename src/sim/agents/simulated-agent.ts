/**
 * A simulated agent for the demo: a program that uses the same HTTP agent API as a person's
 * browser (log in, ready, disposition after wrap-up). Deterministic given its seed.
 */
import { DateTime } from 'luxon';
import { mulberry32 } from '../pbx/prng.js';

interface AgentView {
  agent: { state: string; isLegUp: boolean; attemptId: string | null };
  call: null | {
    attemptId: string;
    decision?: string;
    dispositions: { id: string; action: string }[];
    phones: { zones: string[] }[];
  };
}

export interface SimulatedAgentOptions {
  baseUrl: string;
  username: string;
  password: string;
  seed: number;
  /** Wrap-up time range in ms before the disposition is sent. */
  wrapUpMs?: [number, number];
  pollMs?: number;
  log?: (line: string) => void;
}

const PREVIEW_READ_MS = 1_000;
const SKIP_SHARE = 0.1;

export class SimulatedAgent {
  private cookie = '';
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private stopped = false;
  private wrapUpUntil = new Map<string, number>();
  private previewUntil = new Map<string, number>();
  private readonly random: () => number;
  dispositionsSent = 0;

  constructor(private readonly o: SimulatedAgentOptions) {
    this.random = mulberry32(o.seed);
  }

  /**
   * One API call, body read to the end: express-session saves the session before the response's
   * last byte, and an unread body would also keep the connection busy.
   */
  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ ok: boolean; status: number; text: string }> {
    const res = await fetch(`${this.o.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: this.cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    return { ok: res.ok, status: res.status, text };
  }

  async start(): Promise<void> {
    const login = await this.call('POST', '/api/session', {
      username: this.o.username,
      password: this.o.password,
    });
    if (!login.ok) throw new Error(`simulated agent ${this.o.username}: login failed (${login.status})`);
    await this.call('POST', '/api/agent/login');
    this.timer = setInterval(() => void this.step(), this.o.pollMs ?? 300);
  }

  private async step(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      const res = await this.call('GET', '/api/agent/me');
      if (!res.ok) return;
      const view = JSON.parse(res.text) as AgentView;
      const { state, isLegUp } = view.agent;
      if (state === 'paused' && isLegUp) await this.call('POST', '/api/agent/ready');
      else if (state === 'offline') await this.call('POST', '/api/agent/login');
      else if (state === 'wrap-up' && view.call) await this.wrapUp(view.call);
      else if (state === 'reserved' && view.call?.decision === 'preview')
        await this.preview(view.call.attemptId);
    } catch {
      // The server may be stopping; the next poll tries again.
    } finally {
      this.busy = false;
    }
  }

  /** Preview mode: read the card for a moment, then call (one lead in ten is skipped). */
  private async preview(attemptId: string): Promise<void> {
    const until = this.previewUntil.get(attemptId) ?? Date.now() + PREVIEW_READ_MS;
    this.previewUntil.set(attemptId, until);
    if (Date.now() < until) return;
    this.previewUntil.delete(attemptId);
    const action = this.random() < SKIP_SHARE ? 'skip' : 'call';
    await this.call('POST', '/api/agent/preview', { action });
  }

  private async wrapUp(call: NonNullable<AgentView['call']>): Promise<void> {
    const [min, max] = this.o.wrapUpMs ?? [1500, 5000];
    const until = this.wrapUpUntil.get(call.attemptId) ?? Date.now() + min + this.random() * (max - min);
    this.wrapUpUntil.set(call.attemptId, until);
    if (Date.now() < until) return;
    // Simulated agents never pick dispositions that change a person everywhere (DNC, wrong number, refusal).
    const choices = call.dispositions.filter((d) =>
      ['retry', 'final', 'callback', 'promise-to-pay'].includes(d.action),
    );
    const choice = choices[Math.floor(this.random() * choices.length)];
    if (!choice) return;
    const zone = call.phones[0]?.zones[0] ?? 'UTC';
    const body: Record<string, unknown> = {
      attemptId: call.attemptId,
      code: choice.id,
      notes: 'simulated agent',
    };
    if (choice.action === 'callback') {
      body.callbackLocal = DateTime.now()
        .setZone(zone)
        .plus({ days: 1 })
        .set({ hour: 12, minute: 0 })
        .toFormat("yyyy-MM-dd'T'HH:mm");
      body.callbackZone = zone;
    }
    if (choice.action === 'promise-to-pay') {
      body.promiseAmount = String(1000 + Math.floor(this.random() * 9000));
      body.promiseDate = DateTime.now().plus({ days: 7 }).toISODate();
    }
    const res = await this.call('POST', '/api/agent/disposition', body);
    if (res.ok) {
      this.dispositionsSent += 1;
      this.wrapUpUntil.delete(call.attemptId);
    } else {
      this.o.log?.(`simulated agent ${this.o.username}: disposition refused (${res.status}) ${res.text}`);
    }
  }

  /** Finishes the call in hand (disposition) and logs out. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.call('POST', '/api/agent/pause', { reason: 'end-of-demo' }).catch(() => undefined);
  }
}
