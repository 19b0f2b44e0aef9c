import { ProcedureError } from '#modules/procedures/services/state_machines'

/** Refusal with messages beside several fields (validation of a whole form). */
export class FieldErrors extends ProcedureError {
  constructor(public errors: Record<string, string>) {
    super(Object.values(errors)[0] ?? '提交的信息有误', Object.keys(errors)[0] ?? null, 422)
  }
}

export { ProcedureError }
