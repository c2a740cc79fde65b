/**
 * URLs of the embedded parts are filled in by the launcher before modules are built; a module that
 * finds one still empty was started without the launcher, which is a programming error.
 */
export function requireResolved(value: string | null, variable: string): string {
  if (value === null) throw new Error(`${variable} was not resolved: start through the launcher or set ${variable}`);
  return value;
}
