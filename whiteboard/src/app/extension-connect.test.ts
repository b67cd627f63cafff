import { describe, expect, it } from 'vitest';
import { checkConnectRequest, extensionRedirect } from './extension-connect.ts';
import { parseRoute, routePath } from './routes.ts';

const CONNECT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/connect.html';

describe('extension connect', () => {
  it('hands the token and state back to an extension page in the fragment', () => {
    const target = new URL(extensionRedirect(CONNECT, 'st4te-1', 'mmat_secret'));
    expect(`${target.protocol}//${target.host}${target.pathname}`).toBe(CONNECT);
    expect(Object.fromEntries(new URLSearchParams(target.hash.slice(1)))).toEqual({
      token: 'mmat_secret',
      state: 'st4te-1',
    });
    expect(target.search).toBe('');
    expect(extensionRedirect('moz-extension://uuid-1/connect.html', 's', 't')).toMatch(
      /^moz-extension:\/\/uuid-1\/connect\.html#/,
    );
  });

  it('refuses to hand a token to anything but an extension page', () => {
    for (const redirect of [
      'https://evil.example/steal',
      'http://127.0.0.1:8787/connect',
      'javascript:alert(1)',
      'data:text/html,x',
      'not a url',
      '',
    ]) {
      expect(() => checkConnectRequest(redirect, 'state')).toThrow(/extension|return address/);
    }
  });

  it('refuses a missing or malformed state', () => {
    expect(() => checkConnectRequest(CONNECT, '')).toThrow(/incomplete/);
    expect(() => checkConnectRequest(CONNECT, 'a&token=x')).toThrow(/incomplete/);
    expect(() => checkConnectRequest(CONNECT, 'x'.repeat(300))).toThrow(/incomplete/);
  });

  it('is a route with its parameters', () => {
    const route = parseRoute(
      '/extension/connect',
      `?redirect=${encodeURIComponent(CONNECT)}&state=s1`,
    );
    expect(route).toEqual({ name: 'extension-connect', redirect: CONNECT, state: 's1' });
    const path = routePath(route);
    const [pathname, search] = path.split('?');
    expect(parseRoute(pathname!, `?${search}`)).toEqual(route);
  });
});
