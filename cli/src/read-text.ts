import { isUtf8 } from 'buffer';
import * as fs from 'fs';

const BYTES_PER_MEBIBYTE = 1024 * 1024;

/**
 * Files above this size are rejected: regular files before they are read, and devices and
 * pipes once this many bytes have been read.
 */
export const MAX_FILE_BYTES = 50 * BYTES_PER_MEBIBYTE;

/** The first read size for an input whose size is unknown, such as a pipe. */
const STREAM_CHUNK_BYTES = 64 * 1024;

/** A file that could not be read as text, with a message for people. */
export class InputError extends Error {}

/** Decoded text, or the reason the bytes are not text. */
export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Reads a file as text. Throws `InputError` when the file is missing, unreadable, larger
 * than `MAX_FILE_BYTES` or not text (see `decodeText`).
 */
export function readTextFile(filePath: string): string {
  const bytes = readBytes(filePath, MAX_FILE_BYTES);
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    throw new InputError(decoded.reason);
  }
  return decoded.text;
}

/**
 * Reads at most `limit` bytes from the start of a file, without rejecting large files. The
 * bytes may end in the middle of a character.
 */
export function readFileHead(filePath: string, limit: number): Uint8Array {
  const descriptor = openForReading(filePath);
  try {
    const buffer = Buffer.alloc(limit);
    const length = fs.readSync(descriptor, buffer, 0, limit, 0);
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(descriptor);
  }
}

/** Returns the file's size in bytes, or throws `InputError`. */
export function fileSize(filePath: string): number {
  try {
    return fs.statSync(filePath).size;
  } catch (error) {
    throw new InputError(describeFileError(error));
  }
}

/**
 * Decodes UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark. The
 * byte order mark is removed. Bytes with a NUL, invalid UTF-8 and invalid UTF-16 are
 * rejected with a reason that gives the position of the first bad byte.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return decodeUtf16(bytes, 'utf-16le');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return decodeUtf16(bytes, 'utf-16be');
  }

  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      reason:
        `the file contains a NUL byte at ${describeByte(bytes, nul)}, so it is binary ` +
        'or UTF-16 without a byte order mark. Save it as UTF-8 text.',
    };
  }

  const invalid = isUtf8(bytes) ? -1 : firstInvalidUtf8Byte(bytes);
  if (invalid !== -1) {
    return {
      ok: false,
      reason: `the file is not valid UTF-8 at ${describeByte(bytes, invalid)}. Save it as UTF-8 text.`,
    };
  }
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
}

/** Turns an error from `fs` into a message such as `file or folder not found`. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'file or folder not found.';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied.';
    case 'EISDIR':
      return 'it is a folder, not a file.';
    case 'ELOOP':
      return 'too many levels of symbolic links.';
    case 'ENOTDIR':
      return 'a part of the path is not a folder.';
    default:
      return `${error instanceof Error ? error.message : String(error)}.`;
  }
}

function readBytes(filePath: string, limit: number): Uint8Array {
  const descriptor = openForReading(filePath);
  try {
    return readUpToLimit(descriptor, limit);
  } catch (error) {
    throw error instanceof InputError ? error : new InputError(describeFileError(error));
  } finally {
    fs.closeSync(descriptor);
  }
}

/**
 * Reads to the end of the file, and throws `InputError` once it has read more than `limit`
 * bytes. The limit applies while reading, because `stat` gives no size for character devices
 * such as /dev/zero and for pipes, and a file can grow while it is read.
 */
function readUpToLimit(descriptor: number, limit: number): Uint8Array {
  const stats = fs.fstatSync(descriptor);
  if (stats.isFile() && stats.size > limit) {
    throw new InputError(
      `the file is ${formatSize(stats.size)}, larger than the ${formatLimit(limit)}.`,
    );
  }

  // One byte more than the limit is enough to tell that the input is too large.
  const capacity = limit + 1;
  const initialSize = stats.isFile() ? stats.size + 1 : STREAM_CHUNK_BYTES;
  let buffer = Buffer.allocUnsafe(Math.min(initialSize, capacity));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length === capacity) {
        throw new InputError(`the file is larger than the ${formatLimit(limit)}.`);
      }
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, capacity));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    const count = fs.readSync(descriptor, buffer, length, buffer.length - length, null);
    if (count === 0) {
      return buffer.subarray(0, length);
    }
    length += count;
  }
}

function openForReading(filePath: string): number {
  try {
    return fs.openSync(filePath, 'r');
  } catch (error) {
    throw new InputError(describeFileError(error));
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      reason: `the file starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}.`,
    };
  }
  if (text.includes('\0')) {
    return { ok: false, reason: 'the file contains a NUL character, so it is binary, not text.' };
  }
  return { ok: true, text };
}

/** Returns the offset of the first byte that does not belong to a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    if (lead < 0x80) {
      index++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0 || index + length > bytes.length) {
      return index;
    }
    // The second byte's range excludes overlong forms and UTF-16 surrogates (RFC 3629).
    const second = bytes[index + 1];
    const [low, high] = secondByteRange(lead);
    if (second < low || second > high) {
      return index;
    }
    for (let next = index + 2; next < index + length; next++) {
      if ((bytes[next] & 0xc0) !== 0x80) {
        return index;
      }
    }
    index += length;
  }
  return -1;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) {
    return 2;
  }
  if (lead >= 0xe0 && lead <= 0xef) {
    return 3;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    return 4;
  }
  return 0;
}

function secondByteRange(lead: number): [number, number] {
  switch (lead) {
    case 0xe0:
      return [0xa0, 0xbf];
    case 0xed:
      return [0x80, 0x9f];
    case 0xf0:
      return [0x90, 0xbf];
    case 0xf4:
      return [0x80, 0x8f];
    default:
      return [0x80, 0xbf];
  }
}

/** Describes a byte offset as `line 3 (byte offset 57)`, counting `\n` bytes before it. */
function describeByte(bytes: Uint8Array, offset: number): string {
  let line = 1;
  for (
    let index = bytes.indexOf(10);
    index !== -1 && index < offset;
    index = bytes.indexOf(10, index + 1)
  ) {
    line++;
  }
  return `line ${line} (byte offset ${offset})`;
}

/**
 * Formats a size as `52,428,922 bytes (50.1 MiB)`. The MiB figure is rounded up, so that a size
 * over a limit never reads as equal to it.
 */
function formatSize(bytes: number): string {
  const mebibytes = Math.ceil((bytes / BYTES_PER_MEBIBYTE) * 10) / 10;
  return `${groupDigits(bytes)} bytes (${mebibytes.toFixed(1)} MiB)`;
}

/** Formats a limit as `50 MiB limit (52,428,800 bytes)`. */
function formatLimit(bytes: number): string {
  const mebibytes = bytes / BYTES_PER_MEBIBYTE;
  return `${mebibytes} MiB limit (${groupDigits(bytes)} bytes)`;
}

/** Writes an integer with a comma between groups of three digits, whatever the locale. */
function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
}
