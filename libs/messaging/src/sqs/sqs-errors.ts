const LEGACY_PREFIX = 'AWS.SimpleQueueService.';

/**
 * SQS names an error by its JSON-protocol type or, through the query-compatibility header, by its
 * legacy code (often prefixed "AWS.SimpleQueueService."); the SDK surfaces either as name/Code.
 */
function errorNames(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const { name, Code } = error as { name?: unknown; Code?: unknown };
  return [name, Code]
    .filter((value): value is string => typeof value === 'string')
    .map((value) => (value.startsWith(LEGACY_PREFIX) ? value.slice(LEGACY_PREFIX.length) : value));
}

function hasErrorName(error: unknown, names: readonly string[]): boolean {
  return errorNames(error).some((name) => names.includes(name));
}

export function isQueueMissingError(error: unknown): boolean {
  return hasErrorName(error, ['QueueDoesNotExist', 'NonExistentQueue']);
}

export function isQueueExistsError(error: unknown): boolean {
  return hasErrorName(error, ['QueueNameExists', 'QueueAlreadyExists']);
}

/**
 * True only when the endpoint does not know the operation at all (emulators), so a real SQS
 * refusal of a move task (permissions, bad ARN, a task already running) is never hidden.
 */
export function isUnknownOperationError(error: unknown, operation: string): boolean {
  if (!hasErrorName(error, ['InvalidAction', 'UnknownOperationException'])) return false;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && message.includes(operation);
}
