import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout; one line per event, machine-readable (pino). */
export function createLogger(level: string, name: string): Logger {
  return pino({ level, name, base: { pid: process.pid } });
}
