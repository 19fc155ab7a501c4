import type { ConsoleRoute } from '../shell/console-route.ts';

/** CRM screens (ADMIN and CLIENT as the access matrix allows). */
export const crmRoutes: ConsoleRoute[] = [];
