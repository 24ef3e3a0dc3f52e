/** One file the generator writes under infra/k8s: YAML documents, or plain text (an env file). */
export type ManifestFile =
  { path: string; documents: readonly object[] } | { path: string; text: string };
