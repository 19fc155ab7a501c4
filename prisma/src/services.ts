import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const services = ['auth', 'crm', 'cms', 'billing', 'analytics'] as const;
export type Service = (typeof services)[number];

export const prismaRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function isService(value: string): value is Service {
  return (services as readonly string[]).includes(value);
}

export function schemaPath(service: Service) {
  return path.join(prismaRoot, service, 'schema.prisma');
}

export function migrationsPath(service: Service) {
  return path.join(prismaRoot, service, 'migrations');
}
