export * from './config.ts';
export { openTarget } from './databases.ts';
export * from './plan.ts';
export * from './progress.ts';
export * from './seed.ts';
