import type { ConsoleRoute } from '../shell/console-route.ts';

/** Billing screens (ADMIN and CLIENT as the access matrix allows). */
export const billingRoutes: ConsoleRoute[] = [];
