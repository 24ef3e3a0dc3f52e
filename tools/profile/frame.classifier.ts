import { fileURLToPath } from 'node:url';
import type { CallFrame, Frame } from './cpu-profile.types';

/** V8's pseudo-frames: none is JavaScript, each gets its own area. */
const RUNTIME_FRAMES: Record<string, string> = {
  '(garbage collector)': 'GC',
  '(program)': '(program): V8 and native code',
  '(idle)': '(idle)',
  '(root)': '(root)',
};

/**
 * Names a sampled frame and files it under a category and an area, from its script URL alone:
 * `node:` scripts are Node.js, a path through `node_modules/` the package it names (scoped ones
 * by scope, so `@aws-sdk/client-sqs` and `@aws-sdk/core` add up), a path under `root` the app or
 * lib folder it belongs to. Pure: source maps are applied afterwards (source-location.mapper).
 */
export function classifyFrame(callFrame: CallFrame, root: string): Frame {
  const name = callFrame.functionName || '(anonymous)';
  const line = callFrame.lineNumber >= 0 ? callFrame.lineNumber + 1 : 0;
  const runtime = RUNTIME_FRAMES[callFrame.functionName];
  if (runtime && !callFrame.url)
    return { name, file: '', line: 0, category: 'runtime', area: runtime };
  if (!callFrame.url) return { name, file: '', line, category: 'node', area: 'native code' };
  if (callFrame.url.startsWith('node:')) {
    return { name, file: callFrame.url, line, category: 'node', area: nodeArea(callFrame.url) };
  }
  const file = toPath(callFrame.url);
  const packageName = packageOf(file);
  if (packageName) {
    return { name, file: shortPackagePath(file), line, category: 'package', area: packageName };
  }
  const relative = relativeTo(file, root);
  if (relative !== undefined) {
    return { name, file: relative, line, category: 'project', area: projectArea(relative) };
  }
  return { name, file, line, category: 'package', area: 'other scripts' };
}

/** `node:internal/streams/writable` → `node:streams`; `node:net` stays. */
export function nodeArea(url: string): string {
  const module = url.slice('node:'.length).replace(/^internal\//, '');
  return `node:${module.split('/')[0]}`;
}

/** The package a file belongs to (the last `node_modules/` wins); scoped ones as `@scope/*`. */
export function packageOf(file: string): string | undefined {
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const [first, second] = file.slice(at + 'node_modules/'.length).split('/');
  if (!first) return undefined;
  return first.startsWith('@') && second ? `${first}/*` : first;
}

/**
 * `apps/order-api`, `libs/messaging`, `tools/bench`: the folder a repository file belongs to,
 * whether it names the compiled file (`dist/libs/…`) or, after source mapping, the source.
 */
export function projectArea(relative: string): string {
  const parts = relative.replace(/^dist\//, '').split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
}

function toPath(url: string): string {
  if (!url.startsWith('file://')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

function shortPackagePath(file: string): string {
  const at = file.lastIndexOf('node_modules/');
  return file.slice(at + 'node_modules/'.length);
}

function relativeTo(file: string, root: string): string | undefined {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : undefined;
}
