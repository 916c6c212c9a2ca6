// The preview's state from the URL: find the customer (exact id first, else a search), then run the
// chosen algorithm (or every trained one) with the page's exclusions.
import { maskRow, type PiiView } from "@/lib/auth/mask";
import { getCustomerProfile, pageCustomerTimeline } from "@/lib/db/customer-profile";
import { listCustomers } from "@/lib/db/customers";
import type { AlgorithmName } from "@/lib/ml/recs/types";
import { rfmOfCustomer } from "@/lib/services/segments/rfm";
import { type LoadedModels, recommendFromModels } from "@/lib/services/recs/serving";
import type { PreviewState } from "./preview-section";

interface Raw {
  customer?: string;
  algorithm?: string;
  n?: string;
  includeBought?: string;
}

export async function readPreview(models: LoadedModels, raw: Raw, pii: PiiView): Promise<PreviewState> {
  const trained = models.trained;
  const algorithm = raw.algorithm && (raw.algorithm === "all" || trained.includes(raw.algorithm as AlgorithmName)) ? (raw.algorithm as AlgorithmName | "all") : trained.includes("hybrid") ? "hybrid" : (trained[0] ?? "all");
  const nRaw = Number(raw.n ?? "");
  const n = Number.isInteger(nRaw) && nRaw >= 1 && nRaw <= 50 ? nRaw : algorithm === "all" ? 5 : 10;
  const q = (raw.customer ?? "").trim().slice(0, 200);
  const state: PreviewState = { q, algorithm, n, includeBought: raw.includeBought === "1", choices: [], customer: null, segment: null, history: [], historyTypes: [], results: [], error: null };
  if (!q) return state;
  const found = await listCustomers({ q, page: 1, pageSize: 20, sort: "externalId", dir: "asc", searchPii: pii.clear });
  const exact = found.rows.find((r) => r.externalId === q || (pii.clear && r.email === q));
  if (!exact && found.rows.length !== 1) {
    if (found.rows.length === 0) state.error = pii.clear ? `No customer matches “${q}”. Try part of a name, an id or an email.` : `No customer matches “${q}”. Try an id, a city or a country.`;
    else state.choices = found.rows.map((r) => ({ id: r.id, externalId: r.externalId, name: pii.name(r.name) }));
    return state;
  }
  const profile = await getCustomerProfile((exact ?? found.rows[0]!).id);
  if (!profile) return state;
  const customer = maskRow(profile, pii);
  state.customer = customer;
  state.segment = (await rfmOfCustomer(customer.id))?.segment ?? null;
  // What the models learn from: on MovieLens that is ratings, not purchases.
  const weights = models.stored.settings.interactions.weights;
  const learned = Object.keys(weights).filter((t) => (weights[t] ?? 0) > 0).sort((a, b) => (a === "purchase" ? -1 : b === "purchase" ? 1 : a.localeCompare(b)));
  state.historyTypes = learned.length ? learned : ["purchase"];
  state.history = (await pageCustomerTimeline(customer.id, { page: 1, pageSize: 5, eventTypes: state.historyTypes })).rows;
  const run = algorithm === "all" ? trained : [algorithm];
  state.results = await Promise.all(run.map((a) => recommendFromModels(models, customer.id, a, n, { excludeBought: !state.includeBought })));
  return state;
}
