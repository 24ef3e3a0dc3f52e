import type { ConveyorApp } from '@conveyor/contracts';

/** Every target of infra/docker/Dockerfile, each tagged `conveyor/<target>:latest`. */
export const IMAGE_TARGETS = [
  'order-api',
  'payment-worker',
  'inventory-worker',
  'shipping-worker',
  'ops',
  'stripe-emulator',
  'sqs-emulator',
] as const;
export type ImageTarget = (typeof IMAGE_TARGETS)[number];

/** The targets that must carry no npm, no TypeScript sources and no devDependencies. */
export const RUNTIME_TARGETS: readonly ImageTarget[] = [
  'order-api',
  'payment-worker',
  'inventory-worker',
  'shipping-worker',
  'ops',
];

/** The port each app's image exposes and sets as HTTP_PORT. */
export const APP_IMAGE_PORTS: Record<ConveyorApp, number> = {
  'order-api': 3000,
  'payment-worker': 3001,
  'inventory-worker': 3002,
  'shipping-worker': 3003,
};

export const DOCKERFILE = 'infra/docker/Dockerfile';
/** The Dockerfile's own default base: used whenever the engine has it or can pull it. */
export const DEFAULT_BASE_IMAGE = 'node:24-bookworm-slim';
/** Built here (debootstrap + this machine's Node 24) when the default cannot be pulled. */
export const LOCAL_BASE_IMAGE = 'localhost/conveyor-node-base:24';

/**
 * buildah's global storage flags, for building and for running alike (a container can only use
 * images of its own store). overlay is this machine's default store and several times faster
 * than vfs, which copies every layer in full.
 */
export const BUILDAH_STORE = ['--storage-driver', 'overlay'];
/** chroot: the only buildah isolation that works here (crun refuses hybrid cgroups). */
export const BUILDAH_ISOLATION = ['--isolation', 'chroot'];

export function imageTag(target: ImageTarget): string {
  return `conveyor/${target}:latest`;
}

/** How buildah (and podman) name a tag without a registry. */
export function localImageName(target: ImageTarget): string {
  return `localhost/${imageTag(target)}`;
}
