/** Base of every typed failure. `code` is stable and mapped to HTTP status in one place (adapters/web). */
export abstract class AppError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that a person supplied (a file, a form, an API body) is wrong; the message names where. */
export class ValidationError extends AppError {
  readonly code = 'VALIDATION_FAILED';
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
}

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED';
}

/** The telephony link is down or refused an action; the caller decides whether to retry. */
export class TelephonyError extends AppError {
  readonly code: string;
  constructor(
    code: 'AMI_NOT_READY' | 'AMI_TIMEOUT' | 'AMI_REJECTED' | 'AMI_DISCONNECTED' | 'AMI_BAD_VALUE',
    message: string,
  ) {
    super(message);
    this.code = code;
  }
}

export class ConfigError extends AppError {
  readonly code = 'CONFIG_INVALID';
}
