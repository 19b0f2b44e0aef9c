/** proxy-addr ships no types; AdonisJS uses it for `trustProxy`. Only what config/app.ts calls. */
declare module 'proxy-addr' {
  type TrustFunction = (address: string, hop: number) => boolean
  function proxyAddr(request: unknown, trust: TrustFunction | string | string[]): string
  namespace proxyAddr {
    function compile(trust: string | string[]): TrustFunction
  }
  export default proxyAddr
}
