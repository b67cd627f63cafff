import { describe, expect, it } from 'vitest';
import { parseRoute, parseShareToken, routePath } from './routes.ts';

describe('routes', () => {
  it('parses and prints board, share and list routes', () => {
    const id = '0b8f3f5e-7a0e-4a57-9d1c-3d2b3c4d5e6f';
    expect(parseRoute(`/board/${id}`)).toEqual({ name: 'board', id });
    expect(parseRoute('/share/abcDEF_123')).toEqual({ name: 'share', token: 'abcDEF_123' });
    expect(parseRoute('/')).toEqual({ name: 'boards' });
    expect(parseRoute('/board/../../etc')).toEqual({ name: 'boards' });
    for (const r of [
      { name: 'board', id } as const,
      { name: 'share', token: 't1' } as const,
      { name: 'boards' } as const,
    ]) {
      expect(parseRoute(routePath(r))).toEqual(r);
    }
  });

  it('reads the token of a pasted share link', () => {
    const token = 'tgbsd2qv3abcdefghijklmnop';
    expect(parseShareToken(`http://127.0.0.1:8787/share/${token}`)).toBe(token);
    expect(parseShareToken(`  /share/${token}/  `)).toBe(token);
    expect(parseShareToken(token)).toBe(token);
    expect(parseShareToken('https://example.com/board/123')).toBeNull();
    expect(parseShareToken('hello')).toBeNull();
  });
});
