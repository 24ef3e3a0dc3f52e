import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectProfile, pickProfile } from './profile-files.collector';

describe('pickProfile', () => {
  const files = [
    { name: 'CPU.20261205.220616.4242.1.002.cpuprofile', size: 900 },
    { name: 'CPU.20261205.220616.4242.0.001.cpuprofile', size: 500 },
    { name: 'CPU.20261205.220616.77.0.001.cpuprofile', size: 700 },
  ];

  it("takes the process's main thread, not a worker thread's", () => {
    expect(pickProfile(files, 4242)).toBe('CPU.20261205.220616.4242.0.001.cpuprofile');
  });

  it('takes the largest without a known pid, and none from nothing', () => {
    expect(pickProfile(files)).toBe('CPU.20261205.220616.4242.1.002.cpuprofile');
    expect(pickProfile([], 1)).toBeUndefined();
  });
});

describe('collectProfile', () => {
  it('finds the written profile, and says so when there is none', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'collect-'));
    try {
      await expect(collectProfile(dir, 5, 0)).rejects.toThrow('no .cpuprofile');
      writeFileSync(path.join(dir, 'CPU.1.2.5.0.001.cpuprofile'), '{}');
      await expect(collectProfile(dir, 5, 0)).resolves.toBe(
        path.join(dir, 'CPU.1.2.5.0.001.cpuprofile'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
