export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * A failure the caller can act on. Each lib declares its own subclasses with stable codes
 * (`PARTNER_SLUG_TAKEN`); the global filter maps them to the one error body shape.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`, 404);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super('FORBIDDEN', message, 403);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required') {
    super('UNAUTHENTICATED', message, 401);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, 409, details);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(readonly fields: FieldProblem[], statusCode = 400) {
    super(
      'VALIDATION_FAILED',
      `Invalid input: ${fields.map((f) => `${f.field} (${f.problems.join('; ')})`).join(', ')}`,
      statusCode,
      { fields },
    );
  }

  static field(field: string, problem: string, statusCode = 400): ValidationFailedError {
    return new ValidationFailedError([{ field, problems: [problem] }], statusCode);
  }
}

export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message, 429, { retryAfterSeconds });
  }
}
