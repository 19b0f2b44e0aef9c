// Moved to the core's shared rules; kept so older imports keep working.
export { vineLocalDateTime, fromLocalInput } from '#core/validation/rules'
