// Refuses writes with STORAGE_FULL while the disk holding the database has
// less free space than a reserve, so the disk never fills: a full disk can
// leave the embedded database unable to start again. Free space is read with
// fs.statfs at most every few seconds, in the background; a write only
// compares two numbers.
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { storageFull } from './errors.js';

export interface StorageGuardOptions {
  /** A path on the disk to watch (the PGlite data directory; its nearest existing parent is used). */
  path: string;
  /** Writes stop while free space is below this many bytes. */
  reserveBytes: number;
  /** How old the free-space reading may get before a write refreshes it. */
  maxAgeMs?: number;
  onError?: (error: unknown) => void;
}

export interface StorageGuard {
  /** Throws STORAGE_FULL while free space is under the reserve. Costs no I/O. */
  assertWritable(): void;
  /** Reads free space now (at start, and in tests). */
  refresh(): Promise<void>;
}

/** No guard (PostgreSQL on another host, or a reserve of 0). */
export const NO_STORAGE_GUARD: StorageGuard = {
  assertWritable: () => undefined,
  refresh: async () => undefined,
};

export function storageGuard(options: StorageGuardOptions): StorageGuard {
  const maxAgeMs = options.maxAgeMs ?? 5_000;
  let freeBytes = Number.POSITIVE_INFINITY;
  let readAt = 0;
  let reading: Promise<void> | null = null;

  const refresh = (): Promise<void> => {
    reading ??= readFree(options.path)
      .then((free) => {
        freeBytes = free;
        readAt = Date.now();
      })
      .catch((error: unknown) => {
        readAt = Date.now();
        options.onError?.(error);
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  };

  return {
    assertWritable() {
      if (Date.now() - readAt > maxAgeMs) void refresh();
      if (freeBytes < options.reserveBytes) throw storageFull();
    },
    refresh,
  };
}

async function readFree(path: string): Promise<number> {
  for (let current = path; ; current = dirname(current)) {
    try {
      const stats = await statfs(current);
      return stats.bavail * stats.bsize;
    } catch (error) {
      const missing = (error as { code?: string }).code === 'ENOENT';
      if (!missing || dirname(current) === current) throw error;
    }
  }
}
