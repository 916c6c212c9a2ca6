/** A half-open time range [from, to) used by every dated query. */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** Every time a stored row can have: for views that are not limited to a range. */
export const ALL_TIME: TimeRange = Object.freeze({ from: new Date(0), to: new Date(Date.UTC(9999, 0, 1)) });
