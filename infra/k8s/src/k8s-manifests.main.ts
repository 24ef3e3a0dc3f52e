import { parseArgs } from 'node:util';
import { runCommand } from '../../../tools/cli/command-line';
import { k8sManifestFiles } from './k8s-manifests';
import { k8sDir, writeManifests } from './manifest.writer';

const USAGE = `usage: npm run k8s:generate [-- --out <dir>]
  writes the Kubernetes manifests (infra/k8s/base, the generated files of infra/k8s/overlays)
  from the queue topology, the app catalog and the image catalog; --out: elsewhere than infra/k8s`;

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const outDir = values.out ?? k8sDir();
  const files = k8sManifestFiles();
  await writeManifests(files, outDir);
  console.log(`${files.length} files written under ${outDir}`);
}

runCommand(USAGE, main);
