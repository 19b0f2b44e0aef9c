import { defineMachine, type StateOf } from '#core/state/machine'

/**
 * 招聘会 / 宣讲会 (recruitment_events.status). An organiser's event is published as it is created;
 * an employer's 宣讲会申请 is created pending and the hosting school approves (published, open for
 * registration) or rejects it (with a reason). Session applications are rows of this table, so
 * their review is this machine's `approve` / `reject`: one entity, one machine.
 */
export const eventMachine = defineMachine({
  name: 'events.event',
  table: 'recruitment_events',
  states: ['pending', 'published', 'rejected', 'cancelled'],
  // published: created by the organiser; pending: a 宣讲会申请 awaiting the school.
  initial: ['published', 'pending'],
  transitions: {
    approve: { from: ['pending'], to: 'published', refuse: 'events.refusals.reviewed' },
    reject: { from: ['pending'], to: 'rejected', refuse: 'events.refusals.reviewed' },
  },
  labels: {
    pending: 'events.states.event.pending',
    published: 'events.states.event.published',
    rejected: 'events.states.event.rejected',
    cancelled: 'events.states.event.cancelled',
  },
})

export type EventState = StateOf<typeof eventMachine>

export default eventMachine
