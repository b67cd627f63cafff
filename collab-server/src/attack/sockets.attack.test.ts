/** Findings 8 and 10: idle unauthenticated sockets exhausted file descriptors; presence
 * could be spoofed under another client id, and flooded with huge frames. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../testing/harness.ts';
import { api, connect, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';
import {
  AckProbe,
  RawSocket,
  acksDuring,
  ackBound,
  awarenessFrame,
  baselineAcks,
  percentile,
  report,
} from './raw-client.ts';

const LIMITS = { maxConnectionsPerAddress: 40, authTimeoutMs: 4_000 };

let s: RunningServer;
let owner: { token: string; email: string };
let viewer: { token: string; email: string };
let board: string;
let probe: AckProbe;
beforeAll(async () => {
  s = await startServer({ limits: LIMITS });
  owner = await signUp(s.url);
  viewer = await signUp(s.url);
  const victim = await signUp(s.url);
  board = await newBoard(s.url, owner.token);
  await api(s.url, 'PUT', `/api/boards/${board}/members`, {
    token: owner.token,
    body: { email: viewer.email, role: 'viewer' },
  });
  probe = await AckProbe.open(s.wsUrl, await newBoard(s.url, victim.token), victim.token);
});
afterAll(async () => {
  probe?.socket.close();
  await s?.server.close();
});

describe('attack 8: idle sockets that never authenticate', () => {
  it('caps sockets per address and closes the idle ones after the auth timeout', async () => {
    const baseline = await baselineAcks(probe);
    probe.start();
    // The probe holds one socket of the address's budget; a spoofed X-Forwarded-For
    // changes nothing without a trusted proxy.
    const idle = Array.from(
      { length: LIMITS.maxConnectionsPerAddress + 10 },
      (_, i) => new RawSocket(s.wsUrl, { 'x-forwarded-for': `10.0.${i >> 8}.${i & 255}` }),
    );
    const outcomes = await Promise.all(
      idle.map((socket) =>
        socket.opened.then(
          () => 'open',
          () => 'refused',
        ),
      ),
    );
    // Past the cap, upgrades are refused (the first ones may have timed out meanwhile on
    // a loaded machine, freeing their places, so the count of opened ones varies).
    expect(outcomes.filter((o) => o === 'refused').length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === 'open').length).toBeLessThanOrEqual(idle.length - 1);
    const closes = await Promise.all(
      idle.filter((_, i) => outcomes[i] === 'open').map((socket) => socket.closed),
    );
    expect(closes.every((c) => c.code === 4401)).toBe(true);
    const during = await acksDuring(probe, 30);
    report('during the idle-socket flood', during);
    expect(percentile(during, 99)).toBeLessThan(ackBound(baseline));
    // The budget is free again.
    const after = new RawSocket(s.wsUrl);
    await after.auth(board, owner.token);
    after.close();
    expect((await api(s.url, 'GET', '/healthz')).status).toBe(200);
  });
});

describe('attack 10: presence spoofing and flooding', () => {
  it('binds presence to its connection, caps its size and rate', async () => {
    const ownerClient = await connect(s.wsUrl, board, owner.token);
    const observer = await connect(s.wsUrl, board, owner.token);
    try {
      ownerClient.provider.setAwarenessField('user', { name: 'Teacher' });
      const ownerId = ownerClient.doc.clientID;
      await waitFor(
        'the owner’s presence to reach the observer',
        () => observer.provider.awareness?.getStates().get(ownerId)?.['user']?.name === 'Teacher',
      );
      // Every attack frame is built before the measurement: the test shares its process
      // (and event loop) with the server, so building them would count against the server.
      const spoof = awarenessFrame(board, ownerId, 1_000, {
        user: { name: 'Teacher: answers at evil.example' },
      });
      const participants = [
        awarenessFrame(board, 777_001, 1, { user: { name: 'viewer' } }),
        awarenessFrame(board, 777_002, 1, { user: { name: 'fake participant' } }),
      ];
      const huge = awarenessFrame(board, 888_001, 1, { blob: 'x'.repeat(900_000) });
      const burst = Array.from({ length: 500 }, (_, i) =>
        awarenessFrame(board, 999_001, i + 1, { cursor: { x: i, y: i } }),
      );
      const baseline = await baselineAcks(probe);
      probe.start();

      // Spoofing: the viewer's first presence claims the owner's client id.
      const spoofer = new RawSocket(s.wsUrl);
      await spoofer.auth(board, viewer.token);
      spoofer.send(spoof);
      expect((await spoofer.closed).code).toBe(4400);

      // Extra participants: a second client id on one connection.
      const faker = new RawSocket(s.wsUrl);
      await faker.auth(board, viewer.token);
      for (const f of participants) faker.send(f);
      expect((await faker.closed).code).toBe(4400);

      // Flooding: a 900 KB presence, then a burst of small ones.
      const flooder = new RawSocket(s.wsUrl);
      await flooder.auth(board, viewer.token);
      flooder.send(huge);
      expect((await flooder.closed).code).toBe(4400);
      const chatty = new RawSocket(s.wsUrl);
      await chatty.auth(board, viewer.token);
      for (const f of burst) chatty.send(f);

      const during = await acksDuring(probe, 30);
      chatty.close();
      report('during presence spoofing and flooding', during);
      expect(percentile(during, 99)).toBeLessThan(ackBound(baseline));
      const states = observer.provider.awareness?.getStates();
      expect(states?.get(ownerId)?.['user']?.name).toBe('Teacher');
      expect(states?.has(777_002)).toBe(false);
      expect(states?.has(888_001)).toBe(false);
    } finally {
      ownerClient.destroy();
      observer.destroy();
    }
  });
});
