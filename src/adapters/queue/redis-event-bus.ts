import { Redis } from 'ioredis';
import type { AgentNotice, DialerCommand, EventBus } from '../../ports/event-bus.js';

const COMMANDS = 'dialer:commands';
const NOTICES = 'dialer:agent-notices';

/** Redis pub/sub: at-most-once, which is right for nudges and screen pops (state lives in PostgreSQL). */
export class RedisEventBus implements EventBus {
  private readonly pub: Redis;
  private readonly subscribers: Redis[] = [];

  constructor(private readonly url: string) {
    this.pub = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  }

  private async subscribe(channel: string, onMessage: (text: string) => void): Promise<() => Promise<void>> {
    const sub = new Redis(this.url, { maxRetriesPerRequest: null });
    this.subscribers.push(sub);
    await sub.subscribe(channel);
    sub.on('message', (_ch: string, text: string) => onMessage(text));
    return async () => {
      await sub.quit().catch(() => undefined);
    };
  }

  async sendCommand(command: DialerCommand): Promise<void> {
    await this.pub.publish(COMMANDS, JSON.stringify(command));
  }

  onCommand(handler: (command: DialerCommand) => void) {
    return this.subscribe(COMMANDS, (text) => handler(JSON.parse(text) as DialerCommand));
  }

  async notifyAgent(agentId: number, notice: AgentNotice): Promise<void> {
    await this.pub.publish(NOTICES, JSON.stringify({ agentId, notice }));
  }

  onAgentNotice(handler: (agentId: number, notice: AgentNotice) => void) {
    return this.subscribe(NOTICES, (text) => {
      const m = JSON.parse(text) as { agentId: number; notice: AgentNotice };
      handler(m.agentId, m.notice);
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.pub, ...this.subscribers].map((r) => r.quit().catch(() => undefined)));
  }
}
