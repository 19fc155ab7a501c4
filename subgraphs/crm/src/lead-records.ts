import type { ListableModel } from '@codex/kit';
import type { CrmDatabase, Lead } from './db.ts';

/**
 * A lead as it leaves the data layer: its value as a decimal string, not a Prisma Decimal. The
 * permission rules hash each parent object (graphql-shield's strict cache, object-hash), and
 * object-hash refuses Decimal instances ("Unknown object type decimal"), which would deny every
 * field of a lead. Strings are also what the Decimal scalar sends.
 */
export type LeadRecord = Omit<Lead, 'value'> & { value: string };

export const leadRecord = (lead: Lead): LeadRecord => ({ ...lead, value: String(lead.value) });

/** Leads by id, as records. */
export const leadRecordsByIds = async (db: CrmDatabase, ids: string[]): Promise<LeadRecord[]> =>
  (await db.lead.findMany({ where: { id: { in: ids } } })).map(leadRecord);

/** The lead model for paginated lists, handing out records. */
export const listableLeads = (db: CrmDatabase): ListableModel<LeadRecord> => ({
  findMany: async (args) =>
    (await db.lead.findMany(args as Parameters<CrmDatabase['lead']['findMany']>[0])).map(leadRecord),
  count: (args) => db.lead.count(args),
});
