import { defineMachine, type StateOf } from '#core/state/machine'

/** 面试邀请 (interview_invitations.status): the student answers once, 接受 or 拒绝. */
export const interviewMachine = defineMachine({
  name: 'job_seeking.interview',
  table: 'interview_invitations',
  states: ['pending', 'accepted', 'refused'],
  initial: ['pending'],
  transitions: {
    accept: {
      from: ['pending'],
      to: 'accepted',
      refuse: 'job_seeking.refusals.interview_already_answered',
      status: 422,
    },
    refuse: {
      from: ['pending'],
      to: 'refused',
      refuse: 'job_seeking.refusals.interview_already_answered',
      status: 422,
    },
  },
  labels: {
    pending: 'job_seeking.states.interview.pending',
    accepted: 'job_seeking.states.interview.accepted',
    refused: 'job_seeking.states.interview.refused',
  },
})

export type InterviewState = StateOf<typeof interviewMachine>

export default interviewMachine
