/// <reference types="node" />
import { chromium, type Page } from 'playwright-core';

/**
 * How long after "Sign in" each role's first screen is ready: its heading shown and every
 * /graphql request it started answered. Run against a started platform:
 *   npm start                      # in another terminal
 *   npm run bench:console -- [url] [rounds]
 */
const consoleUrl = process.argv[2] ?? 'http://localhost:4000/';
const rounds = Number(process.argv[3] ?? 5);

const logins = [
  ['SUPERADMIN', 'test', 'test123'],
  ['ADMIN', 'jane.smith@demo.com', 'demo123'],
  ['CLIENT', 'john.doe@demo.com', 'demo123'],
] as const;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Resolves when no /graphql request has been pending for 100 ms. */
function graphqlSettled(page: Page): () => Promise<void> {
  let pending = 0;
  const isGraphql = (url: string) => new URL(url).pathname === '/graphql';
  page.on('request', (request) => void (isGraphql(request.url()) && pending++));
  page.on('requestfinished', (request) => void (isGraphql(request.url()) && pending--));
  page.on('requestfailed', (request) => void (isGraphql(request.url()) && pending--));
  return async () => {
    for (let quiet = 0; quiet < 2; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      quiet = pending === 0 ? quiet + 1 : 0;
    }
  };
}

async function firstScreenMs(page: Page, login: string, password: string): Promise<number> {
  const settled = graphqlSettled(page);
  await page.goto(consoleUrl);
  await page.getByLabel('Email or username').fill(login);
  await page.getByLabel('Password').fill(password);
  const started = performance.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
  await settled();
  // The last 100 ms of quiet are the check's own wait, not the console's.
  return performance.now() - started - 100;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  console.log(`first screen after sign-in, ${rounds} rounds each, ${consoleUrl}`);
  for (const [role, login, password] of logins) {
    const times: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const context = await browser.newContext();
      times.push(await firstScreenMs(await context.newPage(), login, password));
      await context.close();
    }
    const list = times.map((ms) => ms.toFixed(0)).join(', ');
    console.log(`${role.padEnd(10)} median ${median(times).toFixed(0)} ms  (${list})`);
  }
} finally {
  await browser.close();
}
