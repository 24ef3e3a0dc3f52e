import { UsageError } from '../cli/command-line';
import { parseEmulatorFlags } from './stripe-emulator.flags';

describe('stripe-emulator flags', () => {
  it('defaults to 127.0.0.1:12111 without webhooks', () => {
    expect(parseEmulatorFlags([])).toEqual({ port: 12111, host: '127.0.0.1' });
  });

  it('takes a webhook URL with its signing secret', () => {
    const args = ['--port', '0', '--webhook-url', 'http://127.0.0.1:3000/webhooks/stripe'];
    expect(parseEmulatorFlags([...args, '--webhook-secret', 'whsec_abc'])).toEqual({
      port: 0,
      host: '127.0.0.1',
      webhook: { url: 'http://127.0.0.1:3000/webhooks/stripe', secret: 'whsec_abc' },
    });
  });

  it.each([
    [['--webhook-url', 'http://localhost:3000/'], 'give both or neither'],
    [['--webhook-secret', 'whsec_abc'], 'give both or neither'],
    [['--webhook-url', 'localhost:3000', '--webhook-secret', 'whsec_abc'], 'http or https URL'],
    [['--webhook-url', 'http://localhost/', '--webhook-secret', 'sk_test_1'], 'shaped whsec_'],
    [['--port', '70000'], '--port must be 0 to 65535'],
  ])('refuses %j as a usage error', (args, message) => {
    const parse = () => parseEmulatorFlags(args);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});
