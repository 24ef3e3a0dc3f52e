import { invalidParam, missingParam, unknownParam } from './api.error';
import type { FormObject, FormValue } from './form.decoder';

const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 };

/**
 * Reads typed params out of a decoded request the way Stripe validates them, remembering which
 * ones were read so that `finish()` can reject the rest as unknown, as Stripe does; a param the
 * emulator does not model therefore fails loudly instead of being silently ignored.
 */
export class ParamsReader {
  private readonly seen = new Set<string>();

  constructor(
    private readonly params: FormObject,
    private readonly prefix = '',
  ) {}

  optionalString(name: string): string | undefined {
    const value = this.take(name);
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'string') {
      throw invalidParam(this.path(name), `Invalid string: ${this.path(name)} must be a string`);
    }
    return value;
  }

  /** Whether `name` was sent as a plain value rather than a hash (without marking it read). */
  isString(name: string): boolean {
    return typeof this.params[name] === 'string';
  }

  requiredString(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined || value === '') {
      throw missingParam(this.path(name));
    }
    return value;
  }

  optionalEnum<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(name);
    if (value === undefined || allowed.includes(value as T)) {
      return value as T | undefined;
    }
    const list = allowed.join(', ');
    throw invalidParam(this.path(name), `Invalid ${this.path(name)}: must be one of ${list}`);
  }

  optionalInteger(name: string, min: number): number | undefined {
    const raw = this.optionalString(name);
    if (raw === undefined) {
      return undefined;
    }
    if (!/^-?\d+$/.test(raw)) {
      throw invalidParam(this.path(name), `Invalid integer: ${raw}`, 'parameter_invalid_integer');
    }
    const value = Number(raw);
    if (value < min) {
      const message = `This value must be greater than or equal to ${min}.`;
      throw invalidParam(this.path(name), message, 'parameter_invalid_integer');
    }
    return value;
  }

  requiredInteger(name: string, min: number): number {
    const value = this.optionalInteger(name, min);
    if (value === undefined) {
      throw missingParam(this.path(name));
    }
    return value;
  }

  boolean(name: string): boolean {
    const raw = this.optionalString(name);
    if (raw === undefined || raw === 'false') {
      return false;
    }
    if (raw === 'true') {
      return true;
    }
    throw invalidParam(this.path(name), `Invalid boolean: ${raw}`);
  }

  optionalStringList(name: string): string[] | undefined {
    const value = this.take(name);
    if (value === undefined) {
      return undefined;
    }
    const items = typeof value === 'string' ? [value] : Object.values(value);
    if (!items.every((item): item is string => typeof item === 'string')) {
      throw invalidParam(this.path(name), `Invalid array: ${this.path(name)} must hold strings`);
    }
    return items;
  }

  /** A nested hash param, read with its own reader; `undefined` when absent. */
  optionalHash(name: string): ParamsReader | undefined {
    const value = this.take(name);
    if (value === undefined) {
      return undefined;
    }
    if (typeof value === 'string') {
      throw invalidParam(this.path(name), `Invalid hash: ${this.path(name)} must be a hash`);
    }
    return new ParamsReader(value, this.path(name));
  }

  metadata(): Record<string, string> {
    const value = this.take('metadata');
    if (value === undefined || value === '') {
      return {};
    }
    if (typeof value === 'string') {
      throw invalidParam('metadata', 'Invalid metadata: metadata must be a hash');
    }
    return readMetadata(value);
  }

  /** Rejects every param that was sent but never read. */
  finish(): void {
    for (const key of Object.keys(this.params)) {
      if (!this.seen.has(key)) {
        throw unknownParam(this.path(key));
      }
    }
  }

  private take(name: string): FormValue | undefined {
    this.seen.add(name);
    return this.params[name];
  }

  private path(name: string): string {
    return this.prefix ? `${this.prefix}[${name}]` : name;
  }
}

function readMetadata(value: FormObject): Record<string, string> {
  const entries = Object.entries(value);
  if (entries.length > METADATA_LIMITS.keys) {
    throw invalidParam('metadata', `Invalid metadata: at most ${METADATA_LIMITS.keys} keys`);
  }
  const metadata: Record<string, string> = {};
  for (const [key, item] of entries) {
    const param = `metadata[${key}]`;
    if (typeof item !== 'string') {
      throw invalidParam(param, `Invalid value type: ${param} must be a string`);
    }
    if (key.length > METADATA_LIMITS.keyLength || item.length > METADATA_LIMITS.valueLength) {
      throw invalidParam(param, `Invalid metadata: ${param} exceeds Stripe's metadata limits`);
    }
    if (item !== '') {
      metadata[key] = item;
    }
  }
  return metadata;
}
