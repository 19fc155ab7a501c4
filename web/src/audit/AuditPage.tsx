import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { useSearchParamState } from '../ui/use-search-param.ts';
import type { AuditTenantChoicesQuery, AuditTenantChoicesQueryVariables } from '../generated/operations.ts';
import { PickerSelect } from '../ui/FormField.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { AuditTable } from './AuditTable.tsx';
import { type AuditService, auditServices, entityTypesOf, mergeAuditTrails } from './audit-entries.ts';
import { useAuditTrail } from './use-audit-trail.ts';

export const auditTenantChoicesQuery: TypedDocumentNode<AuditTenantChoicesQuery, AuditTenantChoicesQueryVariables> =
  gql /* GraphQL */`
  query AuditTenantChoices {
    tenants(first: 100) { edges { node { id name } } }
  }
`;

/** Every service's audit trail in one place, filtered by tenant, service, entity and action (kept in the URL). */
export function AuditPage() {
  const [params, setFilter] = useSearchParamState();
  const filter = {
    tenantId: params.get('tenant') ?? '',
    service: (params.get('service') ?? '') as AuditService | '',
    entityType: params.get('entity') ?? '',
    action: params.get('action') ?? '',
  };
  const actionId = useId();
  const tenants = useQuery(auditTenantChoicesQuery);
  const { data, error, loading, serverPages } = useAuditTrail(filter.tenantId || null);
  const rows = mergeAuditTrails(data, filter);
  return (
    <section>
      <PageHeader
        title="Audit explorer"
        description="Writes recorded by every service, newest first; “Load more” reads older entries."
      />
      <fieldset className="mb-4 flex flex-wrap items-end gap-4">
        <legend className="sr-only">Audit filters</legend>
        <PickerSelect
          label="Tenant"
          value={filter.tenantId}
          onChange={(value) => setFilter('tenant', value)}
          options={tenants.data?.tenants.edges.map(({ node }) => ({ value: node.id, label: node.name })) ?? []}
        />
        <PickerSelect
          label="Service"
          value={filter.service}
          onChange={(value) => setFilter('service', value)}
          options={auditServices.map((service) => ({ value: service, label: service }))}
        />
        <PickerSelect
          label="Entity"
          value={filter.entityType}
          onChange={(value) => setFilter('entity', value)}
          options={entityTypesOf(data).map((type) => ({ value: type, label: type }))}
        />
        <div>
          <label htmlFor={actionId} className="block text-xs font-medium text-slate-700">
            Action contains
          </label>
          <input
            id={actionId}
            value={filter.action}
            onChange={(event) => setFilter('action', event.target.value)}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          />
        </div>
      </fieldset>
      <AuditTable
        rows={rows}
        loading={loading}
        error={error}
        caption="Audit entries across services"
        serverPages={serverPages}
      />
    </section>
  );
}
