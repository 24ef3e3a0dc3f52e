const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m', '\x1b[31m'];
const assigned = new Map<string, string>();

/** Writes each line prefixed with the process it came from, one colour per process on a TTY. */
export function prefixedLogger(name: string): (line: string) => void {
  if (!assigned.has(name)) assigned.set(name, COLORS[assigned.size % COLORS.length]);
  const color = process.stdout.isTTY ? assigned.get(name)! : '';
  const reset = process.stdout.isTTY ? '\x1b[0m' : '';
  const prefix = `${color}${name.padEnd(16)}|${reset} `;
  return (line) => process.stdout.write(`${prefix}${line}\n`);
}
