import { METRIC_CATALOG } from './metric.catalog';

describe('METRIC_CATALOG', () => {
  it('names each family once, in the conveyor_ namespace, with Prometheus’ naming rules', () => {
    const names = METRIC_CATALOG.map((metric) => metric.name);
    expect(new Set(names).size).toBe(names.length);
    for (const { name, type, labelNames } of METRIC_CATALOG) {
      expect(name).toMatch(/^conveyor_[a-z0-9_]+$/);
      // Counters end in _total; only counters do (a histogram's series add their own suffixes).
      expect({ name, total: name.endsWith('_total') }).toEqual({ name, total: type === 'counter' });
      for (const label of labelNames) expect(label).toMatch(/^[a-z][a-z0-9_]*$/);
      // Prometheus adds job and instance, the registry adds service; a histogram adds le.
      expect(labelNames).not.toEqual(expect.arrayContaining(['service']));
      expect(labelNames).not.toEqual(expect.arrayContaining(['le']));
    }
  });
});
