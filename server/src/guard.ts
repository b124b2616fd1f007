import type { Logger } from './logger';

/**
 * Wraps a notification handler so that an error, thrown or rejected, is logged with the
 * action and the document URI instead of reaching the connection.
 */
export function guardNotification<P>(
  logger: Logger,
  action: string,
  uriOf: (params: P) => string | undefined,
  handler: (params: P) => void | Promise<void>,
): (params: P) => void {
  return (params) => {
    const fail = (error: unknown) => logger.error(failureMessage(action, params, uriOf), error);
    try {
      const result = handler(params);
      if (result instanceof Promise) {
        result.catch(fail);
      }
    } catch (error) {
      fail(error);
    }
  };
}

/**
 * Wraps a request handler so that an error, thrown or rejected, is logged with the action
 * and the document URI, and the client receives `fallback` instead of an error response.
 */
export function guardRequest<P, A extends unknown[], R>(
  logger: Logger,
  action: string,
  uriOf: (params: P) => string | undefined,
  handler: (params: P, ...rest: A) => R | Promise<R>,
  fallback: R,
): (params: P, ...rest: A) => Promise<R> {
  return async (params, ...rest) => {
    try {
      return await handler(params, ...rest);
    } catch (error) {
      logger.error(failureMessage(action, params, uriOf), error);
      return fallback;
    }
  };
}

function failureMessage<P>(
  action: string,
  params: P,
  uriOf: (params: P) => string | undefined,
): string {
  let uri: string | undefined;
  try {
    uri = uriOf(params);
  } catch {
    // Malformed parameters must not hide the original error.
  }
  return uri === undefined ? `Failed to ${action}` : `Failed to ${action} for ${uri}`;
}
