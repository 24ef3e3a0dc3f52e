import { invalidParam } from './api.error';
import type { ParamsReader } from './params.reader';

interface Listable {
  id: string;
  created: number;
}

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

const RANGE_BOUNDS = ['gt', 'gte', 'lt', 'lte'] as const;

/**
 * One page of a Stripe list endpoint: newest first, `limit` (1–100, default 10),
 * `starting_after` / `ending_before` cursors and a `created` filter (an exact second or a range),
 * as the SDK's auto-pagination drives it.
 */
export function listPage<T extends Listable>(
  objects: readonly T[],
  reader: ParamsReader,
  url: string,
): StripeList<T> {
  const limit = reader.optionalInteger('limit', 1) ?? 10;
  if (limit > 100) throw invalidParam('limit', 'This value must be less than or equal to 100.');
  const created = createdFilter(reader);
  const after = reader.optionalString('starting_after');
  const before = reader.optionalString('ending_before');
  // Insertion order breaks ties between objects created in the same second.
  const newestFirst = objects
    .map((object, index) => ({ object, index }))
    .filter(({ object }) => created(object.created))
    .sort((a, b) => b.object.created - a.object.created || b.index - a.index)
    .map(({ object }) => object);
  if (before !== undefined) {
    const end = cursorIndex(newestFirst, before, 'ending_before');
    const data = newestFirst.slice(Math.max(0, end - limit), end);
    return { object: 'list', data, has_more: end - limit > 0, url };
  }
  const start = after === undefined ? 0 : cursorIndex(newestFirst, after, 'starting_after') + 1;
  const data = newestFirst.slice(start, start + limit);
  return { object: 'list', data, has_more: start + limit < newestFirst.length, url };
}

function cursorIndex(objects: readonly Listable[], id: string, param: string): number {
  const index = objects.findIndex((object) => object.id === id);
  if (index === -1) throw invalidParam(param, `No such object: '${id}'`);
  return index;
}

function createdFilter(reader: ParamsReader): (created: number) => boolean {
  const exact = exactCreated(reader);
  if (exact !== undefined) return (created) => created === exact;
  const range = reader.optionalHash('created');
  if (!range) return () => true;
  const bounds = Object.fromEntries(
    RANGE_BOUNDS.map((bound) => [bound, range.optionalInteger(bound, 0)]),
  );
  range.finish();
  return (created) =>
    (bounds.gt === undefined || created > bounds.gt) &&
    (bounds.gte === undefined || created >= bounds.gte) &&
    (bounds.lt === undefined || created < bounds.lt) &&
    (bounds.lte === undefined || created <= bounds.lte);
}

/** `created=<seconds>` (a string param) as opposed to `created[gte]=…` (a hash). */
function exactCreated(reader: ParamsReader): number | undefined {
  if (!reader.isString('created')) return undefined;
  return reader.optionalInteger('created', 0);
}
