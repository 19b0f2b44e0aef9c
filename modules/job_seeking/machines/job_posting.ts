import { defineMachine, type StateOf } from '#core/state/machine'

/**
 * 招聘职位 (jobs.status): 招聘中 (open) or 已停止 (closed). Expiry is not a state: a job past its
 * deadline stays open and is hidden by the deadline.
 */
export const jobMachine = defineMachine({
  name: 'job_seeking.job',
  table: 'jobs',
  states: ['open', 'closed'],
  initial: ['open'],
  transitions: {
    close: { from: ['open'], to: 'closed', refuse: 'job_seeking.refusals.job_already_closed' },
    reopen: { from: ['closed'], to: 'open', refuse: 'job_seeking.refusals.job_already_open' },
  },
  labels: {
    open: 'job_seeking.states.job.open',
    closed: 'job_seeking.states.job.closed',
  },
})

export type JobState = StateOf<typeof jobMachine>

export default jobMachine
