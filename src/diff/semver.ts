/**
 * The semver reading `hvspec diff` gates on. A breaking change needs a new *compatibility line*:
 * the left-most non-zero component, as Cargo reads semver (and semver's own §4 allows for 0.y.z):
 * 1.4.2 → 2.0.0, 0.3.1 → 0.4.0, 0.0.3 → 0.0.4. A compatible change needs any higher version.
 */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string): Version | null {
  const m = SEMVER.exec(text.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] ?? '' };
}

/** `1`, `0.4` or `0.0.3`: versions with the same line promise compatibility with each other. */
export function compatibilityLine(v: Version): string {
  if (v.major > 0) return `${v.major}`;
  if (v.minor > 0) return `0.${v.minor}`;
  return `0.0.${v.patch}`;
}

function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1; // a release is higher than its pre-releases
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : null;
    const ny = /^\d+$/.test(y) ? Number(y) : null;
    if (nx !== null && ny !== null) { if (nx !== ny) return nx - ny; continue; }
    if (nx !== null) return -1;
    if (ny !== null) return 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePrerelease(a.prerelease, b.prerelease);
}

/** The smallest version that starts a new compatibility line after `v`. */
export function nextBreaking(v: Version): string {
  if (v.major > 0) return `${v.major + 1}.0.0`;
  if (v.minor > 0) return `0.${v.minor + 1}.0`;
  return `0.0.${v.patch + 1}`;
}

/** The smallest compatible version after `v` that announces additions. */
export function nextCompatible(v: Version): string {
  if (v.major > 0) return `${v.major}.${v.minor + 1}.0`;
  if (v.minor > 0) return `0.${v.minor}.${v.patch + 1}`;
  return `0.0.${v.patch + 1}`;
}

/** The next patch version: for compatible changes that add nothing (an editorial requirement fix). */
export function nextPatch(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch + 1}`;
}

/** Whether going from `old` to `next` starts a new compatibility line (and goes up). */
export function isBreakingBump(old: Version, next: Version): boolean {
  return compareVersions(next, old) > 0 && compatibilityLine(next) !== compatibilityLine(old);
}
