import { listReadsOf, type ListableModel } from '@codex/kit';
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

/**
 * The lead model for paginated lists, handing out records (read without Prisma's model proxy, see
 * listReadsOf; a page that does not select `value` reads rows without it, which need no record).
 */
export function listableLeads(db: CrmDatabase): ListableModel<LeadRecord> {
  const leads = listReadsOf<Lead>(db, db.lead);
  const record = (lead: Lead) => ('value' in lead ? leadRecord(lead) : (lead as unknown as LeadRecord));
  return {
    findMany: async (args) => (await leads.findMany(args)).map(record),
    count: (args) => leads.count(args),
    scalarFields: leads.scalarFields,
  };
}
