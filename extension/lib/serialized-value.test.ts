import { describe, expect, it } from 'vitest';
import { SerializedValue } from './serialized-value.ts';
import type { ValueStore } from './serialized-value.ts';

/** A store that answers after a turn of the event loop, as extension storage does. */
function slowStore(initial: number[]): ValueStore<number[]> & { value: number[] } {
  const store = {
    value: initial,
    getValue: async () => {
      await new Promise((r) => setImmediate(r));
      return [...store.value];
    },
    setValue: async (v: number[]) => {
      await new Promise((r) => setImmediate(r));
      store.value = [...v];
    },
  };
  return store;
}

describe('SerializedValue', () => {
  it('keeps every one of many concurrent read-modify-write updates', async () => {
    const store = slowStore([]);
    const value = new SerializedValue(store);
    await Promise.all(Array.from({ length: 20 }, (_, i) => value.update((v) => [...v, i])));
    expect(store.value).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('the same updates straight on the store lose writes (what the lock prevents)', async () => {
    const store = slowStore([]);
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => store.setValue([...(await store.getValue()), i])),
    );
    expect(store.value.length).toBeLessThan(20);
  });

  it('get waits for updates started before it', async () => {
    const value = new SerializedValue(slowStore([1]));
    const update = value.update((v) => [...v, 2]);
    expect(await value.get()).toEqual([1, 2]);
    await update;
  });
});
