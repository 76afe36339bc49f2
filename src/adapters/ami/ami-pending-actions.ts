/**
 * The client's own table of actions waiting for an answer, keyed by our ActionID (research §1.6
 * items 1, 2 and 6). asterisk-manager's per-id emitter is never relied on: it has no timeout (D1),
 * uses the id as an event name (D2), and hands list actions only their ack (D7).
 */
import { TelephonyError } from '../../domain/errors.js';
import type { AmiEvent, AmiListResult, AmiMessage, AmiResponse } from './ami-types.js';

interface Entry {
  readonly action: string;
  readonly isList: boolean;
  readonly timer: NodeJS.Timeout;
  /** Undoes what the send registered elsewhere (the library's once(actionId) listener). */
  readonly cleanup: () => void;
  readonly resolve: (value: AmiResponse | AmiListResult) => void;
  readonly reject: (error: Error) => void;
  response: AmiResponse | undefined;
  readonly items: AmiEvent[];
}

export class PendingActions {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly where: string) {}

  has(actionId: string): boolean {
    return this.entries.has(actionId);
  }

  /** Registers an action before it is written; the promise settles on its answer or its timeout. */
  add(
    actionId: string,
    action: string,
    isList: boolean,
    timeoutMs: number,
    cleanup: () => void,
  ): Promise<AmiResponse | AmiListResult> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.take(actionId);
        reject(
          new TelephonyError(
            'AMI_TIMEOUT',
            `AMI ${action} (${actionId}) to ${this.where}: no answer within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.entries.set(actionId, {
        action,
        isList,
        timer,
        cleanup,
        resolve,
        reject,
        response: undefined,
        items: [],
      });
    });
  }

  fail(actionId: string, error: Error): void {
    this.take(actionId)?.reject(error);
  }

  rejectAll(error: Error): void {
    for (const actionId of [...this.entries.keys()]) this.fail(actionId, error);
  }

  /** A Response message; returns false when no action waits for it. */
  onResponse(message: AmiMessage): boolean {
    const actionId = message.headers.ActionID ?? '';
    const entry = this.entries.get(actionId);
    if (!entry) return false;
    const response: AmiResponse = {
      ...message,
      response: message.headers.Response ?? '',
      actionId,
      message: message.headers.Message,
    };
    if (/^error$/i.test(response.response)) {
      this.take(actionId);
      const why = response.message ?? 'no message';
      entry.reject(
        new TelephonyError('AMI_REJECTED', `AMI ${entry.action} refused by ${this.where}: ${why}`),
      );
      return true;
    }
    if (entry.isList && /^start$/i.test(message.headers.EventList ?? '')) {
      entry.response = response;
      return true;
    }
    this.take(actionId);
    entry.resolve(entry.isList ? { response, items: [], complete: undefined } : response);
    return true;
  }

  /** An event; returns true when it is an item (or the end) of a list we are collecting. */
  onEvent(event: AmiEvent): boolean {
    const actionId = event.headers.ActionID;
    const entry = actionId === undefined ? undefined : this.entries.get(actionId);
    if (!entry?.isList || !entry.response || actionId === undefined) return false;
    if (/^complete$/i.test(event.headers.EventList ?? '')) {
      this.take(actionId);
      entry.resolve({ response: entry.response, items: entry.items, complete: event });
    } else {
      entry.items.push(event);
    }
    return true;
  }

  private take(actionId: string): Entry | undefined {
    const entry = this.entries.get(actionId);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.entries.delete(actionId);
    entry.cleanup();
    return entry;
  }
}
