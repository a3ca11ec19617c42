/**
 * Atomic file replacement: temp file in the same folder, fsync, rename over the target, fsync the
 * folder. A crash at any point leaves either the old file or the new one, never a torn mix.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The prefix of temp files left by an interrupted write of `file` (cleaned by {@link removeStaleTemps}). */
export function tempPrefix(file: string): string {
  return `${basename(file)}.tmp-`;
}

/**
 * Writes `data` to `file` atomically with mode 0600; rejects (and removes the temp file) on any
 * I/O error, leaving the old file untouched.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // Same folder as the target: rename(2) is only atomic within one filesystem.
  const tmp = join(dir, `${tempPrefix(file)}${process.pid}-${randomBytes(4).toString('hex')}`);
  // SECURITY: 0600 even though nothing secret goes here: profiles reveal who uses which cloud account.
  const handle = await fs.open(tmp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  // Persist the rename itself: without the folder fsync, a power cut may bring the old entry back.
  await fsyncDir(dir);
}

async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Some filesystems (and Windows) refuse fsync on a folder; the rename is still atomic there.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * SECURITY: makes `dir` (created if missing) 0700 and everything already in it 0600 (files) or
 * 0700 (folders), so data written by an older version or under a loose umask is private too.
 * Symlinks are left alone (chmod would follow them out of the folder). No-op on Windows, where
 * POSIX modes do not exist.
 */
export async function secureDataFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const walk = async (folder: string): Promise<void> => {
    await fs.chmod(folder, 0o700);
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) await fs.chmod(path, 0o600);
    }
  };
  await walk(dir);
}

/** Deletes temp files left next to `file` by writes that were interrupted (crash, kill). */
export async function removeStaleTemps(file: string): Promise<void> {
  const dir = dirname(file);
  const prefix = tempPrefix(file);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names.filter((n) => n.startsWith(prefix)).map((n) => fs.rm(join(dir, n), { force: true })),
  );
}
