import { defineMachine, type StateOf } from '#core/state/machine'

/**
 * 解约办理 (rule 14). An online signing's termination starts waiting for the other party
 * (单位 or 学生), an offline one for the school.
 */
export const terminationMachine = defineMachine({
  name: 'procedures.termination',
  table: 'terminations',
  states: ['pending_employer', 'pending_student', 'pending_school', 'completed', 'refused'],
  initial: ['pending_employer', 'pending_student', 'pending_school'],
  transitions: {
    employerAgree: {
      from: ['pending_employer'],
      to: 'completed',
      refuse: 'procedures.refusals.termination_not_pending_employer',
    },
    employerDisagree: {
      from: ['pending_employer'],
      to: 'refused',
      refuse: 'procedures.refusals.termination_not_pending_employer',
    },
    studentAgree: {
      from: ['pending_student'],
      to: 'completed',
      refuse: 'procedures.refusals.termination_not_pending_student',
    },
    studentDisagree: {
      from: ['pending_student'],
      to: 'refused',
      refuse: 'procedures.refusals.termination_not_pending_student',
    },
    schoolApprove: {
      from: ['pending_school'],
      to: 'completed',
      refuse: 'procedures.refusals.termination_not_pending_school',
    },
    schoolReturn: {
      from: ['pending_school'],
      to: 'refused',
      refuse: 'procedures.refusals.termination_not_pending_school',
    },
    force: {
      from: ['pending_employer'],
      to: 'completed',
      refuse: 'procedures.refusals.termination_not_forcible',
    },
  },
  labels: {
    pending_employer: 'procedures.states.termination.pending_employer',
    pending_student: 'procedures.states.termination.pending_student',
    pending_school: 'procedures.states.termination.pending_school',
    completed: 'procedures.states.termination.completed',
    refused: 'procedures.states.termination.refused',
  },
})

export type TerminationStatus = StateOf<typeof terminationMachine>
