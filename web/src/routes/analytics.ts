import type { ConsoleRoute } from '../shell/console-route.ts';

/** Analytics screens (ADMIN and CLIENT as the access matrix allows). */
export const analyticsRoutes: ConsoleRoute[] = [];
