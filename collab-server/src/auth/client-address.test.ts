import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

describe('clientAddress', () => {
  it('ignores X-Forwarded-For without a trusted proxy', () => {
    expect(clientAddress('10.0.0.5', '1.2.3.4', 0)).toBe('10.0.0.5');
  });
  it('takes the hop the trusted proxy appended, not what the client wrote before it', () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; nginx appended the real address.
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
  });
  it('falls back to the socket address when the header is missing', () => {
    expect(clientAddress('127.0.0.1', undefined, 1)).toBe('127.0.0.1');
  });
});
