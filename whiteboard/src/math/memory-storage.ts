/**
 * Test helper: localStorage's interface over a Map (Node has no localStorage). With
 * `failWrites`, every write throws as a full or refusing browser storage does.
 */
export function memoryStorage(failWrites = false): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => {
      if (failWrites) throw new Error('QuotaExceededError');
      items.set(k, v);
    },
  };
}
