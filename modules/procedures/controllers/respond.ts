/**
 * Transitional re-export for the review queues controller (being moved onto the admin framework):
 * refusals answer through the core Refusal; the form helper lives in `form_action.ts`.
 */
export { act, idParam } from '#modules/procedures/controllers/form_action'
