import { badInput, dateWindowMessage, isInDateWindow } from '@codex/kit';
import { z } from 'zod';
import type { ContentFieldDefinition } from './content-fields.ts';
import type { Prisma } from './db.ts';
import { cmsLimits } from './limits.ts';
import type { CmsTx } from './request.ts';

/** Longest string values when a field sets no `maxLength`. */
const defaultMaxLength = cmsLimits.text;

/** Item data as sent (a JSONObject) or as stored in a revision. */
export type ItemData = Readonly<Record<string, unknown>> | Prisma.JsonValue;

/** DATE and DATETIME values stay inside the window every stored date keeps. */
const inWindow = (value: string) => isInDateWindow(new Date(value));

const text = (field: ContentFieldDefinition, schema: z.ZodString, fallback: number) => {
  const limit = field.maxLength ?? fallback;
  return schema.max(limit, `must be at most ${limit} characters`);
};

function numberSchema(field: ContentFieldDefinition) {
  let schema = z.number({ error: 'must be a finite number' });
  if (field.min !== null) schema = schema.min(field.min, `must be at least ${field.min}`);
  if (field.max !== null) schema = schema.max(field.max, `must be at most ${field.max}`);
  return schema;
}

/** What one field's value must be, by its type and settings. */
function valueSchema(field: ContentFieldDefinition): z.ZodType {
  switch (field.type) {
    case 'TEXT':
      return text(field, z.string({ error: 'must be a string' }), defaultMaxLength.TEXT);
    case 'RICH_TEXT':
      return text(field, z.string({ error: 'must be a string' }), defaultMaxLength.RICH_TEXT);
    case 'EMAIL':
      return text(field, z.string({ error: 'must be a string' }), defaultMaxLength.EMAIL).pipe(
        z.email({ error: 'must be an email address' }),
      );
    case 'URL':
      return text(field, z.string({ error: 'must be a string' }), defaultMaxLength.URL).pipe(
        z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
      );
    case 'NUMBER':
      return numberSchema(field);
    case 'BOOLEAN':
      return z.boolean({ error: 'must be true or false' });
    case 'DATE':
      return z.iso.date({ error: 'must be a date like 2025-01-31' }).refine(inWindow, dateWindowMessage);
    case 'DATETIME':
      return z.iso
        .datetime({ offset: true, error: 'must be an ISO-8601 timestamp like 2025-01-31T09:00:00Z' })
        .refine(inWindow, dateWindowMessage);
    case 'ENUM':
      return z.enum(field.options ?? [], { error: `must be one of ${(field.options ?? []).join(', ')}` });
    case 'JSON':
      return z.json({ error: 'must be JSON' });
    case 'MEDIA':
      return z.uuid({ error: 'must be the id of a media file' });
    case 'REFERENCE':
      return z.uuid({ error: 'must be the id of a content item' });
  }
}

/** A required field must be present and not null (an optional key is not even looked at when absent, so this comes first). */
const present = z
  .unknown()
  .refine((value): boolean => value !== undefined && value !== null, { message: 'is required', abort: true });
const withPresence = (field: ContentFieldDefinition) =>
  field.required ? present.pipe(valueSchema(field)) : valueSchema(field).nullish();

/** The zod validator of a type's item data, built from its field list: no unknown keys, required ones present, values typed. */
export function itemDataSchema(fields: readonly ContentFieldDefinition[]) {
  const shape = Object.fromEntries(fields.map((field) => [field.name, withPresence(field)]));
  return z.strictObject(shape);
}

/** The first problem as BAD_USER_INPUT on `<path>.<field>` (an unknown key names itself). */
function dataError(issue: z.core.$ZodIssue, path: string) {
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
  const message = issue.code === 'unrecognized_keys' ? 'is not a field of this content type' : issue.message;
  const field = key === undefined ? path : `${path}.${String(key)}`;
  return badInput(`${field}: ${message}`, field);
}

/**
 * Item data checked against its type's fields; MEDIA and REFERENCE values must name rows of the
 * item's tenant (one query for each kind, whatever the number of fields). `path` is where the data
 * sits in the input, e.g. `input.data`.
 */
export async function validateItemData(
  tx: CmsTx,
  tenantId: string,
  fields: readonly ContentFieldDefinition[],
  data: ItemData,
  path: string,
) {
  const parsed = itemDataSchema(fields).safeParse(data);
  if (!parsed.success) throw dataError(parsed.error.issues[0]!, path);
  const valued = fields.filter((field) => typeof parsed.data[field.name] === 'string');
  const idsOf = (type: 'MEDIA' | 'REFERENCE') =>
    valued.filter((field) => field.type === type).map((field) => parsed.data[field.name] as string);
  const [mediaIds, itemIds] = [idsOf('MEDIA'), idsOf('REFERENCE')];
  const [media, items] = await Promise.all([
    mediaIds.length ? tx.mediaFile.findMany({ where: { tenantId, id: { in: mediaIds } }, select: { id: true } }) : [],
    itemIds.length
      ? tx.contentItem.findMany({ where: { tenantId, id: { in: itemIds } }, select: { id: true, contentTypeId: true } })
      : [],
  ]);
  const foundMedia = new Set(media.map((row) => row.id));
  const typeOfItem = new Map(items.map((row) => [row.id, row.contentTypeId]));
  for (const field of valued) {
    const value = parsed.data[field.name] as string;
    if (field.type === 'MEDIA' && !foundMedia.has(value))
      throw badInput(`${path}.${field.name}: no such media file`, `${path}.${field.name}`);
    if (field.type !== 'REFERENCE') continue;
    const typeId = typeOfItem.get(value);
    if (!typeId) throw badInput(`${path}.${field.name}: no such content item`, `${path}.${field.name}`);
    if (field.referenceTypeId && typeId !== field.referenceTypeId)
      throw badInput(`${path}.${field.name}: must be an item of the referenced content type`, `${path}.${field.name}`);
  }
  return parsed.data as Record<string, unknown>;
}
