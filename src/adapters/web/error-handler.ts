import type { ErrorRequestHandler } from 'express';
import { AppError } from '../../domain/errors.js';
import type { Logger } from '../../ports/logger.js';

const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CONFIG_INVALID: 500,
  AMI_NOT_READY: 503,
  AMI_TIMEOUT: 504,
  AMI_DISCONNECTED: 503,
  AMI_REJECTED: 502,
  AMI_BAD_VALUE: 400,
};

/** The one place where error codes become HTTP statuses: {code, message, issues?}. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let status = 500;
    let body: Record<string, unknown> = { code: 'INTERNAL', message: 'internal error' };
    if (err instanceof AppError) {
      status = STATUS_BY_CODE[err.code] ?? 500;
      body = { code: err.code, message: err.message };
      if ('issues' in err) body.issues = (err as { issues: unknown }).issues;
    } else if (
      typeof err === 'object' &&
      err !== null &&
      'type' in err &&
      (err as { type: string }).type === 'entity.parse.failed'
    ) {
      status = 400;
      body = { code: 'VALIDATION_FAILED', message: 'the request body is not valid JSON' };
    } else if (typeof err === 'object' && err !== null && (err as { name?: string }).name === 'MulterError') {
      status = 400;
      body = { code: 'VALIDATION_FAILED', message: `upload: ${(err as Error).message}` };
    }
    if (status >= 500) logger.error({ err, path: req.path }, 'web.request.failed');
    if (req.accepts(['json', 'html']) === 'html' && !req.path.startsWith('/api/')) {
      res
        .status(status)
        .type('html')
        .send(
          `<!doctype html><meta charset="utf-8"><title>${status}</title><p>${escapeHtml(String(body.message))}</p><p><a href="/">Home</a></p>`,
        );
      return;
    }
    res.status(status).json(body);
  };
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
