import { defineMachine, type StateOf } from '#core/state/machine'

/**
 * 网上签约邀请 (rule 12). `accept` and `expire` are also guarded by the deadline (the caller adds
 * the condition to the same UPDATE), so the delayed job, the sweep, a read-time check and the
 * student's answer racing each other give exactly one outcome.
 */
export const invitationMachine = defineMachine({
  name: 'procedures.invitation',
  table: 'signing_invitations',
  states: ['pending', 'accepted', 'rejected', 'withdrawn', 'expired', 'terminated'],
  initial: ['pending'],
  transitions: {
    accept: {
      from: ['pending'],
      to: 'accepted',
      refuse: 'procedures.refusals.invitation_not_answerable',
    },
    reject: {
      from: ['pending'],
      to: 'rejected',
      refuse: 'procedures.refusals.invitation_not_answerable',
    },
    withdraw: {
      from: ['pending'],
      to: 'withdrawn',
      refuse: 'procedures.refusals.invitation_not_withdrawable',
    },
    expire: {
      from: ['pending'],
      to: 'expired',
      refuse: 'procedures.refusals.invitation_not_pending',
    },
    terminate: {
      from: ['accepted'],
      to: 'terminated',
      refuse: 'procedures.refusals.invitation_not_signed',
    },
  },
  labels: {
    pending: 'procedures.states.invitation.pending',
    accepted: 'procedures.states.invitation.accepted',
    rejected: 'procedures.states.invitation.rejected',
    withdrawn: 'procedures.states.invitation.withdrawn',
    expired: 'procedures.states.invitation.expired',
    terminated: 'procedures.states.invitation.terminated',
  },
})

export type InvitationStatus = StateOf<typeof invitationMachine>
