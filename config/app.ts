import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'
import proxyAddr from 'proxy-addr'

/**
 * Only the load balancers listed in TRUSTED_PROXIES (IPs or CIDRs, comma-separated) may set
 * X-Forwarded-For / -Host / -Proto; from any other peer those headers are ignored, so a client
 * cannot choose the address that rate limits and the audit log see, nor the tenant (Host).
 * Empty (the default) trusts no one: the socket address and the Host header are used.
 */
export const trustedProxies = (env.get('TRUSTED_PROXIES') ?? '')
  .split(',')
  .map((entry) => entry.trim())
  .filter(Boolean)

export const appKey = new Secret(env.get('APP_KEY'))

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  // A bad entry throws at boot (proxy-addr validates each address and mask).
  trustProxy: proxyAddr.compile(trustedProxies),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
