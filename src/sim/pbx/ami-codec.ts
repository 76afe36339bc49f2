/**
 * AMI framing as Asterisk 22 does it (main/manager.c): `Key: Value` lines ending in CRLF, a blank
 * line ending each message. Header names are matched case-insensitively (astman_get_header uses
 * strncasecmp), which matters because asterisk-manager re-cases them ("Channelid").
 */
import { StringDecoder } from 'node:string_decoder';

/** Ordered headers of one message; order is kept because Asterisk's is part of "the same shape". */
export type AmiFields = Array<readonly [string, string]>;

export class AmiMessageIn {
  constructor(readonly fields: AmiFields) {}

  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.fields.find(([key]) => key.toLowerCase() === lower)?.[1];
  }

  getAll(name: string): string[] {
    const lower = name.toLowerCase();
    return this.fields.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
  }
}

/** Incremental parser: feed it socket chunks split anywhere, even inside a UTF-8 sequence. */
export class AmiFrameParser {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private fields: AmiFields = [];

  push(chunk: Buffer | string): AmiMessageIn[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const messages: AmiMessageIn[] = [];
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      if (line === '') {
        if (this.fields.length > 0) messages.push(new AmiMessageIn(this.fields));
        this.fields = [];
      } else {
        const colon = line.indexOf(':');
        if (colon > 0) this.fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
      }
      newline = this.buffer.indexOf('\n');
    }
    return messages;
  }
}

export function encodeAmiMessage(fields: AmiFields): string {
  return `${fields.map(([key, value]) => `${key}: ${value}`).join('\r\n')}\r\n\r\n`;
}
