import { computeFunnel, funnelInputSchema } from './funnels.ts';
import { insightField } from './insight-source.ts';
import { computePaths, pathsInputSchema } from './paths.ts';
import { computeRetention, retentionInputSchema } from './retention.ts';

/** The root insight fields: parse `input`, read the caller's tenant (SUPERADMIN: the one named). */
export const funnel = insightField(funnelInputSchema, computeFunnel);
export const retention = insightField(retentionInputSchema, computeRetention);
export const eventPaths = insightField(pathsInputSchema, computePaths);
