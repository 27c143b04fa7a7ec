/** localStorage that never throws (private mode, quota, disabled storage). */
export const storage = {
  get(key: string): string | null {
    try {
      return globalThis.localStorage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  set(key: string, value: string): boolean {
    try {
      globalThis.localStorage?.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  },
  remove(key: string): void {
    try {
      globalThis.localStorage?.removeItem(key);
    } catch {
      // nothing to remove
    }
  },
  /** Removes every key that starts with the prefix (sign-out clears personal data). */
  removePrefix(prefix: string): void {
    try {
      const ls = globalThis.localStorage;
      if (!ls) return;
      for (const key of Object.keys(ls)) if (key.startsWith(prefix)) ls.removeItem(key);
    } catch {
      // nothing to remove
    }
  },
};

/** Removes every sessionStorage key that starts with the prefix (the confirmation kept for this tab). */
export function removeSessionPrefix(prefix: string): void {
  try {
    const ss = globalThis.sessionStorage;
    if (!ss) return;
    for (const key of Object.keys(ss)) if (key.startsWith(prefix)) ss.removeItem(key);
  } catch {
    // nothing to remove
  }
}

/** A value kept in localStorage that components can subscribe to (useSyncExternalStore). */
export function storedValue(key: string) {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (e) => {
      if (e.key === key) notify();
    });
  }
  return {
    get: () => storage.get(key),
    set: (value: string | null) => {
      if (value === null) storage.remove(key);
      else storage.set(key, value);
      notify();
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
