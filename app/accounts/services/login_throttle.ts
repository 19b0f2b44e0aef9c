import limiter from '@adonisjs/limiter/services/main'

/**
 * Rate limits for logins, activation, SMS codes and employer registration. Counters live in the
 * limiter's shared store (database by default), so every web process counts the same attempts.
 *
 * Each guarded action is limited three ways, because each stops a different attack:
 * - per account + address: one client guessing one account's password (tightest);
 * - per account: many addresses (a botnet) guessing one account;
 * - per address: one address spraying a few guesses over many accounts.
 * The address is `request.ip()`, which only honours X-Forwarded-For from TRUSTED_PROXIES.
 */
export interface LimitRule {
  requests: number
  duration: string
}

export interface Policy {
  accountAddress?: LimitRule
  account?: LimitRule
  address?: LimitRule
}

/**
 * Guessing a secret of an account (a password, a 学号 / 姓名 pair). Per address 20: a campus
 * behind one NAT still gets in, spraying stops.
 */
const GUESSING = {
  accountAddress: { requests: 5, duration: '15 mins' },
  account: { requests: 10, duration: '15 mins' },
  address: { requests: 20, duration: '15 mins' },
} satisfies Policy

export const POLICIES = {
  /** Wrong passwords. */
  login: GUESSING,
  /** 账号注册 step 1: wrong 学号 / 姓名 combinations; the account is school + 学号. */
  activation: GUESSING,
  /** SMS codes: one a minute and five an hour per account (and per phone), ten an hour per address. */
  smsCode: {
    account: { requests: 1, duration: '60 sec' },
  },
  smsCodeHourly: {
    account: { requests: 5, duration: '1 hour' },
    address: { requests: 10, duration: '1 hour' },
  },
  /** 单位注册 attempts that passed validation; the account is the credit code (and the e-mail). */
  registration: {
    accountAddress: { requests: 3, duration: '1 hour' },
    account: { requests: 5, duration: '1 hour' },
    address: { requests: 10, duration: '1 hour' },
  },
} satisfies Record<string, Policy>

export type PolicyName = keyof typeof POLICIES

export function minutesLeft(seconds: number) {
  return Math.max(1, Math.ceil(seconds / 60))
}

/** Account identifiers are case- and space-insensitive (E-mail, 信用代码) so variants share a counter. */
export function normaliseAccount(value: string) {
  return value.trim().toLowerCase()
}

type Counter = { key: string; rule: LimitRule }

/**
 * The counters of one attempt: `accounts` are the identities the attempt is about (usually one;
 * a registration names both its credit code and its e-mail), `address` the client address.
 */
export class Throttle {
  readonly #counters: Counter[]

  constructor(name: PolicyName, accounts: string[], address: string) {
    const policy: Policy = POLICIES[name]
    const counters: Counter[] = []
    for (const account of accounts) {
      if (policy.accountAddress)
        counters.push({ key: `${name}:aa:${account}|${address}`, rule: policy.accountAddress })
      if (policy.account) counters.push({ key: `${name}:a:${account}`, rule: policy.account })
    }
    if (policy.address) counters.push({ key: `${name}:ip:${address}`, rule: policy.address })
    this.#counters = counters
  }

  #limiter(rule: LimitRule) {
    return limiter.use({ requests: rule.requests, duration: rule.duration })
  }

  /** Seconds until every counter allows another attempt; 0 when none is exhausted. */
  async waitSeconds() {
    let wait = 0
    for (const { key, rule } of this.#counters) {
      const store = this.#limiter(rule)
      if ((await store.remaining(key)) <= 0) wait = Math.max(wait, await store.availableIn(key), 1)
    }
    return wait
  }

  /** Counts one attempt on every counter; returns the attempts left before the first limit. */
  async hit() {
    let left = Number.POSITIVE_INFINITY
    for (const { key, rule } of this.#counters) {
      const response = await this.#limiter(rule).increment(key)
      left = Math.min(left, response.remaining)
    }
    return left
  }

  /**
   * After a success: forget this client's failures on the account. The per-account and
   * per-address counters stay, so a success on one account does not reset a spray or a botnet.
   */
  async forgetAccountAddress() {
    for (const { key, rule } of this.#counters) {
      if (key.includes(':aa:')) await this.#limiter(rule).delete(key)
    }
  }
}
