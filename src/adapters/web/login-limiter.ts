import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

/** Failed logins allowed per address and user name in LOGIN_WINDOW_MS (successful ones do not count). */
export const MAX_FAILED_LOGINS = 10;
const LOGIN_WINDOW_MS = 15 * 60_000;

/** Slows password guessing on POST /login and POST /api/session. */
export const loginLimiter = rateLimit({
  windowMs: LOGIN_WINDOW_MS,
  limit: MAX_FAILED_LOGINS,
  skipSuccessfulRequests: true,
  standardHeaders: 'draft-7',
  legacyHeaders: false,
  keyGenerator: (req) =>
    `${ipKeyGenerator(req.ip ?? 'unknown')}|${String(
      (req.body as { username?: unknown } | undefined)?.username ?? '',
    )
      .slice(0, 100)
      .toLowerCase()}`,
  handler: (_req, res) => {
    res
      .status(429)
      .json({ code: 'TOO_MANY_ATTEMPTS', message: 'too many failed logins; wait 15 minutes and try again' });
  },
});
