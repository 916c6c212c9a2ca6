/** A job id from the URL: a positive integer, else null (answered with 404, like an unknown id). */
export function parseJobId(raw: string): number | null {
  return /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}
