import { UsageError } from '../cli/command-line';
import { parseProfileOptions } from './profile.options';

describe('parseProfileOptions', () => {
  it('defaults to 30 s at 40 orders/s into docs/performance/profiles, without raw profiles', () => {
    expect(parseProfileOptions([], '/repo')).toEqual({
      durationSeconds: 30,
      ratePerSecond: 40,
      outDir: '/repo/docs/performance/profiles',
      keepRaw: false,
    });
  });

  it('takes every option, the output relative to the repository', () => {
    const options = parseProfileOptions(
      ['--duration', '20', '--rate', '7.5', '--out', 'tmp/p', '--keep-raw'],
      '/repo',
    );
    expect(options).toEqual({
      durationSeconds: 20,
      ratePerSecond: 7.5,
      outDir: '/repo/tmp/p',
      keepRaw: true,
    });
  });

  it('refuses a rate or duration that is not a positive number', () => {
    expect(() => parseProfileOptions(['--rate', '0'], '/repo')).toThrow(UsageError);
    expect(() => parseProfileOptions(['--duration', 'x'], '/repo')).toThrow('--duration');
  });
});
