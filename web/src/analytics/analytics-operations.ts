import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  AnalyticsSummaryQuery,
  AnalyticsSummaryQueryVariables,
  CreateDashboardMutation,
  CreateDashboardMutationVariables,
  DashboardsQuery,
  DashboardsQueryVariables,
  DashboardWidgetResultsQuery,
  DashboardWidgetResultsQueryVariables,
  EventSeriesQuery,
  EventSeriesQueryVariables,
  TrendsQuery,
  TrendsQueryVariables,
  UpdateDashboardMutation,
  UpdateDashboardMutationVariables,
} from '../generated/operations.ts';

/** A metric (`events.count`) per hour or day between `from` and `to`, optionally of one event name. */
export const eventSeriesQuery: TypedDocumentNode<EventSeriesQuery, EventSeriesQueryVariables> = gql /* GraphQL */`
  query EventSeries(
    $metric: String!
    $granularity: MetricGranularity!
    $from: DateTime!
    $to: DateTime!
    $eventName: String
  ) {
    metricSeries(metric: $metric, granularity: $granularity, from: $from, to: $to, eventName: $eventName) {
      periodStart
      value
    }
  }
`;

/** The tenant's analytics figures and top events (the caller's own tenant). */
export const analyticsSummaryQuery: TypedDocumentNode<AnalyticsSummaryQuery, AnalyticsSummaryQueryVariables> =
  gql /* GraphQL */`
  query AnalyticsSummary($tenantId: ID!) {
    tenant(id: $tenantId) {
      id
      analytics { totalEvents eventsLast24h eventsLast30d uniqueUsers30d topEvents { name count } }
    }
  }
`;

export const dashboardFragment = gql /* GraphQL */`
  fragment DashboardCard on Dashboard {
    id
    name
    description
    widgets
    isPublic
    createdById
    updatedAt
  }
`;

export const dashboardsQuery: TypedDocumentNode<DashboardsQuery, DashboardsQueryVariables> = gql /* GraphQL */`
  query Dashboards {
    dashboards(first: 100, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges { node { ...DashboardCard } }
    }
  }
  ${dashboardFragment}
`;

export const createDashboardMutation: TypedDocumentNode<CreateDashboardMutation, CreateDashboardMutationVariables> =
  gql /* GraphQL */`
  mutation CreateDashboard($input: CreateDashboardInput!) {
    createDashboard(input: $input) { ...DashboardCard }
  }
  ${dashboardFragment}
`;

/** Each widget's computed result (JSON: a series, funnel, retention triangle or paths; null when not set up). */
export const dashboardWidgetResultsQuery: TypedDocumentNode<
  DashboardWidgetResultsQuery,
  DashboardWidgetResultsQueryVariables
> = gql /* GraphQL */`
  query DashboardWidgetResults($id: ID!) {
    dashboard(id: $id) { id widgetResults { index type title result } }
  }
`;

/** A trend of the tenant's events (count per period), broken down by one property. */
export const trendsQuery: TypedDocumentNode<TrendsQuery, TrendsQueryVariables> = gql /* GraphQL */`
  query Trends($query: TrendsInput!) {
    trends(query: $query) {
      periods
      series { breakdownValue isOther values }
    }
  }
`;

/** Name, description, visibility or the whole widget list; the widget results are fetched again after. */
export const updateDashboardMutation: TypedDocumentNode<UpdateDashboardMutation, UpdateDashboardMutationVariables> =
  gql /* GraphQL */`
  mutation UpdateDashboard($id: ID!, $input: UpdateDashboardInput!) {
    updateDashboard(id: $id, input: $input) { ...DashboardCard }
  }
  ${dashboardFragment}
`;
