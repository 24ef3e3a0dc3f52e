import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { waitFor } from '@conveyor/dev-stack';
import { runCommand } from '../../tools/images/container.engine';
import {
  BUILDAH_ISOLATION,
  BUILDAH_STORE,
  localImageName,
  type ImageTarget,
} from '../../tools/images/image.catalog';
import { containerMainPid } from './process.tree';

/** The parts of an image's configuration that decide how its process runs. */
export interface ImageConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  User?: string;
  Env?: string[];
  WorkingDir?: string;
  Healthcheck?: { Test: string[] };
}

export function buildah(args: string[]): string {
  const outcome = runCommand('buildah', [...BUILDAH_STORE, ...args]);
  if (outcome.status !== 0) {
    throw new Error(`buildah ${args.join(' ')} failed (${outcome.status}):\n${outcome.stderr}`);
  }
  return outcome.stdout.trim();
}

/** The `buildah run` of a container's command, and the app process inside it. */
export class ContainerProcess {
  readonly exited: Promise<number | null>;
  private readonly lines: string[] = [];

  constructor(
    readonly label: string,
    private readonly child: ReturnType<typeof spawn>,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.lines.push(line));
    }
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(last = 40): string {
    return this.lines.slice(-last).join('\n');
  }

  /** The image's own process: what a runtime's stop signal goes to (see process.tree.ts). */
  mainPid(): Promise<number> {
    return waitFor(() => this.running && containerMainPid(this.child.pid!), {
      timeoutMs: 15_000,
      description: `the process of ${this.label} to start`,
    });
  }

  /** A crash stop for cleanup: the app and the buildah run around it. */
  async kill(): Promise<void> {
    if (!this.running) return;
    const pid = containerMainPid(this.child.pid!);
    if (pid) process.kill(pid, 'SIGKILL');
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/**
 * A working container of one built image, run as the image says: `buildah run` applies the
 * image's User, Env and WorkingDir; the command is the image's Entrypoint and Cmd, so a test adds
 * only environment (and, for the emulators, arguments in place of the Cmd, like `docker run`).
 * The network is the host's (chroot isolation).
 */
export class ImageContainer {
  private mountPoint?: string;

  private constructor(
    readonly target: ImageTarget,
    readonly name: string,
    readonly config: ImageConfig,
  ) {}

  static create(target: ImageTarget): ImageContainer {
    const name = `conveyor-images-test-${target}-${randomBytes(3).toString('hex')}`;
    buildah(['from', '--pull=never', '--quiet', '--name', name, localImageName(target)]);
    const inspected = JSON.parse(buildah(['inspect', '--type', 'container', name])) as {
      Docker: { config: ImageConfig };
    };
    return new ImageContainer(target, name, inspected.Docker.config);
  }

  /** The image's command, or its Entrypoint with `args` in place of its Cmd. */
  command(args?: string[]): string[] {
    return [...(this.config.Entrypoint ?? []), ...(args ?? this.config.Cmd ?? [])];
  }

  start(env: Record<string, string>, args?: string[]): ContainerProcess {
    const child = spawn('buildah', this.runArgs(env, this.command(args)), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ContainerProcess(this.name, child);
  }

  /** Runs a one-off command in the container (e.g. its HEALTHCHECK), returning its exit code. */
  exec(command: string[], env: Record<string, string> = {}): number | null {
    return runCommand('buildah', this.runArgs(env, command), { timeoutMs: 30_000 }).status;
  }

  /** The container's file system, as the image laid it out. */
  rootfs(): string {
    this.mountPoint ??= buildah(['mount', this.name]);
    return this.mountPoint;
  }

  remove(): void {
    if (this.mountPoint) buildah(['umount', this.name]);
    buildah(['rm', this.name]);
  }

  private runArgs(env: Record<string, string>, command: string[]): string[] {
    const envFlags = Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
    return [
      ...BUILDAH_STORE,
      'run',
      ...BUILDAH_ISOLATION,
      ...envFlags,
      this.name,
      '--',
      ...command,
    ];
  }
}
