import edge from 'edge.js'
import env from '#start/env'
import { formatDate, formatDateTime, formatSalary, maskIdNumber, maskPhone } from '#core/ui/format'

edge.global('appName', env.get('APP_NAME') || '智慧就业平台')
edge.global('formatDateTime', formatDateTime)
edge.global('formatDate', formatDate)
edge.global('formatSalary', formatSalary)
edge.global('maskIdNumber', maskIdNumber)
edge.global('maskPhone', maskPhone)
