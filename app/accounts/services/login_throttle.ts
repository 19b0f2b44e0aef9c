import limiter from '@adonisjs/limiter/services/main'

/**
 * Wrong passwords and code requests are rate-limited per account and per IP, with
 * counters in the shared store so that every web process counts the same attempts.
 */
export const loginLimiter = () =>
  limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })
export const codeLimiter = () => limiter.use({ requests: 1, duration: '60 sec' })
export const codeHourlyLimiter = () => limiter.use({ requests: 10, duration: '1 hour' })
export const activationLimiter = () =>
  limiter.use({ requests: 10, duration: '15 mins', blockDuration: '15 mins' })

export function minutesLeft(seconds: number) {
  return Math.max(1, Math.ceil(seconds / 60))
}
