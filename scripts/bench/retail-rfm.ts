// Recency, frequency and monetary value of UCI Online Retail's customers straight from the file, for the
// k-means benchmark: purchases only (no cancellations, no guest lines), as of the day after the last one.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import Papa from "papaparse";
import { DAY_MS } from "../../lib/days";
import { matrix, type Matrix } from "../../lib/ml/matrix";

export function retailRfm(file: string): Matrix {
  const rows = Papa.parse<string[]>(gunzipSync(readFileSync(file)).toString("utf8"), { skipEmptyLines: true }).data.slice(1);
  const byCustomer = new Map<string, { last: number; orders: Set<string>; money: number }>();
  let end = 0;
  for (const [invoice, , , qty, date, price, customer] of rows) {
    const q = Number(qty);
    if (!customer || !invoice || invoice.startsWith("C") || q <= 0) continue;
    const at = Date.parse(`${date!.replace(" ", "T")}Z`);
    end = Math.max(end, at);
    const c = byCustomer.get(customer) ?? { last: 0, orders: new Set<string>(), money: 0 };
    c.last = Math.max(c.last, at);
    c.orders.add(invoice);
    c.money += q * Number(price);
    byCustomer.set(customer, c);
  }
  const asOf = Math.floor(end / DAY_MS + 1) * DAY_MS;
  const m = matrix(byCustomer.size, 3);
  [...byCustomer.values()].forEach((c, i) => {
    m.data[i * 3] = (asOf - c.last) / DAY_MS;
    m.data[i * 3 + 1] = c.orders.size;
    m.data[i * 3 + 2] = c.money;
  });
  return m;
}
