// Container health: the service's readiness endpoint answers 200 within two seconds.
const port = process.argv[2];
fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) })
  .then((response) => process.exit(response.ok ? 0 : 1))
  .catch(() => process.exit(1));
