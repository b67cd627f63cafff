/**
 * `node --expose-gc src/bench/import-memory.ts [module …]`: what each import adds to a
 * process's memory, in the order given (each figure is the increase over everything
 * imported before it, after a full GC). Without arguments: the server's heavy
 * dependencies in the order the server meets them, then the server itself and the
 * solver (README, "Memory at idle"). Specifiers resolve from this folder.
 */
const DEFAULT_ORDER = [
  // Types only: what it costs is Node's TypeScript stripper, loaded at the first .ts file
  // (bare Hocuspocus's bench script pays it too).
  '../db/database.ts',
  'zod',
  'yjs',
  '@hocuspocus/server',
  'ws',
  'ioredis',
  'prom-client',
  'hono',
  '@hono/zod-openapi',
  'arctic',
  '@node-rs/argon2',
  'pg',
  '@motionmath/protocol',
  '../server.ts',
  '../worker/attach.ts',
  'mathjs',
  '@motionmath/solver',
];

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
async function settle() {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const modules = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_ORDER;
await settle();
let before = process.memoryUsage();
console.log(`node alone: RSS ${mib(before.rss)} MiB, heap ${mib(before.heapUsed)} MiB`);
for (const specifier of modules) {
  await import(specifier);
  await settle();
  const now = process.memoryUsage();
  console.log(
    `+ ${specifier}: RSS +${mib(now.rss - before.rss)} MiB (${mib(now.rss)}), ` +
      `heap +${mib(now.heapUsed - before.heapUsed)}, external +${mib(now.external - before.external)}`,
  );
  before = now;
}
