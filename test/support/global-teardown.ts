import { testResources } from './test-resources';

export default async function globalTeardown(): Promise<void> {
  await testResources.release();
}
