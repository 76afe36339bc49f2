/**
 * AmiClient: the only user of `asterisk-manager` 0.2.0. It keeps the library for socket handling and
 * parsing, and takes over everything research §1.3 lists as unsafe (defects D1–D12):
 *
 * - ActionIDs are ours (`dlr-<pid>-<boot>-<n>`) and responses are correlated from the raw message
 *   stream ('rawevent'), never through the library's per-id emitter (D1, D2).
 *   Exception: Login, which must go through the library's login() because only that sets its
 *   internal "authenticated" flag; without it every later action would be held (D3).
 * - Every action has a timeout; when the link goes down every pending action is rejected with
 *   AMI_DISCONNECTED (D1, D4).
 * - An action is written only while our own `ready` flag is set (after the login response, cleared on
 *   end/close/error); otherwise it fails at once with AMI_NOT_READY and the library never holds it, so
 *   an Originate can never be replayed after a reconnect (D3, D4).
 * - Reconnects itself (not keepConnected(), D5) with backoff 250 ms → 5 s plus jitter, and replaces
 *   the connection after two unanswered Pings (5 s heartbeat).
 * - Collects EventList lists (D7), parses DestChanVariable and ChanVariable(<chan>) (D11), and connects
 *   with events = true (D12).
 * - Sanitises every outgoing value (D9, ami-sanitize.ts).
 */
import AsteriskManager, { type Manager, type RawAmiMessage } from 'asterisk-manager';
import { TelephonyError } from '../../domain/errors.js';
import { DEFAULT_AMI_TIMING, type AmiClientOptions, type AmiClientTiming } from './ami-client-options.js';
import { PendingActions } from './ami-pending-actions.js';
import { toLibraryAction } from './ami-sanitize.js';
import {
  normaliseRawMessage,
  silentLogger,
  type AmiAction,
  type AmiClientApi,
  type AmiEvent,
  type AmiLinkState,
  type AmiListResult,
  type AmiLogger,
  type AmiResponse,
  type AmiSendOptions,
} from './ami-types.js';

export { DEFAULT_AMI_TIMING, type AmiClientOptions, type AmiClientTiming } from './ami-client-options.js';

/** Share of the backoff delay added as random jitter, so many dialer processes do not reconnect in step. */
const RECONNECT_JITTER = 0.2;

interface Connection {
  readonly id: number;
  readonly manager: Manager;
  ready: boolean;
  closed: boolean;
  socketError: string | undefined;
  loginTimer: NodeJS.Timeout | undefined;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export class AmiClient implements AmiClientApi {
  private readonly timing: AmiClientTiming;
  private readonly logger: AmiLogger;
  private readonly where: string;
  private readonly idPrefix = `dlr-${process.pid}-${Date.now().toString(36)}`;
  private readonly pending: PendingActions;
  private readonly eventListeners = new Set<(event: AmiEvent) => void>();
  private readonly linkListeners = new Set<(state: AmiLinkState) => void>();
  private waiters: Waiter[] = [];
  private connection: Connection | undefined;
  private connectionSeq = 0;
  private actionSeq = 0;
  private started = false;
  private closing = false;
  private linkUp = false;
  private failures = 0;
  private missedPings = 0;
  private pingInFlight = false;
  private pingTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private lastFailure: string | undefined;

  constructor(
    private readonly options: AmiClientOptions,
    timing: Partial<AmiClientTiming> = {},
  ) {
    this.timing = { ...DEFAULT_AMI_TIMING, ...timing };
    this.logger = options.logger ?? silentLogger;
    this.where = `${options.host}:${options.port}`;
    this.pending = new PendingActions(this.where);
  }

  get isReady(): boolean {
    return !this.closing && this.connection?.ready === true;
  }

  newActionId(): string {
    this.actionSeq += 1;
    return `${this.idPrefix}-${this.actionSeq}`;
  }

  /**
   * Resolves after the next successful login. Rejects on the next failure (login refused, network
   * error) with a TelephonyError naming host:port and user, while retrying continues in the background.
   */
  connect(): Promise<void> {
    if (this.closing)
      return Promise.reject(new TelephonyError('AMI_DISCONNECTED', `AMI client for ${this.where} is closed`));
    if (this.isReady) return Promise.resolve();
    const promise = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.started) {
      this.started = true;
      this.openConnection();
    }
    return promise;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    // Set first: the Goodbye is followed by Asterisk closing the socket, which must not look like an outage.
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    if (this.connection?.ready) {
      // Logoff lets Asterisk end the session cleanly instead of logging a broken pipe.
      await this.dispatch(
        { Action: 'Logoff' },
        { timeoutMs: this.timing.logoffTimeoutMs },
        false,
        true,
      ).catch(() => undefined);
    }
    const connection = this.connection;
    if (connection) this.teardown(connection);
    this.connection = undefined;
    const error = new TelephonyError('AMI_DISCONNECTED', `AMI client for ${this.where} was closed`);
    this.rejectAllPending(error);
    this.rejectWaiters(error);
    this.setLink(false, 'closed');
    this.eventListeners.clear();
    this.linkListeners.clear();
  }

