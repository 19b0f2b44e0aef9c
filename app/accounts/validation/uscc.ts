// Moved to the core's shared rules; kept so older imports keep working.
export { usccCheckCharacter, isValidUscc, usccRule } from '#core/validation/rules'
