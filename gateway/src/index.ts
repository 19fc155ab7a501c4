export * from './compose.ts';
export * from './config.ts';
export * from './server.ts';
