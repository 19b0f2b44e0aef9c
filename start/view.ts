import edge from 'edge.js'
import env from '#start/env'
import { formatDate, formatDateTime, formatSalary, maskIdNumber, maskPhone } from '#core/ui/format'
import { formTokenField } from '#core/http/form_token'
import { buildPager, pagerHx } from '#core/ui/pagination'
import { statusTone } from '#core/ui/status_tone'

edge.global('appName', env.get('APP_NAME') || '智慧就业平台')
edge.global('formatDateTime', formatDateTime)
edge.global('formatDate', formatDate)
edge.global('formatSalary', formatSalary)
edge.global('maskIdNumber', maskIdNumber)
edge.global('maskPhone', maskPhone)
// One-time token of a create form (idempotent submits), like csrfField: {{ formTokenField() }}
edge.global('formTokenField', () => edge.globals.html.safe(formTokenField()))
// The pager of every list with a total (components/pagination.edge).
edge.global('buildPager', buildPager)
edge.global('pagerHx', pagerHx)
// One status → colour map for every status tag (components/status_tag.edge).
edge.global('statusTone', statusTone)
// URL of a public asset (css, js, vendor scripts): the one place that knows where they are served.
edge.global('asset', (path: string) => `/${String(path).replace(/^\/+/, '')}`)
