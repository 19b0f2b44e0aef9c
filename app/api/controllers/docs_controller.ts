import type { HttpContext } from '@adonisjs/core/http'
import { openApiDocument } from '#core/api/openapi'

const escape = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
  )

/** A JSON Schema in one readable line: `{ id: integer, title: string, … }`. */
function typeText(schema: any, depth = 0): string {
  if (!schema || depth > 4) return 'any'
  if (schema.$ref) return String(schema.$ref).split('/').pop()!
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type
  if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type[0] === 'array')) {
    return `${typeText(schema.items, depth + 1)}[]`
  }
  if (schema.properties) {
    const fields = Object.entries<any>(schema.properties).map(
      ([key, value]) =>
        `${key}${(schema.required ?? []).includes(key) ? '' : '?'}: ${typeText(value, depth + 1)}`
    )
    return `{ ${fields.join(', ')} }`
  }
  const extras = [
    schema.format,
    schema.enum ? schema.enum.join('/') : null,
    schema.minimum !== undefined ? `≥${schema.minimum}` : null,
    schema.maximum !== undefined ? `≤${schema.maximum}` : null,
    schema.maxLength !== undefined ? `≤${schema.maxLength}字` : null,
  ].filter(Boolean)
  return `${type ?? 'any'}${extras.length ? ` (${extras.join(', ')})` : ''}`
}

// Routes and validators are fixed once the app has booted: one document per process.
let cached: ReturnType<typeof openApiDocument> | null = null
const documentOnce = () => (cached ??= openApiDocument())

/** /api/v1/openapi.json and the reference page rendered from the same document. */
export default class ApiDocsController {
  document() {
    return documentOnce()
  }

  page({ response }: HttpContext) {
    const doc = documentOnce()
    const sections: string[] = []
    for (const tag of doc.tags) {
      const rows: string[] = []
      for (const [path, methods] of Object.entries<any>(doc.paths)) {
        for (const [method, op] of Object.entries<any>(methods)) {
          if (!op.tags.includes(tag.name)) continue
          const params = (op.parameters ?? [])
            .map(
              (p: any) =>
                `<li><code>${escape(p.name)}</code> <small>${escape(p.in)}${p.required ? '，必填' : ''}</small> ${escape(typeText(p.schema))}</li>`
            )
            .join('')
          const body = op.requestBody?.content?.['application/json']?.schema
          const ok = op.responses['200']?.content
          const okType = ok ? Object.keys(ok)[0] : ''
          const okSchema = ok?.['application/json']?.schema
          const errors = Object.entries<any>(op.responses)
            .filter(([status]) => status !== '200')
            .map(([status, r]) => `<code>${escape(status)}</code> ${escape(r.description)}`)
            .join('；')
          rows.push(`<article id="${escape(op.operationId)}">
  <h3><span class="m m-${escape(method)}">${escape(method.toUpperCase())}</span> <code>/api/v1${escape(path)}</code>${op.security ? ' <span class="lock">需令牌</span>' : ''}</h3>
  <p>${escape(op.summary)}</p>${op.description ? `<p class="d">${escape(op.description)}</p>` : ''}
  ${params ? `<h4>参数</h4><ul>${params}</ul>` : ''}
  ${body ? `<h4>请求体（JSON）</h4><pre>${escape(typeText(body))}</pre>` : ''}
  <h4>成功响应 <small>${escape(okType)}</small></h4>${okSchema ? `<pre>${escape(typeText(okSchema))}</pre>` : ''}
  <p class="e">错误：${errors}</p>
</article>`)
        }
      }
      sections.push(`<section><h2>${escape(tag.name)}</h2>${rows.join('\n')}</section>`)
    }
    const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} · 接口参考</title>
<style>
body{font:15px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:960px;margin:0 auto;padding:24px;color:#1f2933}
h1{font-size:24px}h2{border-bottom:2px solid #e4e7eb;padding-bottom:4px;margin-top:36px}h3{font-size:16px;margin:18px 0 4px}
h4{font-size:13px;margin:8px 0 2px;color:#52606d}article{border:1px solid #e4e7eb;border-radius:6px;padding:8px 14px;margin:12px 0}
pre{background:#f5f7fa;padding:8px;white-space:pre-wrap;word-break:break-all;font-size:13px}code{font-size:13px}
.m{display:inline-block;min-width:56px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:1px 4px}
.m-get{background:#2f80ed}.m-post{background:#27ae60}.m-delete{background:#eb5757}.lock{font-size:12px;color:#b7791f}
.e,.d{color:#52606d;font-size:13px}
</style></head><body>
<h1>${escape(doc.info.title)} <small>v${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description)}</p>
<p>机器可读文档：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>（OpenAPI ${escape(doc.openapi)}）。需令牌的接口在请求头携带 <code>Authorization: Bearer &lt;token&gt;</code>。</p>
${sections.join('\n')}
</body></html>`
    return response.header('content-type', 'text/html; charset=utf-8').send(html)
  }
}
