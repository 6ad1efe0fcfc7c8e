/**
 * Resolves on the first SIGINT (Ctrl-C) or SIGTERM, so a long-running command can close its
 * watcher and server and return exit code 0. A second signal while stopping ends the process at
 * once (130, as a shell reports an interrupted command), in case something hangs.
 */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const first = (signal: NodeJS.Signals) => {
      process.off('SIGINT', first);
      process.off('SIGTERM', first);
      const again = () => process.exit(130);
      process.once('SIGINT', again);
      process.once('SIGTERM', again);
      resolve(signal);
    };
    process.on('SIGINT', first);
    process.on('SIGTERM', first);
  });
}
