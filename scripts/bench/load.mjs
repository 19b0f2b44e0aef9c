// Load generation for scripts/bench/run.mjs: wrk when it is installed (C, epoll: the client costs the
// 2-core machine little CPU, so the server side gets most of it), otherwise a keep-alive Node client.
// Both always connect to 127.0.0.1 and set the Host header (Node does not resolve *.localhost).
import { spawn, spawnSync } from 'node:child_process'
import http from 'node:http'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

export const hasWrk = () =>
  process.env.BENCH_CLIENT !== 'node' && spawnSync('wrk', ['--version']).error === undefined

/** One request with a body (or none); resolves with status, headers and text. */
export function request(port, host, method, path, { headers = {}, body, agent } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent, headers: { host, ...headers } },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          })
        )
      }
    )
    req.on('error', reject)
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')))
    if (body) req.write(body)
    req.end()
  })
}

/** A cookie jar that only keeps name=value pairs: works for any session store (cookie or server side). */
export class CookieJar {
  cookies = new Map()
  take(setCookie = []) {
    for (const line of setCookie) {
      const [pair, ...attributes] = line.split(';')
      const i = pair.indexOf('=')
      const name = pair.slice(0, i).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a))
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(i + 1).trim())
    }
    return this
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

export const csrfFrom = (html) =>
  /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(html)?.[1] ??
  /"x-csrf-token":\s*"([^"]+)"/.exec(html)?.[1]

/** Runs `worker` over `items` with at most `limit` in flight. */
export async function pool(items, limit, worker) {
  let next = 0
  const run = async () => {
    while (next < items.length) {
      const index = next++
      await worker(items[index], index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run))
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/**
 * Closed-loop load for `seconds`: `connections` keep-alive connections, each sending the next of
 * `requests` ({ path, cookie? }) round-robin. Returns { requests, seconds, rps, p50, p95, p99, errors }
 * (latencies in ms; an error is a failed connection or a status other than 2xx/3xx).
 */
export async function load({ port, host, requests, connections, seconds }) {
  return hasWrk()
    ? wrkLoad({ port, host, requests, connections, seconds })
    : nodeLoad({ port, host, requests, connections, seconds })
}

const luaString = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`

async function wrkLoad({ port, host, requests, connections, seconds }) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'))
  const script = join(dir, 'script.lua')
  const list = requests
    .map((r) => `{${luaString(r.path)}, ${r.cookie ? luaString(r.cookie) : 'nil'}}`)
    .join(',\n')
  writeFileSync(
    script,
    `local list = {${list}}
local prepared = {}
local counter = 0
init = function(args)
  for i, r in ipairs(list) do
    local headers = { ["Host"] = ${luaString(host)} }
    if r[2] then headers["Cookie"] = r[2] end
    prepared[i] = wrk.format("GET", r[1], headers)
  end
  -- Threads start at different offsets so the sessions are spread.
  counter = math.random(#prepared)
end
request = function()
  counter = counter % #prepared + 1
  return prepared[counter]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCHJSON {"requests":%d,"duration":%d,"p50":%d,"p95":%d,"p99":%d,"errors":%d,"status":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
`
  )
  const threads = Math.max(1, Math.min(2, connections))
  const child = spawn(
    'wrk',
    ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '10s', '-s', script, `http://127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let out = ''
  let err = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (err += c))
  const code = await new Promise((resolve) => child.on('exit', resolve))
  rmSync(dir, { recursive: true, force: true })
  const line = /BENCHJSON (.*)/.exec(out)?.[1]
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}): ${err || out}`)
  const r = JSON.parse(line)
  const secs = r.duration / 1e6
  return {
    requests: r.requests,
    seconds: secs,
    rps: r.requests / secs,
    p50: r.p50 / 1000,
    p95: r.p95 / 1000,
    p99: r.p99 / 1000,
    errors: r.errors,
  }
}

async function nodeLoad({ port, host, requests, connections, seconds }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const latencies = []
  let errors = 0
  let next = 0
  const start = performance.now()
  const end = start + seconds * 1000
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const r = requests[next++ % requests.length]
        const t = performance.now()
        try {
          const res = await request(port, host, 'GET', r.path, {
            agent,
            headers: r.cookie ? { cookie: r.cookie } : {},
          })
          if (res.status >= 400) errors++
          latencies.push(performance.now() - t)
        } catch {
          errors++
        }
      }
    })
  )
  const secs = (performance.now() - start) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    seconds: secs,
    rps: latencies.length / secs,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
  }
}
