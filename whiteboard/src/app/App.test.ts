import { describe, expect, it } from 'vitest';
import { parseRoute, routePath } from './App.tsx';

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
});
