/** Reads a Japa API response body as bytes (an .xlsx download), set on the request before sending. */
export function binary<T extends { request: any }>(req: T) {
  req.request.parse((res: any, done: (e: null, b: Buffer) => void) => {
    const chunks: Buffer[] = []
    res.on('data', (c: Buffer) => chunks.push(c))
    res.on('end', () => done(null, Buffer.concat(chunks)))
  })
  return req
}
