export const MB = 1024 * 1024

/** Every user's stored uploads together may not exceed this (PIPL/等保: bounded storage per user). */
export const USER_QUOTA_BYTES = 100 * MB

/** A stored file no record references is removed after this long (a request has long finished). */
export const ORPHAN_AGE_HOURS = 24
