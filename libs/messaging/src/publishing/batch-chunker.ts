export const MAX_BATCH_ENTRIES = 10;
export const MAX_BATCH_BYTES = 256 * 1024;

export interface SizedItem {
  sizeBytes: number;
}

export interface ChunkedItems<T> {
  chunks: T[][];
  /** Items that exceed the byte limit on their own; no batch can carry them. */
  oversized: T[];
}

/** Packs items in order into SendMessageBatch-sized chunks (entry count and total payload bytes). */
export function chunkForBatch<T extends SizedItem>(
  items: readonly T[],
  maxEntries = MAX_BATCH_ENTRIES,
  maxBytes = MAX_BATCH_BYTES,
): ChunkedItems<T> {
  const chunks: T[][] = [];
  const oversized: T[] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const item of items) {
    if (item.sizeBytes > maxBytes) {
      oversized.push(item);
      continue;
    }
    if (current.length === maxEntries || currentBytes + item.sizeBytes > maxBytes) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += item.sizeBytes;
  }
  if (current.length > 0) chunks.push(current);
  return { chunks, oversized };
}
