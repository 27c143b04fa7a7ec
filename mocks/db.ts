import type { Attachment, Case, Customer, Session, TimelineEvent } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';

/**
 * The simulated back office's database. One in-memory state, persisted after every change
 * (IndexedDB in the browser so it survives a reload; nothing in Node), so a stored case and
 * the idempotency record that replays it are always saved together.
 */

/** How the simulated provider keeps its promises on a case: on time, late, or not at all. */
export type Behaviour = 'prompt' | 'late' | 'silent';

export type StoredCase = Case & { behaviour: Behaviour };

export type SessionScope = Session['scope'];

export interface StoredAttachment {
  meta: Attachment;
  providerId: ProviderId;
  caseRef: string | null;
  /** The token that uploaded it, so only its uploader can attach it to a case. */
  uploader: string;
}

export interface IdempotentReply {
  fingerprint: string;
  status: number;
  body: unknown;
}

export interface MockState {
  version: number;
  /** null: the real time. Otherwise the mock clock, frozen at this instant. */
  frozenAt: string | null;
  seededProviders: ProviderId[];
  customers: Customer[];
  cases: Record<string, StoredCase>;
  timelines: Record<string, TimelineEvent[]>;
  attachments: Record<string, StoredAttachment>;
  sessions: Record<string, { scope: SessionScope; providerId: ProviderId }>;
  idempotency: Record<string, IdempotentReply>;
}

export const STATE_VERSION = 3;

export function emptyState(): MockState {
  return {
    version: STATE_VERSION,
    frozenAt: null,
    seededProviders: [],
    customers: [],
    cases: {},
    timelines: {},
    attachments: {},
    sessions: {},
    idempotency: {},
  };
}

export interface Persistence {
  load(): Promise<MockState | null>;
  save(state: MockState): Promise<void>;
  loadBlob(id: string): Promise<Uint8Array | null>;
  saveBlob(id: string, bytes: Uint8Array): Promise<void>;
  clear(): Promise<void>;
}

export function memoryPersistence(): Persistence {
  let saved: MockState | null = null;
  const blobs = new Map<string, Uint8Array>();
  return {
    load: () => Promise.resolve(saved ? structuredClone(saved) : null),
    save: (state) => {
      saved = structuredClone(state);
      return Promise.resolve();
    },
    loadBlob: (id) => Promise.resolve(blobs.get(id) ?? null),
    saveBlob: (id, bytes) => {
      blobs.set(id, bytes);
      return Promise.resolve();
    },
    clear: () => {
      saved = null;
      blobs.clear();
      return Promise.resolve();
    },
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export function indexedDbPersistence(name = 'redress-mock-back-office'): Persistence {
  const opened = new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('state');
      req.result.createObjectStore('blobs');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
  const store = async (which: 'state' | 'blobs', mode: IDBTransactionMode) =>
    (await opened).transaction(which, mode).objectStore(which);
  return {
    load: async () => ((await request((await store('state', 'readonly')).get('state'))) as MockState | undefined) ?? null,
    save: async (state) => {
      await request((await store('state', 'readwrite')).put(state, 'state'));
    },
    loadBlob: async (id) => ((await request((await store('blobs', 'readonly')).get(id))) as Uint8Array | undefined) ?? null,
    saveBlob: async (id, bytes) => {
      await request((await store('blobs', 'readwrite')).put(bytes, id));
    },
    clear: async () => {
      await request((await store('state', 'readwrite')).clear());
      await request((await store('blobs', 'readwrite')).clear());
    },
  };
}

class Database {
  state: MockState = emptyState();
  private persistence: Persistence = memoryPersistence();
  private saving: Promise<void> = Promise.resolve();

  async open(persistence: Persistence): Promise<void> {
    this.persistence = persistence;
    const loaded = await persistence.load().catch(() => null);
    this.state = loaded && loaded.version === STATE_VERSION ? loaded : emptyState();
  }

  /** Persists the whole state; writes are serialised so a later one never lands first. */
  save(): Promise<void> {
    const snapshot = this.state;
    this.saving = this.saving.then(() => this.persistence.save(snapshot)).catch(() => undefined);
    return this.saving;
  }

  async reset(): Promise<void> {
    this.state = emptyState();
    await this.persistence.clear();
  }

  loadBlob(id: string) {
    return this.persistence.loadBlob(id);
  }
  saveBlob(id: string, bytes: Uint8Array) {
    return this.persistence.saveBlob(id, bytes);
  }

  now(): Date {
    return this.state.frozenAt ? new Date(this.state.frozenAt) : new Date();
  }
}

export const db = new Database();
