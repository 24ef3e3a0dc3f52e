import type Stripe from 'stripe';
import { invalidParam } from './api.error';

/** One `field:'value'` term of a search query. */
export interface SearchClause {
  field: 'metadata' | 'status' | 'currency';
  /** The metadata key, for `metadata['key']`. */
  key?: string;
  value: string;
}

const CLAUSE =
  /^(?:metadata\[(['"])(?<key>[^'"]+)\1\]|(?<field>status|currency))\s*:\s*(['"])(?<value>(?:\\.|(?!\4).)*)\4$/;

/**
 * The subset of Stripe's search query language the emulator understands: exact-match terms on
 * metadata, status and currency, joined by AND. Anything else is refused as Stripe refuses a
 * query it cannot parse, so a client never gets a silently wrong answer.
 */
export function parseSearchQuery(query: string): SearchClause[] {
  const terms = query.trim().split(/\s+AND\s+/);
  return terms.map((term) => {
    const found = CLAUSE.exec(term.trim());
    if (!found?.groups) {
      throw invalidParam(
        'query',
        `The Stripe emulator cannot parse the search term "${term}": it supports ` +
          `metadata['key']:'value', status:'value' and currency:'value' joined by AND.`,
      );
    }
    const value = found.groups.value.replace(/\\(.)/g, '$1');
    return found.groups.key !== undefined
      ? { field: 'metadata', key: found.groups.key, value }
      : { field: found.groups.field as 'status' | 'currency', value };
  });
}

export function matchesSearch(intent: Stripe.PaymentIntent, clauses: SearchClause[]): boolean {
  return clauses.every((clause) => {
    if (clause.field === 'metadata') return intent.metadata[clause.key ?? ''] === clause.value;
    return intent[clause.field] === clause.value;
  });
}
