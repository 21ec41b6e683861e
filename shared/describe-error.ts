/**
 * The one way to turn a caught value into readable text. JavaScript lets code throw anything: an
 * Error, an SDK error object that is not an Error instance but has a message, a string, undefined.
 * Lives in shared/ because the engine, the shells and the renderer all need it and none may own it.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
