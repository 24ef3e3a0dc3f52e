import { z } from 'zod';

/** `npm run images:build`: which engine and base to use, and what TLS trust the build needs. */
export const imagesBuildEnvSchema = z.object({
  /** Default: buildah when installed, otherwise docker. */
  CONVEYOR_IMAGES_ENGINE: z
    .enum(['buildah', 'docker'], { message: 'set CONVEYOR_IMAGES_ENGINE to buildah or docker' })
    .optional(),
  /** Use this base image as it is: no pull of node:24-bookworm-slim, no local base. */
  CONVEYOR_IMAGES_BASE: z.string().min(1).optional(),
  /** A CA bundle the host trusts (a TLS-inspecting proxy); npm in the build stages trusts it too. */
  NODE_EXTRA_CA_CERTS: z.string().min(1).optional(),
});
export type ImagesBuildEnv = z.infer<typeof imagesBuildEnvSchema>;