  send(action: AmiAction, options: AmiSendOptions = {}): Promise<AmiResponse> {
    return this.dispatch(action, options, false) as Promise<AmiResponse>;
  }

  list(action: AmiAction, options: AmiSendOptions = {}): Promise<AmiListResult> {
    return this.dispatch(
      action,
      { timeoutMs: this.timing.listTimeoutMs, ...options },
      true,
    ) as Promise<AmiListResult>;
  }

  onEvent(listener: (event: AmiEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onLink(listener: (state: AmiLinkState) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  private dispatch(
    action: AmiAction,
    options: AmiSendOptions,
    isList: boolean,
    isLogoff = false,
  ): Promise<AmiResponse | AmiListResult> {
    const connection = this.connection;
    if (this.closing && !isLogoff)
      return Promise.reject(
        new TelephonyError(
          'AMI_DISCONNECTED',
          `AMI client for ${this.where} is closed; ${action.Action} not sent`,
        ),
      );
    if (connection?.ready !== true) {
      const why = this.lastFailure ? `: ${this.lastFailure}` : '';
      return Promise.reject(
        new TelephonyError(
          'AMI_NOT_READY',
          `AMI link to ${this.where} is not ready${why}; ${action.Action} not sent`,
        ),
      );
    }
    const actionId = options.actionId ?? this.newActionId();
    if (this.pending.has(actionId))
      return Promise.reject(new TelephonyError('AMI_BAD_VALUE', `ActionID ${actionId} is already in use`));
    let wire: Record<string, string | Record<string, string>>;
    try {
      wire = toLibraryAction(action, actionId);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const timeoutMs =
      options.timeoutMs ??
      (/^originate$/i.test(action.Action) ? this.timing.originateTimeoutMs : this.timing.actionTimeoutMs);
    // The library registers once(actionId) for its own callback; drop it whatever happens (D1 leak).
    const cleanup = () => connection.manager.removeAllListeners(actionId);
    const answer = this.pending.add(actionId, action.Action, isList, timeoutMs, cleanup);
    try {
      connection.manager.action(wire);
    } catch (error) {
      const detail = `AMI ${action.Action} to ${this.where} could not be written: ${String(error)}`;
      this.pending.fail(actionId, new TelephonyError('AMI_DISCONNECTED', detail));
    }
    return answer;
  }

  private openConnection(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (this.closing) return;
    const { host, port, user, secret } = this.options;
    // Port 0: do not let the factory connect and log in on its own (it would log in with a no-op callback).
    const manager = AsteriskManager(0, host, user, secret, true);
    this.connectionSeq += 1;
    const connection: Connection = {
      id: this.connectionSeq,
      manager,
      ready: false,
      closed: false,
      socketError: undefined,
      loginTimer: undefined,
    };
    this.connection = connection;
    manager.on('rawevent', (raw: RawAmiMessage) => this.onRaw(connection, raw));
    manager.on('error', (error: Error) => {
      // D4: after an error the socket may be dead; stop writing before 'close' arrives.
      connection.socketError = error.message;
      connection.ready = false;
    });
    manager.on('end', () => this.onLost(connection, 'AMI connection ended by the peer'));
    manager.on('close', () => this.onLost(connection, 'AMI connection closed'));
    connection.loginTimer = setTimeout(
      () => this.onLost(connection, `no login answer within ${this.timing.loginTimeoutMs} ms`),
      this.timing.loginTimeoutMs,
    );
    manager.connect(port, host, () => {
      if (connection.closed) return;
      manager.login((error) => this.onLogin(connection, error));
    });
  }

  private onLogin(connection: Connection, error: RawAmiMessage | undefined): void {
    if (connection.closed) return;
    clearTimeout(connection.loginTimer);
    if (error) {
      const message = typeof error.message === 'string' ? error.message : 'no message';
      const reason = `AMI login refused by ${this.where} for user "${this.options.user}": ${message}`;
      this.fail(connection, new TelephonyError('AMI_REJECTED', reason), reason);
      return;
    }
    connection.ready = true;
    this.failures = 0;
    this.missedPings = 0;
    this.lastFailure = undefined;
    this.logger.info({ ami: this.where, user: this.options.user, connection: connection.id }, 'ami.login.ok');
    this.startHeartbeat();
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve();
    this.setLink(true);
  }

  private onLost(connection: Connection, reason: string): void {
    if (connection.closed) return;
    const wasReady = connection.ready;
    const detail = connection.socketError ? `${reason} (${connection.socketError})` : reason;
    const message = wasReady
      ? `AMI connection to ${this.where} lost: ${detail}`
      : `cannot log in to AMI at ${this.where}: ${detail}`;
    this.fail(connection, new TelephonyError('AMI_DISCONNECTED', message), message);
  }

  /** Common path for every way a connection dies: teardown, reject everything waiting, retry. */
  private fail(connection: Connection, error: TelephonyError, reason: string): void {
    this.teardown(connection);
    if (this.connection === connection) this.connection = undefined;
    if (this.lastFailure !== reason) this.logger.warn({ ami: this.where, reason }, 'ami.link.down');
    this.lastFailure = reason;
    this.rejectAllPending(
      new TelephonyError('AMI_DISCONNECTED', `${reason}; the action may or may not have run`),
    );
    this.rejectWaiters(error);
    this.setLink(false, reason);
    this.scheduleReconnect();
  }

  private teardown(connection: Connection): void {
    if (connection.closed) return;
    connection.closed = true;
    connection.ready = false;
    clearTimeout(connection.loginTimer);
    if (this.connection === connection) this.stopHeartbeat();
    const manager = connection.manager;
    manager.removeAllListeners();
    // D6: the socket is private and may still emit 'error' later; an EventEmitter 'error' without a
    // listener would crash the process.
    manager.on('error', () => undefined);
    try {
      manager.disconnect();
    } catch (error) {
      this.logger.debug({ ami: this.where, error: String(error) }, 'ami.disconnect.failed');
    }
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const base = Math.min(this.timing.reconnectMaxMs, this.timing.reconnectMinMs * 2 ** this.failures);
    const delay = Math.round(base + Math.random() * base * RECONNECT_JITTER);
    this.failures += 1;
    this.logger.debug({ ami: this.where, delayMs: delay }, 'ami.reconnect.scheduled');
    this.reconnectTimer = setTimeout(() => this.openConnection(), delay);
  }

  private rejectAllPending(error: TelephonyError): void {
    this.pending.rejectAll(error);
  }

  private rejectWaiters(error: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  private setLink(up: boolean, reason?: string): void {
    if (this.linkUp === up) return;
    this.linkUp = up;
    for (const listener of [...this.linkListeners]) {
      try {
        listener({ up, reason });
      } catch (error) {
        this.logger.error({ error: String(error) }, 'ami.listener.failed');
      }
    }
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.pingTimer = setInterval(() => this.heartbeat(), this.timing.pingIntervalMs);
    this.pingTimer.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    this.pingInFlight = false;
  }

  private heartbeat(): void {
    const connection = this.connection;
    if (!connection?.ready || this.pingInFlight) return;
    this.pingInFlight = true;
    this.send({ Action: 'Ping' }, { timeoutMs: this.timing.pingTimeoutMs })
      .then(() => {
        this.missedPings = 0;
      })
      .catch((error: unknown) => {
        if (!(error instanceof TelephonyError) || error.code !== 'AMI_TIMEOUT' || connection.closed) return;
        this.missedPings += 1;
        if (this.missedPings >= this.timing.missedPingsBeforeReconnect) {
          this.missedPings = 0;
          this.onLost(connection, `${this.timing.missedPingsBeforeReconnect} Pings unanswered`);
        }
      })
      .finally(() => {
        if (this.connection === connection) this.pingInFlight = false;
      });
  }

  /** Runs inside the library's socket 'data' handler: must never throw (it would lose parser state). */
  private onRaw(connection: Connection, raw: RawAmiMessage): void {
    if (connection.closed) return;
    try {
      if (raw.event !== undefined) this.onEventMessage(raw);
      else if (typeof raw.response === 'string') this.onResponse(raw);
    } catch (error) {
      this.logger.error({ error: String(error) }, 'ami.message.failed');
    }
  }

  private onResponse(raw: RawAmiMessage): void {
    const message = normaliseRawMessage(raw);
    if (!this.pending.onResponse(message)) {
      const { ActionID: actionId, Response: response } = message.headers;
      this.logger.debug({ actionId, response }, 'ami.response.unmatched');
    }
  }

  private onEventMessage(raw: RawAmiMessage): void {
    const message = normaliseRawMessage(raw);
    const event: AmiEvent = { ...message, event: message.headers.Event ?? '', receivedAt: new Date() };
    if (this.pending.onEvent(event)) return;
    for (const listener of [...this.eventListeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ event: event.event, error: String(error) }, 'ami.listener.failed');
      }
    }
  }
}
