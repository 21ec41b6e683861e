/**
 * Resolves on the first SIGINT or SIGTERM. The listeners stay until the process exits: removing
 * them inside the signal's own dispatch would leave execa's signal-exit handler as the only one,
 * and it would then re-raise the signal and kill us before we have cleaned up.
 */
export function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
}
