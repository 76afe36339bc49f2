/**
 * Types for the untyped CommonJS package `asterisk-manager` 0.2.0 (lib/ami.js at fd49676, research
 * §1.2/§1.6). Only src/adapters/ami/ami-client.ts imports it. Everything it parses arrives with
 * lower-cased keys; a repeated key becomes an array; `variable`/`chanvariable` become sub-objects.
 */
declare module 'asterisk-manager' {
  import type { EventEmitter } from 'node:events';

  /** One parsed AMI message exactly as the library emits it on 'rawevent'. */
  export type RawAmiMessage = Record<string, string | string[] | Record<string, string> | undefined>;

  /** The library's callback `err` is the Response: Error message object, not an Error. */
  export type ActionCallback = (err: RawAmiMessage | undefined, res: RawAmiMessage | undefined) => void;

  export interface Manager extends Pick<
    EventEmitter,
    | 'on'
    | 'once'
    | 'removeListener'
    | 'removeAllListeners'
    | 'listeners'
    | 'setMaxListeners'
    | 'emit'
    | 'addListener'
  > {
    options: { port: number; host: string; username: string; password: string; events: boolean };
    /** Opens the socket; `cb` runs on the socket's 'connect'. */
    connect(port: number, host: string, cb?: (err: Error | null) => void): void;
    /** Sends Action: Login with the constructor's credentials; on success replays held actions (D3). */
    login(cb?: (err?: RawAmiMessage) => void): void;
    /** Writes an action; returns the ActionID used. Holds the action while not logged in (D3). */
    action(
      action: Record<string, string | number | Record<string, string> | undefined>,
      cb?: ActionCallback,
    ): string;
    keepConnected(): void;
    disconnect(cb?: () => void): void;
    isConnected(): boolean | undefined;
  }

  /** Factory; connects and logs in at once when `port` is truthy. */
  function AsteriskManager(
    port: number,
    host: string,
    username: string,
    password: string,
    events?: boolean,
  ): Manager;
  export default AsteriskManager;
}
