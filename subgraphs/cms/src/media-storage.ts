import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from '@codex/kit';

/**
 * Where media bytes live, by key (`<tenantId>/<mediaId>`). Small on purpose, so the local disk can
 * give way to object storage (S3, GCS) without touching the domain functions.
 */
export interface MediaStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  /** Removing a missing key is not an error. */
  remove(key: string): Promise<void>;
}

const keyPattern = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** Files under `directory`, one per key. Keys are checked, so no key can reach outside it. */
export function localMediaStorage(directory: string): MediaStorage {
  const fileOf = (key: string) => {
    if (!keyPattern.test(key)) throw new Error(`Invalid media storage key ${JSON.stringify(key)}`);
    return path.join(directory, key);
  };
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write aside, then rename: a reader never sees half a file, and two writers of one key both finish whole.
      const partial = `${file}.${randomUUID()}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, file);
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}

/** Creates the media directory if needed; a directory the service cannot write to stops start-up (not the first upload). */
export async function prepareMediaDirectory(directory: string) {
  try {
    await mkdir(directory, { recursive: true });
    await access(directory, constants.W_OK);
  } catch (error) {
    throw new StartupError(`CMS_MEDIA_DIR ${directory} is not a writable directory (${(error as Error).message})`);
  }
}
