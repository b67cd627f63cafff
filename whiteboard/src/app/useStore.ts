import { useCallback, useSyncExternalStore } from 'react';

interface Store<T> {
  subscribe(listener: () => void): () => void;
  getState(): T;
}

/** Subscribe a component to an editor/connection store: re-renders on every change. */
export function useStore<T>(store: Store<T>): T {
  return useStoreSelector(store, identity);
}

const identity = <T>(state: T): T => state;

/**
 * Subscribe to one value of a store: the component re-renders only when `select` returns
 * something new (by `Object.is`), not on every change (a pointer move changes the draft
 * stroke many times a second). `select` must return primitives or parts of the state
 * (stable references), never a fresh object.
 */
export function useStoreSelector<T, U>(store: Store<T>, select: (state: T) => U): U {
  const subscribe = useCallback((l: () => void) => store.subscribe(l), [store]);
  return useSyncExternalStore(subscribe, () => select(store.getState()));
}
