import { defineMachine, type StateOf } from '#core/state/machine'

/**
 * 招聘会参展 (event_exhibitors.status): an employer applies for a booth (pending), the organiser
 * approves it with a booth number or rejects it with a reason; a rejected application may be filed
 * again. An exhibitor the organiser adds itself is created approved.
 */
export const exhibitorMachine = defineMachine({
  name: 'events.exhibitor',
  table: 'event_exhibitors',
  states: ['pending', 'approved', 'rejected'],
  initial: ['pending', 'approved'],
  transitions: {
    approve: { from: ['pending'], to: 'approved', refuse: 'events.refusals.reviewed' },
    reject: { from: ['pending'], to: 'rejected', refuse: 'events.refusals.reviewed' },
    /** 重新申请 after a rejection (the same row, back to pending). */
    reapply: {
      from: ['rejected'],
      to: 'pending',
      refuse: 'events.refusals.booth_pending',
      status: 422,
    },
  },
  labels: {
    pending: 'events.states.exhibitor.pending',
    approved: 'events.states.exhibitor.approved',
    rejected: 'events.states.exhibitor.rejected',
  },
})

export type ExhibitorState = StateOf<typeof exhibitorMachine>

export default exhibitorMachine
