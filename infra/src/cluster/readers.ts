/**
 * Fresh readers for the checks: a new client of each board on one given instance, with
 * no failover, so what it shows is exactly what that instance holds.
 */
import { BoardClient } from './board-client.ts';
import type { ClusterServer } from './harness.ts';

export interface BoardAccess {
  id: string;
  token: string;
}

/** Connects one fresh client per board to `server`; resolves once each is synced. */
export async function readBoardsOn(
  server: ClusterServer,
  boards: readonly BoardAccess[],
  timeoutMs: number,
): Promise<Map<string, BoardClient>> {
  const readers = new Map<string, BoardClient>();
  try {
    for (const board of boards) {
      const reader = new BoardClient({
        name: `reader on ${server.name}`,
        board: board.id,
        token: board.token,
        urls: [server.wsUrl],
      });
      readers.set(board.id, reader);
      await reader.connect(timeoutMs);
      await reader.waitSettled(timeoutMs);
    }
  } catch (error) {
    for (const reader of readers.values()) reader.destroy();
    throw error;
  }
  return readers;
}
