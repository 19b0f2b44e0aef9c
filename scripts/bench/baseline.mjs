// The raw limit the app is compared with: TechEmpower's "Fortunes" on plain node:http + pg.
// Per request: one query of the 12-row `fortune` table, one row added in memory, sort by message,
// HTML-escape, render. Started by scripts/bench/run.mjs on its own port (BASELINE_PORT).
import http from 'node:http'
import pg from 'pg'

const pool = new pg.Pool({
  host: process.env.PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PG_PORT ?? 5432),
  user: process.env.PG_USER ?? 'postgres',
  password: process.env.PG_PASSWORD ?? '',
  database: process.env.PG_DATABASE,
  // The same pool size as the app gets (DB_POOL_MAX), so neither side has more connections.
  max: Number(process.env.DB_POOL_MAX ?? 8),
})

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' }
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c])

const server = http.createServer(async (req, res) => {
  if (req.url !== '/fortunes') {
    res.writeHead(404).end()
    return
  }
  try {
    const { rows } = await pool.query({ name: 'fortunes', text: 'SELECT id, message FROM fortune' })
    rows.push({ id: 0, message: 'Additional fortune added at request time.' })
    rows.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0))
    let html = '<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>'
    for (const row of rows) html += `<tr><td>${row.id}</td><td>${escape(row.message)}</td></tr>`
    html += '</table></body></html>'
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
      'server': 'baseline',
      'date': new Date().toUTCString(),
    })
    res.end(html)
  } catch (error) {
    res.writeHead(500).end(String(error.message))
  }
})
server.keepAliveTimeout = 65_000
server.listen(Number(process.env.BASELINE_PORT), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))))
