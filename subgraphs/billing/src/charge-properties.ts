import { boundedDecimalSchema } from '@codex/kit';
import { z } from 'zod';
import { Prisma, type ChargeModel } from './db.ts';

const { Decimal } = Prisma;
type Decimal = Prisma.Decimal;

/** JSON numbers or decimal strings, kept exact: stored back as canonical decimal strings. */
const decimalText = (precision: number, scale: number) =>
  z
    .union([z.string(), z.number().transform(String)])
    .pipe(boundedDecimalSchema(precision, scale))
    .refine((value) => !value.startsWith('-'), 'must not be negative')
    .transform((value) => new Decimal(value).toFixed());

/** Unit prices may be fractions of a cent (0.00002 per call); amounts are money columns' shape. */
const unitAmount = decimalText(30, 12);
const amount = decimalText(19, 4);
const units = decimalText(19, 4);

const tierSchema = z.strictObject({
  fromValue: units,
  /** Null (or absent) only on the last tier: open-ended. */
  toValue: units.nullish().transform((value) => value ?? null),
  perUnitAmount: unitAmount.default('0'),
  flatAmount: amount.default('0'),
});
export type Tier = z.infer<typeof tierSchema>;

/**
 * Tiers cover (fromValue, toValue] units: the first starts at 0, each starts where the one before
 * ends (no gap, no overlap), only the last is open-ended.
 */
const tiersSchema = z
  .array(tierSchema)
  .min(1, 'must have at least one tier')
  .max(20, 'must have at most 20 tiers')
  .superRefine((tiers, context) => {
    tiers.forEach((tier, index) => {
      const expectedFrom = index === 0 ? '0' : tiers[index - 1]?.toValue;
      if (expectedFrom != null && !new Decimal(tier.fromValue).equals(expectedFrom)) {
        const message = index === 0 ? 'must be 0' : `must equal the previous tier's toValue (${expectedFrom})`;
        context.addIssue({ code: 'custom', path: [index, 'fromValue'], message });
      }
      const last = index === tiers.length - 1;
      if (last && tier.toValue !== null)
        context.addIssue({ code: 'custom', path: [index, 'toValue'], message: 'must be null on the last tier' });
      if (!last && tier.toValue === null)
        context.addIssue({ code: 'custom', path: [index, 'toValue'], message: 'is required except on the last tier' });
      if (tier.toValue !== null && !new Decimal(tier.toValue).greaterThan(tier.fromValue))
        context.addIssue({ code: 'custom', path: [index, 'toValue'], message: 'must be greater than fromValue' });
    });
  });

const percentageSchema = z
  .strictObject({
    rate: decimalText(7, 4).refine((value) => new Decimal(value).lessThanOrEqualTo(100), 'must be between 0 and 100'),
    fixedAmount: amount.default('0'),
    perEventMin: amount.nullish().transform((value) => value ?? null),
    perEventMax: amount.nullish().transform((value) => value ?? null),
  })
  .refine(
    (props) =>
      props.perEventMin === null || props.perEventMax === null || new Decimal(props.perEventMin).lte(props.perEventMax),
    { message: 'must be at least perEventMin', path: ['perEventMax'] },
  );

/** Each model's `properties`, parsed with zod (paths name the field: `tiers.2.fromValue`). */
export const chargePropertiesSchemas = {
  STANDARD: z.strictObject({ unitAmount }),
  GRADUATED: z.strictObject({ tiers: tiersSchema }),
  VOLUME: z.strictObject({ tiers: tiersSchema }),
  PACKAGE: z.strictObject({
    packageSize: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000_000),
    amount,
  }),
  PERCENTAGE: percentageSchema,
} satisfies Record<ChargeModel, z.ZodType>;

export type ChargeProperties = { [M in ChargeModel]: z.infer<(typeof chargePropertiesSchemas)[M]> };

/** A charge as the pricing functions take it: its model with that model's properties. */
export type PricedCharge = {
  [M in ChargeModel]: { model: M; properties: ChargeProperties[M]; freeUnits: Decimal };
}[ChargeModel];

/** Reads stored properties back (written by the schemas above, so they parse). */
export function storedCharge(charge: { model: ChargeModel; properties: unknown; freeUnits: Decimal }): PricedCharge {
  const properties = chargePropertiesSchemas[charge.model].parse(charge.properties);
  return { model: charge.model, properties, freeUnits: charge.freeUnits } as PricedCharge;
}
