/** A half-open time range [from, to) used by every dated query. */
export interface TimeRange {
  from: Date;
  to: Date;
}
