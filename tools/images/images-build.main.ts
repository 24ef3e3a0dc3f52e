import { imagesBuildEnvSchema, loadConfig, type ImagesBuildEnv } from '@conveyor/config';
import { repoRoot } from '@conveyor/dev-stack';
import { ContainerEngine } from './container.engine';
import { DEFAULT_BASE_IMAGE, IMAGE_TARGETS, imageTag } from './image.catalog';
import { sizeTable } from './image-sizes.report';
import { ensureLocalBase } from './node-base.builder';

/**
 * `npm run images:build`: every target of infra/docker/Dockerfile as `conveyor/<target>:latest`,
 * with buildah when installed (else docker), on node:24-bookworm-slim when the engine has it or
 * can pull it, else on a local base built from Debian packages and this machine's Node 24.
 */
function main(): void {
  const env = loadConfig(imagesBuildEnvSchema);
  const engine = ContainerEngine.detect(env.CONVEYOR_IMAGES_ENGINE);
  const baseImage = resolveBase(engine, env);
  const cwd = repoRoot();
  for (const target of IMAGE_TARGETS) {
    const started = Date.now();
    engine.build({ target, baseImage, caBundle: env.NODE_EXTRA_CA_CERTS, cwd });
    console.log(`built ${imageTag(target)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const base = { image: baseImage, bytes: engine.imageSize(baseImage) };
  const images = IMAGE_TARGETS.map((target) => ({
    image: imageTag(target),
    bytes: engine.imageSize(imageTag(target)),
  }));
  console.log(`\n${sizeTable(base, images)}`);
}

function resolveBase(engine: ContainerEngine, env: ImagesBuildEnv): string {
  if (env.CONVEYOR_IMAGES_BASE) return env.CONVEYOR_IMAGES_BASE;
  if (engine.hasImage(DEFAULT_BASE_IMAGE) || engine.tryPull(DEFAULT_BASE_IMAGE)) {
    console.log(`base: ${DEFAULT_BASE_IMAGE}`);
    return DEFAULT_BASE_IMAGE;
  }
  console.log(`base: ${DEFAULT_BASE_IMAGE} cannot be pulled; using a local one`);
  return ensureLocalBase(engine);
}

try {
  main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
