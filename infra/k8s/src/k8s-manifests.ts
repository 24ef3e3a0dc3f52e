import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';
import { isWorkerApp } from '../../scaling/worker-scaling';
import {
  appDeployment,
  appDisruptionBudget,
  appService,
  appServiceAccount,
} from './app-workload.builder';
import {
  orderApiAutoscaler,
  sqsTriggerAuthentication,
  workerScaledObject,
} from './autoscaling.builder';
import { awsOverlayFiles } from './aws-overlay.builder';
import { conveyorConfigMap, conveyorNamespace, migrateJob } from './base-config.builder';
import { BASE_ENVIRONMENT, NAMESPACE } from './k8s.settings';
import { localOverlayFiles } from './local-overlay.builder';
import type { ManifestFile } from './manifest-file';

/** An app's objects, in one file: who it runs as, how it runs, is reached, kept up and scaled. */
function appDocuments(app: ConveyorApp): object[] {
  const scaler = isWorkerApp(app)
    ? workerScaledObject(app, BASE_ENVIRONMENT)
    : orderApiAutoscaler();
  return [
    appServiceAccount(app),
    appDeployment(app, BASE_ENVIRONMENT),
    appService(app),
    appDisruptionBudget(app),
    scaler,
  ];
}

function baseFiles(): ManifestFile[] {
  const files: ManifestFile[] = [
    { path: 'base/namespace.yaml', documents: [conveyorNamespace()] },
    { path: 'base/config.yaml', documents: [conveyorConfigMap(BASE_ENVIRONMENT)] },
    { path: 'base/migrate-job.yaml', documents: [migrateJob()] },
    { path: 'base/keda-trigger-authentication.yaml', documents: [sqsTriggerAuthentication()] },
    ...CONVEYOR_APPS.map((app) => ({ path: `base/${app}.yaml`, documents: appDocuments(app) })),
  ];
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: NAMESPACE,
    // The Secret conveyor-secrets is referenced, never defined here: see docs/deploy.md.
    resources: files.map((file) => file.path.slice('base/'.length)),
  };
  return [{ path: 'base/kustomization.yaml', documents: [kustomization] }, ...files];
}

/** Every generated file under infra/k8s, by path; the same on every run. */
export function k8sManifestFiles(): ManifestFile[] {
  return [...baseFiles(), ...localOverlayFiles(), ...awsOverlayFiles()];
}
