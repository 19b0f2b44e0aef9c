/**
 * Transitional re-exports: the procedures machines live one per file under
 * `modules/procedures/machines/` (declared with `defineMachine`, executed by `#core/state/machine`).
 * Kept for the callers not converted yet; new code imports the machine files directly.
 */
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Machine, TransitionDef } from '#core/state/machine'
import { sourceRecordMachine } from '#modules/procedures/machines/source_record'
import { changeRequestMachine } from '#modules/procedures/machines/change_request'
import { recommendationMachine } from '#modules/procedures/machines/recommendation'
import { planMachine } from '#modules/procedures/machines/plan'
import { invitationMachine } from '#modules/procedures/machines/invitation'
import { terminationMachine } from '#modules/procedures/machines/termination'

export type { ReviewStatus } from '#modules/procedures/machines/source_record'
export type { PlanStatus } from '#modules/procedures/machines/plan'
export type { ChangeRequestStatus } from '#modules/procedures/machines/change_request'
export type { InvitationStatus } from '#modules/procedures/machines/invitation'
export type { TerminationStatus } from '#modules/procedures/machines/termination'

export const machines = {
  sourceRecord: sourceRecordMachine,
  changeRequest: changeRequestMachine,
  recommendation: recommendationMachine,
  plan: planMachine,
  invitation: invitationMachine,
  termination: terminationMachine,
}

export type MachineName = keyof typeof machines
export type ActionOf<M extends MachineName> =
  (typeof machines)[M] extends Machine<any, infer A> ? A : never
export type Transition = TransitionDef

/**
 * State → label of a machine, read when used (the texts come from the lang file, loaded after
 * this module): `status in LABELS`, `LABELS[status]`, `Object.entries(LABELS)` all work.
 */
export function labelsOf(machine: Machine<string, string>): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const state of machine.def.states)
    Object.defineProperty(labels, state, { enumerable: true, get: () => machine.label(state) })
  return labels
}

export const REVIEW_LABELS = labelsOf(planMachine)
export const INVITATION_LABELS = labelsOf(invitationMachine)
export const TERMINATION_LABELS = labelsOf(terminationMachine)

export function transitionOf<M extends MachineName>(machine: M, action: ActionOf<M>): Transition {
  return (machines[machine] as Machine<string, string>).transition(action as string)
}

export function can<M extends MachineName>(machine: M, action: ActionOf<M>, status: string) {
  return (machines[machine] as Machine<string, string>).can(action as string, status)
}

/** `machines[machine].apply(trx, action, id, { set: extra, where })`. */
export async function apply<M extends MachineName>(
  trx: TransactionClientContract,
  machine: M,
  action: ActionOf<M>,
  id: number,
  extra: Record<string, unknown> = {},
  where: Record<string, unknown> = {}
) {
  return (machines[machine] as Machine<string, string>).apply(trx, action as string, id, {
    set: extra,
    where,
  })
}
