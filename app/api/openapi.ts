import vine from '@vinejs/vine'
import type { VineValidator } from '@vinejs/vine'
import router from '@adonisjs/core/services/router'
import { describedRoutes, type ApiDescription, type Shape } from '#core/api/describe'

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the router (paths, methods, path params)
 * and each route's `describe()` (summary, tags, VineJS validators, response shape). Nothing in
 * it is written by hand beside the routes.
 */

type JsonSchema = Record<string, any>

export const API_PREFIX = '/api/v1'

/** The rule functions VineJS shares between schemas, recognised by identity. */
const PROBE = (() => {
  const { schema, refs } = vine
    .compile(vine.object({ e: vine.string().email(), u: vine.string().url() }))
    .toJSON()
  const props = (schema.schema as any).properties as any[]
  const last = (i: number) => {
    const ids = props[i].validations.map((v: any) => v.ruleFnId)
    return (refs as any)[ids[ids.length - 1]].validator
  }
  return new Map<unknown, JsonSchema>([
    [last(0), { format: 'email' }],
    [last(1), { format: 'uri' }],
  ])
})()

function ruleSchema(subtype: string | undefined, ref: any): JsonSchema {
  const known = PROBE.get(ref?.validator)
  if (known) return known
  const options = ref?.options
  if (!options || typeof options !== 'object') return {}
  if (options instanceof RegExp) return { pattern: options.source }
  const out: JsonSchema = {}
  const isText = subtype === 'string'
  if (Array.isArray(options.choices)) out.enum = options.choices
  if (typeof options.min === 'number') out[isText ? 'minLength' : 'minimum'] = options.min
  if (typeof options.max === 'number') out[isText ? 'maxLength' : 'maximum'] = options.max
  if (typeof options.size === 'number' && isText) {
    out.minLength = options.size
    out.maxLength = options.size
  }
  return out
}

const LITERAL_TYPES: Record<string, JsonSchema> = {
  string: { type: 'string' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date-time' },
  enum: {},
  any: {},
}

/** One node of a compiled VineJS schema as JSON Schema. */
function nodeSchema(node: any, refs: Record<string, any>): JsonSchema {
  let out: JsonSchema
  if (node.type === 'object') {
    out = { type: 'object', properties: {} as JsonSchema }
    const required: string[] = []
    for (const property of node.properties ?? []) {
      out.properties[property.fieldName] = nodeSchema(property, refs)
      if (!property.isOptional) required.push(property.fieldName)
    }
    if (required.length) out.required = required
  } else if (node.type === 'array') {
    out = { type: 'array', items: nodeSchema(node.each, refs) }
  } else if (node.type === 'literal') {
    out = { ...(LITERAL_TYPES[node.subtype] ?? {}) }
  } else {
    out = {}
  }
  for (const validation of node.validations ?? []) {
    Object.assign(out, ruleSchema(node.subtype, refs[validation.ruleFnId]))
  }
  if (node.subtype === 'number' && out.type === 'number' && isWhole(node, refs)) {
    out.type = 'integer'
  }
  if (node.allowNull) out.type = out.type ? [out.type, 'null'] : undefined
  return out
}

/** `withoutDecimals()` leaves no options; a number rule with a range of whole bounds is enough. */
function isWhole(node: any, refs: Record<string, any>) {
  return (node.validations ?? []).some((v: any) => {
    const fn = String(refs[v.ruleFnId]?.validator ?? '')
    return fn.includes('isInteger')
  })
}

export function validatorSchema(validator: VineValidator<any, any>): JsonSchema {
  const { schema, refs } = validator.toJSON()
  return nodeSchema((schema as any).schema, refs as any)
}

const SHAPE_TYPES: Record<string, JsonSchema> = {
  'integer': { type: 'integer' },
  'number': { type: 'number' },
  'string': { type: 'string' },
  'boolean': { type: 'boolean' },
  'date-time': { type: 'string', format: 'date-time' },
  'date': { type: 'string', format: 'date' },
  'binary': { type: 'string', format: 'binary' },
  'object': { type: 'object' },
}

const isList = (shape: Shape): shape is readonly Shape[] => Array.isArray(shape)

export function shapeSchema(shape: Shape): JsonSchema {
  if (typeof shape === 'string') {
    const nullable = shape.endsWith('?')
    const base = SHAPE_TYPES[nullable ? shape.slice(0, -1) : shape]
    if (!base) throw new Error(`Unknown response shape type "${shape}"`)
    return nullable ? { ...base, type: [base.type, 'null'] } : { ...base }
  }
  if (isList(shape)) return { type: 'array', items: shapeSchema(shape[0]) }
  const properties: JsonSchema = {}
  for (const [key, value] of Object.entries(shape)) properties[key] = shapeSchema(value)
  return { type: 'object', properties, required: Object.keys(shape) }
}

const ERROR_RESPONSE = { $ref: '#/components/responses/Error' }

function operation(method: string, pattern: string, description: ApiDescription) {
  const parameters: JsonSchema[] = []
  for (const match of pattern.matchAll(/:([a-zA-Z_]+)/g)) {
    parameters.push({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'integer', minimum: 1 },
    })
  }
  if (description.query) {
    const query = validatorSchema(description.query)
    for (const [name, schema] of Object.entries<JsonSchema>(query.properties ?? {})) {
      parameters.push({
        name,
        in: 'query',
        required: (query.required ?? []).includes(name),
        schema,
      })
    }
  }
  const dataSchema = description.response ? shapeSchema(description.response) : undefined
  let success: JsonSchema
  if (description.produces) {
    success = {
      description: '成功',
      content: { [description.produces]: { schema: { type: 'string', format: 'binary' } } },
    }
  } else if (description.paged) {
    success = {
      description: '成功（分页列表）',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              data: { type: 'array', items: dataSchema ?? {} },
              meta: { $ref: '#/components/schemas/PageMeta' },
            },
            required: ['data', 'meta'],
          },
        },
      },
    }
  } else {
    success = {
      description: '成功',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { data: dataSchema ?? {} },
            required: ['data'],
          },
        },
      },
    }
  }
  const responses: JsonSchema = { 200: success }
  const refusals: Record<number, string | undefined> = {
    ...(description.auth ? { 401: '未登录或访问令牌无效', 403: '不属于本校或令牌无此权限' } : {}),
    ...(parameters.some((p) => p.in === 'path') ? { 404: '不存在或不属于当前账号' } : {}),
    ...(description.body || description.query
      ? { 422: '提交的信息有误（fields 中按字段说明）' }
      : {}),
    429: '请求过于频繁',
    ...(description.refusals ?? {}),
  }
  for (const [status, text] of Object.entries(refusals)) {
    if (!text) continue
    // OpenAPI 3.1 lets a $ref carry its own description.
    responses[status] = { ...ERROR_RESPONSE, description: text }
  }
  return {
    summary: description.summary,
    ...(description.description ? { description: description.description } : {}),
    tags: description.tags,
    operationId: `${method}${pattern.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c) => (c ? c.toUpperCase() : ''))}`,
    ...(parameters.length ? { parameters } : {}),
    ...(description.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: validatorSchema(description.body) } },
          },
        }
      : {}),
    responses,
    ...(description.auth ? { security: [{ bearerAuth: [] }] } : {}),
  }
}

