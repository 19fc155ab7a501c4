export * from './compose.ts';
export * from './config.ts';
export * from './server.ts';
export * from './router-coprocessor.ts';
