import { EmulatorApiError } from './api.error';

/** A control request the emulator refuses: answered 400 with `{ error: message }`. */
export class ControlInputError extends Error {}

export interface ControlAnswer {
  status: number;
  body: unknown;
}

export function parseJsonObject(body: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch (error) {
    throw new ControlInputError((error as Error).message);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ControlInputError('the body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** Refuses fields a control route does not know, so a typo is not silently ignored. */
export function assertOnlyFields(input: Record<string, unknown>, known: string[]): void {
  const unknown = Object.keys(input).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new ControlInputError(`unknown field ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
}

/**
 * Runs a control route: a refused input answers 400 `{ error: message }`, and a Stripe error
 * about an object (missing, in the wrong state) answers as /v1 would, `{ error: { type, … } }`.
 */
export function answerControl(run: () => unknown): ControlAnswer {
  try {
    return { status: 200, body: run() };
  } catch (error) {
    if (error instanceof ControlInputError) {
      return { status: 400, body: { error: error.message } };
    }
    if (error instanceof EmulatorApiError) {
      return { status: error.status, body: { error: error.body } };
    }
    throw error;
  }
}

/** A group of control routes: answers a route it serves (`POST /_emulator/…`), null otherwise. */
export interface ControlRoutes {
  handle(route: string, body: string): ControlAnswer | null;
}