export interface ApiRouteInfo {
  method: string
  pattern: string
  description: ApiDescription | null
}

/** Every /api/v1 route of the router with its description (null when it has none). */
export function apiRoutes(): ApiRouteInfo[] {
  const byKey = new Map<string, ApiDescription>()
  for (const [route, description] of describedRoutes()) {
    const json = route.toJSON()
    for (const method of json.methods) byKey.set(`${method} ${json.pattern}`, description)
  }
  const out: ApiRouteInfo[] = []
  const seen = new Set<string>()
  for (const routes of Object.values(router.toJSON())) {
    for (const route of routes) {
      if (!route.pattern.startsWith(API_PREFIX)) continue
      for (const method of route.methods) {
        if (method === 'HEAD') continue
        const key = `${method} ${route.pattern}`
        if (seen.has(key)) continue
        seen.add(key)
        out.push({ method, pattern: route.pattern, description: byKey.get(key) ?? null })
      }
    }
  }
  return out
}

export function openApiDocument(serverUrl = API_PREFIX) {
  const paths: JsonSchema = {}
  const tags = new Set<string>()
  for (const { method, pattern, description } of apiRoutes()) {
    if (!description) continue
    const path = pattern.slice(API_PREFIX.length).replace(/:([a-zA-Z_]+)/g, '{$1}') || '/'
    paths[path] ??= {}
    paths[path][method.toLowerCase()] = operation(method.toLowerCase(), pattern, description)
    for (const tag of description.tags) tags.add(tag)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '智慧就业平台开放接口',
      version: '1.0.0',
      description:
        '学生移动端与小程序使用的 JSON 接口。站点（主站或学校分站）决定学校范围，与网页一致；' +
        '时间为 ISO-8601（+08:00）；列表分页参数 page、per_page，返回 { data, meta }；' +
        '错误为 { error: { code, message, fields? } }。新增内容可用 updated_since 增量获取。',
    },
    servers: [{ url: serverUrl }],
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'POST /auth/token 换取的访问令牌（30 天有效）',
        },
      },
      schemas: {
        PageMeta: {
          type: 'object',
          properties: {
            page: { type: 'integer' },
            per_page: { type: 'integer' },
            total: { type: 'integer', description: '总数（部分列表不提供）' },
            has_more: { type: 'boolean' },
          },
          required: ['page', 'per_page', 'has_more'],
        },
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                code: { type: 'string' },
                message: { type: 'string', description: '中文说明' },
                fields: { type: 'object', additionalProperties: { type: 'string' } },
              },
              required: ['code', 'message'],
            },
          },
          required: ['error'],
        },
      },
      responses: {
        Error: {
          description: '错误',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  }
}
