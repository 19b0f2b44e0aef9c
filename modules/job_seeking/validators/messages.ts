import { defaultFormMessages } from '#core/validation/messages'

/** Messages and field names of this module's forms: resources/lang/zh-CN/job_seeking.json → validator. */
export const messagesProvider = defaultFormMessages('job_seeking.validator')
