import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { MAX_FILE_BYTES } from './decode.ts';

/** What reading one standards file gave: its bytes, or why it was not read. */
export type SourceRead =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'not-regular'; what: string }
  | { kind: 'too-large'; size: number }
  | { kind: 'error'; code: string };

/**
 * Read a file only if it is a regular file of at most `limit` bytes. A FIFO blocks `open` and
 * `read` until a writer comes, and a device (`/dev/zero`, a terminal) never ends, so the kind is
 * checked before opening (stat, following links) and again on the open descriptor (fstat), in case
 * the path was swapped in between; the open is non-blocking and never takes a controlling terminal.
 * At most `limit + 1` bytes are read, so a file that grows while it is read is still refused.
 */
export function readRegularFile(file: string, limit = MAX_FILE_BYTES): SourceRead {
  let fd: number | undefined;
  try {
    const before = statSync(file);
    if (!before.isFile()) return { kind: 'not-regular', what: kindOf(before) };
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: 'not-regular', what: kindOf(stat) };
    if (stat.size > limit) return { kind: 'too-large', size: stat.size };
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) return { kind: 'too-large', size: length };
    }
    return { kind: 'bytes', bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { kind: 'error', code: (error as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A source file's text for a code frame, or null when it is not a readable regular file. */
export function readSourceText(file: string): string | null {
  const read = readRegularFile(file);
  if (read.kind !== 'bytes') return null;
  return read.bytes.toString('utf8').replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

/** "a FIFO", "a character device"…: what a non-regular file is, for a message. */
export function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}
