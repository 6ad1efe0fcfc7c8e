import type { PackageConfig, PackageInfo } from './types.ts';

/** Defaults of the vendor packages when hvspec.config.json says nothing (docs/package-outputs.md). */
export const DEFAULT_PACKAGE: PackageInfo = {
  version: '0.1.0',
  license: 'Apache-2.0',
  authors: [],
  // C headers install as <hvspec/virtio-i2c.h>; the npm package and crate keep their historical names.
  names: { ts: 'hvspec-bindings', rust: 'hvspec-bindings', c: 'hvspec' },
};

/** Fill in the defaults: a target's own name, else `package.name`, else the default. */
export function packageInfo(config: PackageConfig | undefined): PackageInfo {
  const c = config ?? {};
  const optional = <K extends 'description' | 'repository' | 'homepage'>(key: K): Partial<Pick<PackageInfo, K>> =>
    (c[key] !== undefined ? { [key]: c[key] } as Pick<PackageInfo, K> : {});
  return {
    version: c.version ?? DEFAULT_PACKAGE.version,
    license: c.license ?? DEFAULT_PACKAGE.license,
    authors: [...(c.authors ?? [])],
    ...optional('description'), ...optional('repository'), ...optional('homepage'),
    names: {
      ts: c.ts?.name ?? c.name ?? DEFAULT_PACKAGE.names.ts,
      rust: c.rust?.name ?? c.name ?? DEFAULT_PACKAGE.names.rust,
      c: c.c?.name ?? c.name ?? DEFAULT_PACKAGE.names.c,
    },
  };
}
