// lib/ml's own RangeError, thrown on purpose for bad shapes, settings or data with a message naming the value
// (../shared/STYLE.md "Say why it failed"). It is still a RangeError (its name prints as one), so lib/ml stays
// pure and free of the app's error classes; being a class of its own lets a service tell it from V8's
// RangeErrors ("Invalid typed array length", "Maximum call stack size exceeded"), which are bugs and must
// reach the logs. Services translate the ones they expect into UserError (lib/services/ml-errors.ts).
export class MlRangeError extends RangeError {}
