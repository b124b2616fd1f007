import type { Diagnostic as LspDiagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';

/** Diagnostics computed for one version of an open document. */
export interface VersionedDiagnostics {
  version: number;
  diagnostics: LspDiagnostic[];
}

export interface DeliveryOptions {
  /**
   * Validates the current version of a document. Returns undefined when the document is no
   * longer open.
   */
  compute(uri: string): Promise<VersionedDiagnostics | undefined>;
  publish(params: PublishDiagnosticsParams): void;
  logError(message: string, error: unknown): void;
  /** Milliseconds to wait after a change before validating, read at each change. */
  delay(): number;
}

interface UriState {
  timer: NodeJS.Timeout | undefined;
  /** The ticket of the latest schedule. A computation with another ticket is stale. */
  ticket: number;
  lastPublishedVersion: number | undefined;
}

/**
 * Publishes diagnostics per document URI. Validation waits until edits pause, a result is
 * dropped when a newer schedule or a clear came after it, and a version older than the one
 * already published is never published.
 */
export class DiagnosticsDelivery {
  private readonly states = new Map<string, UriState>();
  private nextTicket = 1;

  constructor(private readonly options: DeliveryOptions) {}

  /**
   * Validates the document after the configured delay, restarting the wait on each call.
   * With `immediate` (used on open) it validates on the next turn of the event loop.
   */
  schedule(uri: string, immediate = false): void {
    const state = this.stateOf(uri);
    const ticket = this.nextTicket++;
    state.ticket = ticket;
    if (state.timer !== undefined) {
      clearTimeout(state.timer);
    }
    const delay = immediate ? 0 : this.options.delay();
    state.timer = setTimeout(() => void this.run(uri, ticket), delay);
  }

  /**
   * Cancels pending work for the URI and publishes an empty list for it. A computation still
   * in flight finds no state for the URI, or a newer ticket, and is dropped.
   */
  clear(uri: string): void {
    const state = this.states.get(uri);
    if (state?.timer !== undefined) {
      clearTimeout(state.timer);
    }
    this.states.delete(uri);
    this.options.publish({ uri, diagnostics: [] });
  }

  /** Returns whether diagnostics were scheduled or published for the URI since its last clear. */
  isTracked(uri: string): boolean {
    return this.states.has(uri);
  }

  /** Cancels every pending validation without publishing anything. */
  dispose(): void {
    for (const state of this.states.values()) {
      if (state.timer !== undefined) {
        clearTimeout(state.timer);
      }
    }
    this.states.clear();
  }

  private stateOf(uri: string): UriState {
    let state = this.states.get(uri);
    if (state === undefined) {
      state = { timer: undefined, ticket: 0, lastPublishedVersion: undefined };
      this.states.set(uri, state);
    }
    return state;
  }

  private async run(uri: string, ticket: number): Promise<void> {
    const started = this.states.get(uri);
    if (started?.ticket === ticket) {
      started.timer = undefined;
    }

    let result: VersionedDiagnostics | undefined;
    try {
      result = await this.options.compute(uri);
    } catch (error) {
      this.options.logError(`Failed to validate ${uri}`, error);
      return;
    }

    // The document may have changed, closed or been deleted while the computation ran.
    const state = this.states.get(uri);
    if (result === undefined || state === undefined || state.ticket !== ticket) {
      return;
    }
    if (state.lastPublishedVersion !== undefined && result.version < state.lastPublishedVersion) {
      return;
    }
    state.lastPublishedVersion = result.version;
    this.options.publish({ uri, version: result.version, diagnostics: result.diagnostics });
  }
}
