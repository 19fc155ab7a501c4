export const cms = {
  context: 'CmsContext',
  mappers: {},
};
