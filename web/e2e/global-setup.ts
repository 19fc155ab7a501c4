/// <reference types="node" />
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Playwright endpoint of the one Chromium every console test connects to. */
    consoleBrowserEndpoint: string;
  }
}

export const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'];

/**
 * Once per integration run: one headless Chromium for every console test (starting it takes well
 * under a second, so runs without console tests barely pay for it). The console itself is built by
 * the first console test that needs it (`ensureConsoleBuilt`), so other runs never build it.
 */
export default async function setup(project: TestProject) {
  // Fails (never skips) without Chromium: CI must provide it.
  if (!existsSync(chromiumPath))
    throw new Error(
      `Chromium not found at ${chromiumPath}; the console tests need it (Debian: apt-get install chromium).`,
    );
  const server = await chromium.launchServer({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  project.provide('consoleBrowserEndpoint', server.wsEndpoint());
  return () => server.close();
}
