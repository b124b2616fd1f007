import { getSystemErrorMap } from 'util';
import type { OutputStream } from './commands/command';

/**
 * A process output stream that records its first write error instead of throwing it. Node
 * reports most write errors in a later 'error' event, so the error is known only when every
 * write has finished (see `main`).
 */
export class GuardedOutput implements OutputStream {
  error: NodeJS.ErrnoException | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {
    stream.on('error', (error: NodeJS.ErrnoException) => this.recordError(error));
  }

  get isTTY(): boolean {
    return this.stream.isTTY === true;
  }

  /** Writes `text` unless an earlier write failed. */
  write(text: string): void {
    if (this.error !== undefined) {
      return;
    }
    try {
      this.stream.write(text);
    } catch (error) {
      this.recordError(error as NodeJS.ErrnoException);
    }
  }

  /**
   * Reports whether output was lost for a reason other than a closed pipe. A reader that
   * closes the pipe early, as `head` does, wants no more output, so that is not a failure.
   */
  failed(): boolean {
    return this.error !== undefined && this.error.code !== 'EPIPE';
  }

  private recordError(error: NodeJS.ErrnoException): void {
    this.error ??= error;
  }
}

/** Describes a system error as `no space left on device (ENOSPC)`. */
export function describeSystemError(error: NodeJS.ErrnoException): string {
  const entry = typeof error.errno === 'number' ? getSystemErrorMap().get(error.errno) : undefined;
  if (entry === undefined) {
    return error.message;
  }
  const [code, description] = entry;
  return `${description} (${code})`;
}
