export * from './config.ts';
export * from './databases.ts';
export * from './platform.ts';
export * from './embedded-postgres.ts';
export * from './service-process.ts';
export * from './mail-catcher.ts';
