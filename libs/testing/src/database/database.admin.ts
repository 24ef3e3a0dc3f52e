import { Client } from 'pg';

/** Creates `name` on the server behind `adminUrl` unless it exists; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  await withAdminClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  });
  return databaseUrlOf(adminUrl, name);
}

/**
 * Creates `name` as a copy of `template` (schemas, migrations and rows), which takes a fraction of
 * a second where migrating afresh takes several. Nothing may be connected to the template.
 */
export async function cloneDatabase(
  adminUrl: string,
  name: string,
  template: string,
): Promise<string> {
  await withAdminClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`),
  );
  return databaseUrlOf(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (client) => client.query(dropStatement(name)));
}

/** Drops `name` and every database named `<name>_…` (the copies made of it). */
export async function dropDatabaseAndCopies(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [`${name}_`],
    );
    for (const { datname } of rows) await client.query(dropStatement(datname));
    await client.query(dropStatement(name));
  });
}

/** The URL of database `name` on the server behind `adminUrl`, with the same credentials. */
export function databaseUrlOf(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function dropStatement(name: string): string {
  return `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`;
}

async function withAdminClient<T>(adminUrl: string, work: (client: Client) => Promise<T>) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
