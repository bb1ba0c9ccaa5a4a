/**
 * Atomic file writes: a reader sees the old file or the new one, never half of either.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What `writeFileAtomic` accepts: the whole content, or chunks produced while writing. */
export type AtomicContent =
  string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

const isChunk = (x: unknown): x is string | Uint8Array =>
  typeof x === 'string' || x instanceof Uint8Array;

/**
 * Writes `content` to `path` atomically: into a temporary file beside it (same directory, so
 * the same file system), flushed to disk, then renamed over `path`. If anything throws midway,
 * including a chunk producer, the temporary file is removed and `path` keeps its old content.
 *
 * Pitfall: the directory must exist. Rename is atomic on POSIX file systems; on Windows a
 * reader holding `path` open can make it fail, which is reported, not retried.
 *
 * @example
 * await writeFileAtomic('out/plot.svg', svg);
 * await writeFileAtomic('out/log.txt', (function* () { yield 'a\n'; yield 'b\n'; })());
 */
export const writeFileAtomic = async (path: string, content: AtomicContent): Promise<void> => {
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temp = join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    try {
      const chunks = isChunk(content) ? [content] : content;
      // writeFile, unlike write, loops until the whole chunk is written.
      for await (const chunk of chunks) await handle.writeFile(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
};
