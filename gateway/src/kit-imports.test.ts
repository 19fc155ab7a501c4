import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const gatewaySrc = new URL('./', import.meta.url);
const kitSrc = new URL('../../packages/kit/src/', import.meta.url);

const sourceFiles = (readdirSync(gatewaySrc, { recursive: true }) as string[]).filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
);
const specifiers = (text: string) =>
  [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)].map((match) => match[1] as string);

/** Every package a kit module loads at run time, following its relative imports (type-only imports load nothing). */
function packagesLoadedBy(module: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(module)) return packages;
  seen.add(module);
  const text = readFileSync(new URL(`${module}.ts`, kitSrc), 'utf8').replace(/^import type .*?;$/gms, '');
  for (const specifier of specifiers(text)) {
    if (specifier.startsWith('./'))
      for (const name of packagesLoadedBy(specifier.slice(2, -3), seen)) packages.add(name);
    else packages.add(specifier);
  }
  return packages;
}

describe('the gateway imports the kit by subpath', () => {
  it('no gateway source file imports the @codex/kit barrel', () => {
    const barrelImports = sourceFiles.filter((file) =>
      specifiers(readFileSync(new URL(file, gatewaySrc), 'utf8')).includes('@codex/kit'),
    );
    expect(barrelImports).toEqual([]);
  });

  it('the kit modules the gateway loads bring in neither pg nor Prisma', () => {
    const kitModules = new Set(
      sourceFiles.flatMap((file) =>
        specifiers(readFileSync(new URL(file, gatewaySrc), 'utf8').replace(/^import type .*?;$/gms, ''))
          .filter((specifier) => specifier.startsWith('@codex/kit/'))
          .map((specifier) => specifier.slice('@codex/kit/'.length)),
      ),
    );
    const loaded = [...kitModules].flatMap((module) => [...packagesLoadedBy(module)]);
    expect(loaded.filter((name) => name === 'pg' || name.startsWith('@prisma/'))).toEqual([]);
  });
});
