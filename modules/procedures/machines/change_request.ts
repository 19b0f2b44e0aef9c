import { defineMachine, type StateOf } from '#core/state/machine'

/** 信息有误，申请修改 (rule 10): one open request per student, reviewed once. */
export const changeRequestMachine = defineMachine({
  name: 'procedures.change_request',
  table: 'source_change_requests',
  states: ['pending', 'approved', 'returned'],
  initial: ['pending'],
  transitions: {
    approve: {
      from: ['pending'],
      to: 'approved',
      refuse: 'procedures.refusals.change_request_decided',
    },
    return: {
      from: ['pending'],
      to: 'returned',
      refuse: 'procedures.refusals.change_request_decided',
    },
  },
  labels: {
    pending: 'procedures.states.change_request.pending',
    approved: 'procedures.states.change_request.approved',
    returned: 'procedures.states.change_request.returned',
  },
})

export type ChangeRequestStatus = StateOf<typeof changeRequestMachine>
