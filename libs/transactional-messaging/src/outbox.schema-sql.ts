/**
 * DDL for a service's outbox table, used by that service's migration. Rows are deleted once
 * SQS has accepted them, so the table holds only the backlog.
 */
export function outboxTableSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".outbox (
      id uuid PRIMARY KEY,
      queue text NOT NULL,
      message_type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      last_error text
    )`,
    `CREATE INDEX outbox_created_at_idx ON "${schema}".outbox (created_at)`,
  ];
}
