/** DDL for a consumer's inbox: one row per message id it has applied. */
export function inboxTableSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".inbox (
      message_id uuid PRIMARY KEY,
      message_type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now()
    )`,
  ];
}
