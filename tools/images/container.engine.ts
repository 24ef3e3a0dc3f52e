import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  BUILDAH_ISOLATION,
  BUILDAH_STORE,
  DOCKERFILE,
  imageTag,
  type ImageTarget,
} from './image.catalog';
import { parseHumanSize } from './image-sizes.report';

export type EngineName = 'buildah' | 'docker';

export interface CommandOutcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; `inherit` shows its output instead of capturing it. */
export function runCommand(
  command: string,
  args: string[],
  options: { inherit?: boolean; timeoutMs?: number; cwd?: string; input?: string } = {},
): CommandOutcome {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    stdio: options.inherit ? ['ignore', 'inherit', 'inherit'] : 'pipe',
    timeout: options.timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error && !options.timeoutMs) throw result.error;
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export function commandExists(name: string): boolean {
  return runCommand('sh', ['-c', `command -v ${name}`]).status === 0;
}

export interface BuildRequest {
  target: ImageTarget;
  baseImage: string;
  /** The host's extra CA bundle, lent to the build's RUN steps (buildah only), never copied. */
  caBundle?: string;
  cwd: string;
}

/** buildah or docker, as the image scripts need them: build, inspect, pull, measure. */
export class ContainerEngine {
  constructor(readonly name: EngineName) {}

  /** The engine named, else buildah when installed, else docker. */
  static detect(preferred?: EngineName): ContainerEngine {
    const name = preferred ?? (commandExists('buildah') ? 'buildah' : 'docker');
    if (!commandExists(name)) {
      throw new Error(`${name} is not installed: apt-get install buildah (or install docker)`);
    }
    return new ContainerEngine(name);
  }

  /** The engine's argv, buildah with its fixed store so builds and runs share images. */
  argv(args: string[]): [string, string[]] {
    return this.name === 'buildah' ? ['buildah', [...BUILDAH_STORE, ...args]] : ['docker', args];
  }

  exec(args: string[], options: Parameters<typeof runCommand>[2] = {}): CommandOutcome {
    const [command, argv] = this.argv(args);
    return runCommand(command, argv, options);
  }

  execOrThrow(args: string[], options: Parameters<typeof runCommand>[2] = {}): string {
    const outcome = this.exec(args, options);
    if (outcome.status !== 0) {
      throw new Error(
        `${this.name} ${args.join(' ')} failed (${outcome.status}):\n${outcome.stderr}`,
      );
    }
    return outcome.stdout.trim();
  }

  hasImage(ref: string): boolean {
    const args = this.name === 'buildah' ? ['inspect', '--type', 'image'] : ['image', 'inspect'];
    return this.exec([...args, ref]).status === 0;
  }

  /** A failed pull (no registry reachable) is an answer, not an error. */
  tryPull(ref: string, timeoutMs = 120_000): boolean {
    return this.exec(['pull', ref], { timeoutMs }).status === 0;
  }

  label(ref: string, key: string): string | undefined {
    const format =
      this.name === 'buildah'
        ? `{{index .OCIv1.Config.Labels "${key}"}}`
        : `{{index .Config.Labels "${key}"}}`;
    const args = this.name === 'buildah' ? ['inspect', '--type', 'image'] : ['image', 'inspect'];
    const outcome = this.exec([...args, '--format', format, ref]);
    const value = outcome.stdout.trim();
    return outcome.status === 0 && value && value !== '<no value>' ? value : undefined;
  }

  /** Uncompressed size in bytes (buildah only reports it rounded, e.g. "278 MB"). */
  imageSize(ref: string): number {
    if (this.name === 'docker') {
      return Number(this.execOrThrow(['image', 'inspect', '--format', '{{.Size}}', ref]));
    }
    const [image] = JSON.parse(this.execOrThrow(['images', '--json', ref])) as { size: string }[];
    return parseHumanSize(image.size);
  }

  build(request: BuildRequest): void {
    const common = [
      '-f',
      DOCKERFILE,
      '--target',
      request.target,
      '-t',
      imageTag(request.target),
      '--build-arg',
      `BASE_IMAGE=${request.baseImage}`,
    ];
    const args =
      this.name === 'buildah'
        ? ['bud', ...BUILDAH_ISOLATION, '--format', 'docker', '--layers', '--pull=false']
        : ['build'];
    const ca = request.caBundle;
    const trust =
      this.name === 'buildah' && ca && existsSync(ca)
        ? ['--volume', `${ca}:${ca}:ro`, '--build-arg', `NODE_EXTRA_CA_CERTS=${ca}`]
        : [];
    this.execOrThrow([...args, ...common, ...trust, '.'], { inherit: true, cwd: request.cwd });
  }
}
