import { QueryFailedError } from 'typeorm';

const UNIQUE = '23505';
const CHECK = '23514';

function driverError(error: unknown): { code?: string; constraint?: string } | null {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
}

/** Whether a failed query broke a unique constraint (this one, when named). */
export function uniqueViolation(error: unknown, constraint?: string): boolean {
  const driver = driverError(error);
  return driver?.code === UNIQUE && (constraint === undefined || driver.constraint === constraint);
}

/** Whether a failed query broke this check constraint. */
export function checkViolation(error: unknown, constraint: string): boolean {
  const driver = driverError(error);
  return driver?.code === CHECK && driver.constraint === constraint;
}
