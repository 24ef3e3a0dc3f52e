import type { ConveyorApp } from '@conveyor/dev-stack';

export interface AppLogLine {
  app: ConveyorApp;
  raw: string;
  /** The structured (pino) line, or undefined for other output such as Node warnings. */
  entry?: Record<string, unknown>;
}

/** Splits the `app | line` output e2e stacks collect into the app and its JSON log entry. */
export function parseAppLogs(lines: readonly string[]): AppLogLine[] {
  return lines.map((line) => {
    const separator = line.indexOf(' | ');
    const app = line.slice(0, separator) as ConveyorApp;
    const raw = line.slice(separator + 3);
    try {
      return { app, raw, entry: JSON.parse(raw) as Record<string, unknown> };
    } catch {
      return { app, raw };
    }
  });
}

/** The apps that wrote at least one line carrying this correlation id. */
export function appsLoggingCorrelationId(lines: readonly string[], correlationId: string) {
  const apps = parseAppLogs(lines)
    .filter((line) => line.entry?.correlationId === correlationId)
    .map((line) => line.app);
  return [...new Set(apps)].sort();
}
