import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  startSqsEmulatorProcess,
  type EmbeddedPostgresProcess,
  type SqsEmulatorProcess,
} from '@conveyor/dev-stack';

const LOCAL_STRIPE_KEY = 'sk_test_conveyor_local_emulator';

/** The local stand-ins for PostgreSQL, SQS and Stripe, started on demand and stopped together. */
export class LocalBackingServices {
  private postgresProcess?: EmbeddedPostgresProcess;
  private sqsProcess?: SqsEmulatorProcess;
  private stripeEmulator?: { stop(): Promise<void> };

  constructor(
    private readonly dataDir: string,
    private readonly log: (line: string) => void,
  ) {}

  async postgres(): Promise<string> {
    this.log('DATABASE_URL unset: starting embedded PostgreSQL (data in .data/postgres)');
    this.postgresProcess = await startEmbeddedPostgres({
      dataDir: path.join(this.dataDir, 'postgres'),
      port: 54329,
    });
    return ensureDatabase(this.postgresProcess.adminUrl, 'conveyor');
  }

  async sqs(): Promise<string> {
    this.log('SQS_ENDPOINT unset: starting the fauxqs SQS emulator (data in .data/sqs)');
    const dataDir = path.join(this.dataDir, 'sqs');
    mkdirSync(dataDir, { recursive: true });
    this.sqsProcess = await startSqsEmulatorProcess({ port: 9324, dataDir });
    return this.sqsProcess.endpoint;
  }

  async stripe(
    start: () => Promise<{ url: string; stop(): Promise<void> }>,
  ): Promise<{ secretKey: string; apiBaseUrl: string }> {
    this.log('STRIPE_SECRET_KEY unset: starting the local Stripe emulator');
    const emulator = await start();
    this.stripeEmulator = emulator;
    return { secretKey: LOCAL_STRIPE_KEY, apiBaseUrl: emulator.url };
  }

  async stop(): Promise<void> {
    await this.stripeEmulator?.stop();
    await this.sqsProcess?.stop();
    await this.postgresProcess?.stop();
  }
}
