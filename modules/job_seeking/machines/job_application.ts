import { defineMachine, type StateOf } from '#core/state/machine'

/**
 * 已投简历 (job_applications.status): the employer moves an application (已查看, 邀请面试, 不合适,
 * 已录用); an interview invitation moves it to 邀请面试 again while it is not finished.
 */
export const applicationMachine = defineMachine({
  name: 'job_seeking.application',
  table: 'job_applications',
  states: ['submitted', 'viewed', 'interview', 'rejected', 'hired'],
  initial: ['submitted'],
  transitions: {
    view: { from: ['submitted'], to: 'viewed', refuse: 'job_seeking.refusals.application_changed' },
    interview: {
      from: ['submitted', 'viewed'],
      to: 'interview',
      refuse: 'job_seeking.refusals.application_changed',
    },
    reject: {
      from: ['submitted', 'viewed', 'interview'],
      to: 'rejected',
      refuse: 'job_seeking.refusals.application_changed',
    },
    hire: {
      from: ['submitted', 'viewed', 'interview'],
      to: 'hired',
      refuse: 'job_seeking.refusals.application_changed',
    },
    /** 邀请面试 from the interview form (a second invitation keeps 邀请面试). */
    invite: {
      from: ['submitted', 'viewed', 'interview'],
      to: 'interview',
      refuse: 'job_seeking.refusals.application_finished',
      status: 422,
    },
  },
  labels: {
    submitted: 'job_seeking.states.application.submitted',
    viewed: 'job_seeking.states.application.viewed',
    interview: 'job_seeking.states.application.interview',
    rejected: 'job_seeking.states.application.rejected',
    hired: 'job_seeking.states.application.hired',
  },
})

export type ApplicationState = StateOf<typeof applicationMachine>
export type ApplicationAction = 'view' | 'interview' | 'reject' | 'hire' | 'invite'

/** The employer's status form: the state chosen → the transition that leads there. */
export const ACTION_TO: Record<Exclude<ApplicationState, 'submitted'>, ApplicationAction> = {
  viewed: 'view',
  interview: 'interview',
  rejected: 'reject',
  hired: 'hire',
}

export default applicationMachine
