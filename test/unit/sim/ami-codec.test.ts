import { describe, expect, it } from 'vitest';
import { AmiFrameParser, encodeAmiMessage } from '../../../src/sim/pbx/ami-codec.js';

describe('simulated PBX AMI framing', () => {
  const frame = encodeAmiMessage([
    ['Action', 'Originate'],
    ['ActionID', 'dlr-1-2'],
    ['CallerID', '"Zoë Ünïcode" <5550100>'],
    ['Variable', '__ATTEMPTID=att-1'],
    ['Variable', 'AMD_MODE=on'],
  ]);
  const bytes = Buffer.from(frame + frame, 'utf8');

  it('parses two messages split at every byte boundary, including inside UTF-8 sequences', () => {
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const parser = new AmiFrameParser();
      const messages = [...parser.push(bytes.subarray(0, cut)), ...parser.push(bytes.subarray(cut))];
      expect(messages).toHaveLength(2);
      for (const message of messages) {
        expect(message.get('action')).toBe('Originate');
        expect(message.get('CALLERID')).toBe('"Zoë Ünïcode" <5550100>');
        expect(message.getAll('Variable')).toEqual(['__ATTEMPTID=att-1', 'AMD_MODE=on']);
      }
    }
  });

  it('accepts bare LF line ends', () => {
    const parser = new AmiFrameParser();
    const [message] = parser.push('Action: Ping\nActionID: 7\n\n');
    expect(message?.get('ActionID')).toBe('7');
  });
});
