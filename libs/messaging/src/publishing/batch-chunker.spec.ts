import { chunkForBatch } from './batch-chunker';

const items = (...sizes: number[]) => sizes.map((sizeBytes, index) => ({ index, sizeBytes }));

describe('chunkForBatch', () => {
  it('splits by entry count', () => {
    const { chunks } = chunkForBatch(items(...Array<number>(23).fill(1)));
    expect(chunks.map((chunk) => chunk.length)).toEqual([10, 10, 3]);
  });

  it('splits by total bytes, keeping order', () => {
    const { chunks } = chunkForBatch(items(100, 100, 100, 50), 10, 250);
    expect(chunks.map((chunk) => chunk.map((item) => item.index))).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('sets aside items larger than a whole batch', () => {
    const { chunks, oversized } = chunkForBatch(items(10, 300, 10), 10, 250);
    expect(oversized.map((item) => item.index)).toEqual([1]);
    expect(chunks.map((chunk) => chunk.map((item) => item.index))).toEqual([[0, 2]]);
  });
});
