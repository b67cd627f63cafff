import { useSyncExternalStore } from 'react';

interface Store<T> {
  subscribe(listener: () => void): () => void;
  getState(): T;
}

/** Subscribe a component to an editor/connection store. */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(
    (l) => store.subscribe(l),
    () => store.getState(),
  );
}
