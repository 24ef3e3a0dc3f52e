import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import type { CallFrame, Frame } from './cpu-profile.types';
import { classifyFrame, projectArea } from './frame.classifier';

/**
 * Frames of the repository's own compiled code (`dist/…/x.js`) named by their TypeScript source
 * and line, through the source maps the build writes beside each file; a file without one keeps
 * its compiled location. Each frame is worked out once per profile.
 */
export function sourceMappedFrames(root: string): (callFrame: CallFrame) => Frame {
  const maps = new Map<string, SourceMap | null>();
  const frames = new Map<string, Frame>();
  const mapFor = (file: string) => {
    if (!maps.has(file)) maps.set(file, loadMap(path.join(root, `${file}.map`)));
    return maps.get(file) ?? null;
  };
  return (callFrame) => {
    const key = `${callFrame.functionName}\u0000${callFrame.url}\u0000${callFrame.lineNumber}\u0000${callFrame.columnNumber}`;
    let frame = frames.get(key);
    if (!frame) {
      frame = classifyFrame(callFrame, root);
      if (frame.category === 'project' && frame.file.endsWith('.js')) {
        frame = mapped(frame, callFrame, mapFor(frame.file), root);
      }
      frames.set(key, frame);
    }
    return frame;
  };
}

function mapped(frame: Frame, callFrame: CallFrame, map: SourceMap | null, root: string): Frame {
  if (!map || callFrame.lineNumber < 0) return frame;
  const entry = map.findEntry(callFrame.lineNumber, Math.max(callFrame.columnNumber, 0));
  if (!('originalSource' in entry) || !entry.originalSource) return frame;
  const source = entry.originalSource.startsWith('file://')
    ? new URL(entry.originalSource).pathname
    : path.resolve(path.dirname(path.join(root, frame.file)), entry.originalSource);
  const relative = path.relative(root, source);
  if (relative.startsWith('..')) return frame;
  return { ...frame, file: relative, line: entry.originalLine + 1, area: projectArea(relative) };
}

function loadMap(file: string): SourceMap | null {
  if (!existsSync(file)) return null;
  try {
    return new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as SourceMapPayload);
  } catch {
    return null;
  }
}
