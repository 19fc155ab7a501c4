import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

/** The console's production build (`npm run build -w @codex/web`). */
export const consoleDistDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Paths the console never owns: a miss there stays a 404, never the console's page. */
const serverPaths = /^\/(graphql|health|metrics|cdx|\.well-known)(\/|$)/;

const aYearInSeconds = 365 * 24 * 60 * 60;

/**
 * Serves the built console at `/`: hashed files under `/assets/` are cached for a year
 * (`immutable`), `index.html` is revalidated on every load (`no-cache`) so a new build is picked up
 * at once, and any other GET that wants HTML gets `index.html`, so a deep link survives a reload.
 * Without a build it answers with how to make one, never a stack trace.
 */
export function consoleStatic(distDir = consoleDistDir): Router {
  const router = express.Router();
  const indexFile = `${distDir}index.html`;
  router.use(
    express.static(distDir, {
      index: false,
      setHeaders: (res, file) => {
        const hashed = file.startsWith(`${distDir}assets/`);
        res.setHeader('cache-control', hashed ? `public, max-age=${aYearInSeconds}, immutable` : 'no-cache');
      },
    }),
  );
  router.get(/.*/, (req, res, next) => {
    if (serverPaths.test(req.path) || !req.accepts('html')) return next();
    if (!existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The console is not built yet: run `npm run build -w @codex/web`.\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
