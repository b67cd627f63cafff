/** Where one simulated client connects and which board it writes on. */
export interface Placement {
  board: number;
  server: number;
}

/**
 * Client i writes on board i mod boards and is the k-th member of it (k = ⌊i / boards⌋);
 * it connects to server (board + k) mod servers. So the members of a board sit on
 * consecutive servers (a board with ≥ `servers` members spans every instance, like
 * round-robin load balancing without sticky sessions), and rotating by the board index
 * keeps the instances within one client of each other.
 */
export function placeClient(index: number, boards: number, servers: number): Placement {
  const board = index % boards;
  const member = Math.floor(index / boards);
  return { board, server: (board + member) % servers };
}

export type PeerClass = 'same' | 'cross';

/** A delivery is same-instance when sender and receiver hold sockets on one server. */
export function classifyDelivery(senderServer: number, receiverServer: number): PeerClass {
  return senderServer === receiverServer ? 'same' : 'cross';
}

/** How many peers of each class receive an update from each client: the expected
 * deliveries of a send, to compute how many were lost. */
export function peerCounts(
  clients: number,
  boards: number,
  servers: number,
): { same: number; cross: number }[] {
  const placements = Array.from({ length: clients }, (_, i) => placeClient(i, boards, servers));
  const membersByBoard = new Map<number, number[]>();
  placements.forEach(({ board }, i) => {
    const members = membersByBoard.get(board) ?? [];
    members.push(i);
    membersByBoard.set(board, members);
  });
  return placements.map(({ board, server }, i) => {
    const counts = { same: 0, cross: 0 };
    for (const peer of membersByBoard.get(board) ?? []) {
      if (peer === i) continue;
      counts[classifyDelivery(server, placements[peer]?.server ?? -1)] += 1;
    }
    return counts;
  });
}
