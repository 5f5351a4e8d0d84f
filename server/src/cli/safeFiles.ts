import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The files SQLite keeps beside a database: a stale one would be replayed onto whatever file takes the name. */
export const SIDECARS = ['-wal', '-shm', '-journal'] as const;

/** A temporary name in the destination's own directory, so the final rename never crosses file systems. */
export function tempPathFor(dest: string): string {
  return path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Size in bytes, or null when there is no such file. */
export function sizeOf(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Remove a file and the sidecars SQLite may have left beside it; missing ones are fine. */
export function removeWithSidecars(file: string): void {
  for (const f of [file, ...SIDECARS.map((s) => file + s)]) fs.rmSync(f, { force: true });
}

/** Flush a file's content to the disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flush a directory, so a rename in it survives a power cut. */
function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Put `tmp` in place of `dest` atomically: after a crash at any point `dest` is either the old
 * file or the whole new one. Sidecars of the old file go first: a -wal left beside the new file
 * would be replayed onto it on the next open and corrupt it.
 */
export function replaceFile(tmp: string, dest: string): void {
  fsyncFile(tmp);
  for (const s of SIDECARS) fs.rmSync(dest + s, { force: true });
  fs.renameSync(tmp, dest);
  fsyncDir(path.dirname(dest));
}

/** Whether two paths name the same file (following symbolic links when they exist). */
export function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/** "12.3 MiB": sizes for people. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${bytes} B` : `${v.toFixed(1)} ${units[i]}`;
}
