import { defineConfig } from '@adonisjs/shield'

const shieldConfig = defineConfig({
  /**
   * Scripts only from this origin (htmx, Alpine and app.js under /vendor and /js) and inline
   * <script nonce="{{ cspNonce }}"> blocks; inline event-handler attributes are refused.
   * Alpine's standard build evaluates its directives with `new Function`: 'unsafe-eval'.
   * Inline styles stay allowed (style="…" attributes, htmx's indicator style).
   */
  csp: {
    enabled: true,
    reportOnly: false,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`, '@nonce', `'unsafe-eval'`],
      styleSrc: [`'self'`, `'unsafe-inline'`],
      imgSrc: [`'self'`, 'data:', 'blob:'],
      fontSrc: [`'self'`, 'data:'],
      connectSrc: [`'self'`],
      mediaSrc: [`'self'`, 'blob:'],
      frameSrc: [`'self'`],
      objectSrc: [`'none'`],
      baseUri: [`'self'`],
      frameAncestors: [`'none'`],
      formAction: [`'self'`],
    },
  },
  csrf: {
    enabled: true,
    // The open API authenticates with bearer tokens (no cookies), the 91job-compatible data is
    // read-only: neither can be forged cross-site, so neither carries a CSRF token.
    exceptRoutes: (ctx) => {
      const url = ctx.request.url()
      return url.startsWith('/api/') || url.startsWith('/web/wsjysc/')
    },
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: true, action: 'DENY' },
  hsts: { enabled: true, maxAge: '180 days' },
  contentTypeSniffing: { enabled: true },
})

export default shieldConfig
