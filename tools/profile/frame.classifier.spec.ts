import { classifyFrame, nodeArea, packageOf, projectArea } from './frame.classifier';
import type { CallFrame } from './cpu-profile.types';

const ROOT = '/repo';
const at = (functionName: string, url: string, lineNumber = 9): CallFrame => ({
  functionName,
  url,
  lineNumber,
  columnNumber: 0,
  scriptId: '1',
});

describe('classifyFrame', () => {
  it('files V8 pseudo-frames as the engine, GC under its own area', () => {
    expect(classifyFrame(at('(garbage collector)', '', -1), ROOT)).toEqual({
      name: '(garbage collector)',
      file: '',
      line: 0,
      category: 'runtime',
      area: 'GC',
    });
    expect(classifyFrame(at('(program)', '', -1), ROOT).category).toBe('runtime');
  });

  it('files node: scripts as Node.js, by module, with a one-based line', () => {
    const frame = classifyFrame(at('onStreamRead', 'node:internal/stream_base_commons'), ROOT);
    expect(frame).toMatchObject({ category: 'node', area: 'node:stream_base_commons', line: 10 });
    expect(classifyFrame(at('JSONParse', ''), ROOT)).toMatchObject({
      category: 'node',
      area: 'native code',
    });
  });

  it('files node_modules by package, scoped packages by scope, nested ones by the innermost', () => {
    const pg = classifyFrame(at('query', 'file:///repo/node_modules/pg/lib/client.js'), ROOT);
    expect(pg).toMatchObject({ category: 'package', area: 'pg', file: 'pg/lib/client.js' });
    const sqs = at('send', 'file:///repo/node_modules/@aws-sdk/client-sqs/dist-cjs/index.js');
    expect(classifyFrame(sqs, ROOT).area).toBe('@aws-sdk/*');
    expect(packageOf('/repo/node_modules/a/node_modules/pino-std-serializers/x.js')).toBe(
      'pino-std-serializers',
    );
  });

  it('files the repository code by app or lib folder, compiled or source', () => {
    const url = 'file:///repo/dist/libs/messaging/src/queue.consumer.js';
    expect(classifyFrame(at('handle', url), ROOT)).toMatchObject({
      category: 'project',
      area: 'libs/messaging',
      file: 'dist/libs/messaging/src/queue.consumer.js',
    });
    expect(projectArea('apps/order-api/src/orders/place-order.handler.ts')).toBe('apps/order-api');
  });

  it('names an unnamed function and keeps a script outside the repository apart', () => {
    const frame = classifyFrame(at('', 'file:///elsewhere/x.js'), ROOT);
    expect(frame).toMatchObject({
      name: '(anonymous)',
      area: 'other scripts',
      file: '/elsewhere/x.js',
    });
    expect(nodeArea('node:net')).toBe('node:net');
  });
});
