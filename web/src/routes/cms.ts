import type { ConsoleRoute } from '../shell/console-route.ts';

/** CMS screens (ADMIN and CLIENT as the access matrix allows). */
export const cmsRoutes: ConsoleRoute[] = [];
