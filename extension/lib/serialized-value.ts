import { Mutex } from 'async-mutex';

/** What a `wxt/utils/storage` item offers (and a test can give without a browser). */
export interface ValueStore<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/**
 * A stored value whose updates run one after another: each update reads the value the
 * previous one wrote, so two quick updates (a send while a flush drops acknowledged
 * items) never both read the old value and lose one write.
 */
export class SerializedValue<T> {
  private readonly store: ValueStore<T>;
  private readonly mutex = new Mutex();

  constructor(store: ValueStore<T>) {
    this.store = store;
  }

  /** The value after every update started before this call. */
  get(): Promise<T> {
    return this.mutex.runExclusive(() => this.store.getValue());
  }

  update(fn: (value: T) => T): Promise<T> {
    return this.mutex.runExclusive(async () => {
      const next = fn(await this.store.getValue());
      await this.store.setValue(next);
      return next;
    });
  }
}
