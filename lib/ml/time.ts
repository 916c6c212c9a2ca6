// Milliseconds in a UTC day, defined once. It lives in lib/ml because lib/ml takes no library imports, not
// even zod, so it cannot import lib/days.ts; lib/days.ts, the app's dates module, re-exports it instead.
export const DAY_MS = 86_400_000;
