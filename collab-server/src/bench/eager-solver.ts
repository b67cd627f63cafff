/**
 * `--import` preload of the bench's `sqlite-eager-solver` run: the solver (and mathjs)
 * imported at start, as the server did before solver-module.ts made it lazy, so one run
 * measures before and after side by side. `--import` also runs in every worker thread
 * (the SQLite thread), where the server never imported it: main thread only.
 */
import { isMainThread } from 'node:worker_threads';

if (isMainThread) await import('@motionmath/solver');
