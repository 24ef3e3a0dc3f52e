import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TraceReceiver } from '@conveyor/dev-stack';
import { startE2eStack } from '../../support/e2e-stack';
import { idOf } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();

/**
 * Preloaded into the app (NODE_OPTIONS=--require): appends host:port of every outgoing TCP
 * connection it attempts to a file. pg, the AWS SDK, undici and the OTLP exporters all open
 * their sockets through net.Socket#connect.
 */
const RECORDER = `
const net = require('node:net');
const fs = require('node:fs');
const file = process.env.CONNECT_LOG;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target = typeof first === 'object' && first !== null
    ? (first.path ?? (first.host ?? 'localhost') + ':' + first.port)
    : (args[1] ?? 'localhost') + ':' + first;
  fs.appendFileSync(file, target + '\\n');
  return connect.apply(this, args);
};
`;

/** Runs the order API alone, places an order and stops it: the ports it connected to. */
async function portsContacted(dir: string, label: string, tracesReceiverUrl?: string) {
  const log = path.join(dir, `${label}.log`);
  writeFileSync(log, '');
  const e2e = await startE2eStack({
    label,
    apps: ['order-api'],
    tracesReceiverUrl,
    extraEnv: {
      'order-api': { NODE_OPTIONS: `--require ${path.join(dir, 'recorder.js')}`, CONNECT_LOG: log },
    },
  });
  try {
    const sku = uniqueSku(label);
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 500, stock: 2 }]);
    const token = await e2e.token('quiet');
    const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(202);
    expect((await e2e.api.getOrder(token, idOf(placed))).status).toBe(200);
  } finally {
    // A graceful stop flushes whatever spans an SDK would have buffered.
    await e2e.stop();
  }
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return new Set(lines.map((line) => Number(line.split(':').at(-1))));
}

describe('with no exporter configured, an app makes no tracing calls (order API as a real process)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'conveyor-tracing-off-'));
    writeFileSync(path.join(dir, 'recorder.js'), RECORDER);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('connects to PostgreSQL and SQS only, not to the SDK default localhost:4318', async () => {
    const ports = await portsContacted(dir, 'tracing-off');
    const allowed = new Set([
      Number(new URL(env.CONVEYOR_TEST_DATABASE_URL).port || 5432),
      Number(new URL(env.CONVEYOR_TEST_SQS_ENDPOINT).port),
    ]);
    expect(ports.size).toBeGreaterThan(0);
    expect([...ports].filter((port) => !allowed.has(port))).toEqual([]);
    expect(ports.has(4318)).toBe(false);
  });

  it('does connect to the receiver once an endpoint is given (the recorder sees exports)', async () => {
    const receiver = new TraceReceiver();
    const url = await receiver.start();
    try {
      const ports = await portsContacted(dir, 'tracing-on', url);
      expect(ports.has(Number(new URL(url).port))).toBe(true);
    } finally {
      await receiver.stop();
    }
  });
});
