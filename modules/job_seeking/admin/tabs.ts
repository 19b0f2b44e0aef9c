import type { TabDef } from '#core/admin/resource'
import type { Machine } from '#core/state/machine'

/** 全部 (the default) and one tab per state of the machine, each with its live count. */
export function stateTabs(machine: Machine<any, any>): TabDef[] {
  const labels = (machine.def.labels ?? {}) as Record<string, string>
  return [
    { id: 'all', label: 'job_seeking.admin.all', default: true },
    ...machine.def.states.map((state: string) => ({
      id: state,
      label: labels[state] ?? state,
      states: [state],
      column: machine.column,
    })),
  ]
}
