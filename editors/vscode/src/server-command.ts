/**
 * Which `hvspec` to start: the configured path, else the workspace's own `node_modules/.bin/hvspec`
 * (searched from the folder upwards, as npx does), else `hvspec` on PATH. No VS Code API here, so
 * the choice is tested without an editor.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface ServerCommand {
  command: string;
  args: string[];
  /** Windows runs the npm shim (`hvspec.cmd`) through the shell. */
  shell: boolean;
}

export function serverCommand(folder: string | undefined, configured: string, platform: NodeJS.Platform = process.platform): ServerCommand {
  const args = ['lsp', '--stdio'];
  const shim = platform === 'win32' ? 'hvspec.cmd' : 'hvspec';
  if (configured.trim() !== '') return { command: configured, args, shell: platform === 'win32' && /\.(cmd|bat)$/i.test(configured) };
  for (let dir = folder; dir; ) {
    const candidate = path.join(dir, 'node_modules', '.bin', shim);
    if (existsSync(candidate)) return { command: candidate, args, shell: platform === 'win32' };
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { command: shim, args, shell: platform === 'win32' };
}
