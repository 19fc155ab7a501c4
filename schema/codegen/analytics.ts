export const analytics = {
  context: 'AnalyticsContext',
  mappers: {},
};
