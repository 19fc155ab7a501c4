import { emailMaxLength } from '@codex/kit';
import { fitsDecimal, itBoundsTextByItsColumn, lengthLimitOf, staysInRange } from '@codex/kit/column-fit.test-support';
import { describe, expect, it } from 'vitest';
import { createCustomerInput, updateCustomerInput } from './customer-rules.ts';
import { columnLimits, decimalLimits, intRange } from './generated/column-limits.ts';
import { logInteractionInput, updateInteractionInput } from './interaction-rules.ts';
import { createLeadInput, lostReasonSchema, updateLeadInput } from './lead-rules.ts';
import { maxStages, pipelineNameSchema, stageInputSchema, stageNameSchema } from './pipeline-rules.ts';
import { probabilityColumns, probabilitySchema } from './validation.ts';

const { Customer } = columnLimits;

/** Every text an input writes, with the column it lands in. */
const textColumns = {
  'Customer.email (create)': createCustomerInput.shape.email,
  'Customer.email (update)': updateCustomerInput.shape.email,
  'Customer.firstName': createCustomerInput.shape.firstName,
  'Customer.lastName': updateCustomerInput.shape.lastName,
  'Customer.company': createCustomerInput.shape.company,
  'Customer.phone': createCustomerInput.shape.phone,
  'Customer.source': updateCustomerInput.shape.source,
  'Pipeline.name': pipelineNameSchema,
  'PipelineStage.name': stageNameSchema,
  'Lead.title': createLeadInput.shape.title,
  'Lead.title (update)': updateLeadInput.shape.title,
  'Lead.source': createLeadInput.shape.source,
  'Lead.lostReason': lostReasonSchema,
  'Interaction.subject': logInteractionInput.shape.subject,
  'Interaction.body': updateInteractionInput.shape.body,
};

describe('CRM inputs take their limits from the Prisma columns', () => {
  itBoundsTextByItsColumn(columnLimits, textColumns);

  it('the email column holds what the kit’s email schema accepts: SMTP’s 254', () => {
    expect(Customer.email).toBe(emailMaxLength);
  });

  it('a tag is bounded by the VarChar of the tags column', () => {
    expect(lengthLimitOf(createCustomerInput.shape.tags, Customer.tags, (tag) => [tag])).toBe(Customer.tags);
  });

  it('a lead value takes exactly what its Decimal column holds', () => {
    expect(fitsDecimal(createLeadInput.shape.value, decimalLimits.Lead.value)).toBe(true);
    expect(fitsDecimal(updateLeadInput.shape.value, decimalLimits.Lead.value)).toBe(true);
  });

  it.each(probabilityColumns)('probabilities stay inside the integer column %#', (range) => {
    expect(staysInRange(probabilitySchema, range)).toBe(true);
    expect(staysInRange(stageInputSchema.shape.probability, range)).toBe(true);
  });

  it('stage positions (at most one per stage) stay inside the integer column', () => {
    expect(maxStages).toBeLessThanOrEqual(intRange.PipelineStage.position.max);
  });
});
