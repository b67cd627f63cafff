import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_LIMITS } from './config.ts';
import { configFromEnv, readEnv } from './env.ts';

describe('environment', () => {
  it('reads the defaults from an empty environment, and empty values as unset', () => {
    const config = configFromEnv({ HOST: '', PORT: '' });
    expect(config.port).toBe(DEFAULT_CONFIG.port);
    expect(config.host).toBe(DEFAULT_CONFIG.host);
    expect(config.limits).toEqual(DEFAULT_LIMITS);
    expect(config.github).toBeUndefined();
    expect(readEnv({}).SOLVER_WORKERS).toBe(1);
  });

  it('reads numbers, lists and OAuth pairs', () => {
    const config = configFromEnv({
      PORT: '9000',
      MESSAGE_BURST: '5',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      GITHUB_CLIENT_ID: 'id',
      GITHUB_CLIENT_SECRET: 'secret',
      GOOGLE_CLIENT_ID: 'only an id',
    });
    expect(config.port).toBe(9000);
    expect(config.limits?.messageBurst).toBe(5);
    expect(config.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.github).toEqual({ clientId: 'id', clientSecret: 'secret' });
    expect(config.google).toBeUndefined();
    expect(readEnv({ WORKERS: '3', SOLVER_LEASE_MS: '250' })).toMatchObject({
      WORKERS: 3,
      SOLVER_LEASE_MS: 250,
    });
  });

  it('refuses a bad number with the variable it came from', () => {
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow('PORT must be a non-negative integer');
    expect(() => readEnv({ SOLVER_WORKERS: '-1' })).toThrow(
      'SOLVER_WORKERS must be a non-negative integer',
    );
    expect(() => readEnv({ WORKERS: '1.5' })).toThrow('WORKERS must be a non-negative integer');
  });

  it('reads the embedded database and refuses an unknown one by name', () => {
    expect(configFromEnv({}).embeddedDb).toBeUndefined();
    expect(configFromEnv({ EMBEDDED_DB: 'pglite' }).embeddedDb).toBe('pglite');
    expect(configFromEnv({ EMBEDDED_DB: '' }).embeddedDb).toBeUndefined();
    expect(() => configFromEnv({ EMBEDDED_DB: 'mysql' })).toThrow(
      'EMBEDDED_DB must be one of sqlite, pglite',
    );
  });
});
