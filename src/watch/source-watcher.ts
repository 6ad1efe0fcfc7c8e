import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

/** The config file that `hvspec` reads from the standards root (src/cli/context.ts). */
export const CONFIG_FILE = 'hvspec.config.json';

/** How long the tree must be quiet before a burst of events becomes one re-check. */
export const SETTLE_MS = 80;

export interface SourceWatcher {
  /** Resolves once the initial scan is done and events are being delivered. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watch what a check reads: `standards/**\/*.md` (and the directories holding them) and the config
 * file. Names the checker skips (dot files, node_modules, editors' backup and swap files, which do
 * not end in .md) are ignored, so an editor's save produces events only for the document.
 * Atomic saves (write a temp file, rename it over the document) arrive as one change: chokidar's
 * `atomic` option merges the unlink and add. Events are collected until the tree has been quiet
 * for SETTLE_MS, then `onBatch` gets the changed paths (relative to root, forward slashes).
 */
export function watchSources(root: string, onBatch: (changed: string[]) => void, onError: (error: Error) => void): SourceWatcher {
  const absoluteRoot = path.resolve(root);
  const relative = (p: string) => path.relative(absoluteRoot, p).split(path.sep).join('/');
  const ignored = (p: string, stats?: { isFile(): boolean }): boolean => {
    const rel = relative(p);
    if (rel === '' || rel === CONFIG_FILE) return false;
    if (rel !== 'standards' && !rel.startsWith('standards/')) return true;
    const segments = rel.split('/');
    if (segments.some((s) => s.startsWith('.') || s === 'node_modules')) return true;
    return stats?.isFile() === true && !rel.endsWith('.md');
  };
  const watcher: FSWatcher = watch(absoluteRoot, { ignoreInitial: true, ignored, atomic: true, persistent: true });

  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const changed = [...pending].sort();
    pending = new Set();
    if (changed.length > 0) onBatch(changed);
  };
  watcher.on('all', (event, changedPath) => {
    const rel = relative(changedPath);
    if (rel === '') return;
    // `ignored` may be asked before a path's stats are known; a file event is settled by its name.
    const isFileEvent = event === 'add' || event === 'change' || event === 'unlink';
    if (isFileEvent && rel !== CONFIG_FILE && (!rel.endsWith('.md') || ignored(changedPath))) return;
    pending.add(rel);
    // Each event restarts the wait: an editor's save is several events in a few milliseconds.
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SETTLE_MS);
  });
  watcher.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await watcher.close();
    },
  };
}
