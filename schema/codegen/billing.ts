export const billing = {
  context: 'BillingContext',
  mappers: {},
};
