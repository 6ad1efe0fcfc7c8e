/**
 * Finding and starting a Chromium for printing. Order: the HVSPEC_CHROMIUM environment variable,
 * then the usual install locations of Chromium and Chrome. Playwright's own browser downloads are
 * deliberately not used: a build must not fetch a browser.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser, LaunchOptions } from 'playwright-core';

// Loading Playwright costs about 0.5 s of CPU: only a PDF build pays it, when it launches Chromium.
const chromium = { launch: async (options: LaunchOptions): Promise<Browser> => (await import('playwright-core')).chromium.launch(options) };

/** Names looked up on PATH, then fixed locations (Debian/Ubuntu, Fedora, snap, Flatpak-less macOS, Windows). */
const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];
const LOCATIONS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export const INSTALL_HINT =
  'no Chromium or Chrome found for the PDF; install one (Debian/Ubuntu: `apt-get install chromium`) or set HVSPEC_CHROMIUM to its executable';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export type BrowserLookup = { path: string; from: 'HVSPEC_CHROMIUM' | 'PATH' | 'default location' } | { path: null; problem: string };

export function findChromium(env: NodeJS.ProcessEnv = process.env): BrowserLookup {
  const explicit = env.HVSPEC_CHROMIUM;
  if (explicit !== undefined && explicit !== '') {
    // An explicit setting that is wrong is reported, not silently replaced by another browser.
    return isExecutable(explicit) ? { path: explicit, from: 'HVSPEC_CHROMIUM' } : { path: null, problem: `HVSPEC_CHROMIUM=${explicit} is not an executable file` };
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const command of COMMANDS) {
      const candidate = join(dir, command);
      if (isExecutable(candidate)) return { path: candidate, from: 'PATH' };
    }
  }
  for (const candidate of LOCATIONS) if (isExecutable(candidate)) return { path: candidate, from: 'default location' };
  return { path: null, problem: INSTALL_HINT };
}

/**
 * Headless, no sandbox (CI containers run as root), nothing that phones home. Playwright gives
 * every launch a fresh temporary profile (--user-data-dir) and removes it on close.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
];

/**
 * The browser's time zone and locale are fixed, so the reader's environment cannot reach the
 * layout (number formats, hyphenation, default fonts) or the bytes.
 */
const FIXED_ENV = { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', LANGUAGE: 'en' };

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath, headless: true, chromiumSandbox: false, args: [...CHROMIUM_ARGS, '--lang=en-US'], timeout: 60_000,
    env: { ...process.env, ...FIXED_ENV },
  });
}
