// Through the package's root: a path naming `apps/` reads as a cross-app import to the linter.
import type { apps } from 'kubernetes-models';

export type IDeployment = apps.v1.IDeployment;
