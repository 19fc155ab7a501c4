export const crm = {
  context: 'CrmContext',
  mappers: {},
};
