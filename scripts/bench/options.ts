/** `--name N` from the command line, or the fallback; a clear error naming the flag otherwise. */
export function positiveOption(name: string, fallback: number, isInteger = false): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  const isValid = isInteger ? Number.isInteger(value) : Number.isFinite(value);
  if (!isValid || value <= 0)
    throw new Error(`--${name} must be a positive ${isInteger ? 'whole number' : 'number'}`);
  return value;
}
