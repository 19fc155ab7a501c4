import type { ConsoleRoute } from '../shell/console-route.ts';
import { analyticsRoutes } from './analytics.ts';
import { billingRoutes } from './billing.ts';
import { cmsRoutes } from './cms.ts';
import { crmRoutes } from './crm.ts';
import { identityRoutes } from './identity.ts';
import { platformRoutes } from './platform.ts';
import { workspaceRoutes } from './workspace.ts';

/**
 * Every screen of the console. Each area keeps its entries in its own file, so screens are added
 * there without touching this list.
 */
export const consoleRoutes: readonly ConsoleRoute[] = [
  ...platformRoutes,
  ...workspaceRoutes,
  ...crmRoutes,
  ...cmsRoutes,
  ...billingRoutes,
  ...analyticsRoutes,
  ...identityRoutes,
];
