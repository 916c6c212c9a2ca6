// What each kind of import can hold: its fields, their types, and the header names people use for them.
// Synonyms are written as people write them and compared after normaliseHeader (case, spaces, _ and -
// removed), so "CustomerID", "customer_id", "Customer Id" and "customerId" all meet "customer id".

export const IMPORT_KINDS = [
  "customers",
  "products",
  "events",
  "transactions",
  "campaigns",
  "campaign-events",
  "campaign-daily-stats",
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type FieldType = "id" | "text" | "email" | "integer" | "number" | "date" | "boolean";

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  synonyms: readonly string[];
  /** Inclusive bounds for numbers, checked after parsing. */
  min?: number;
  max?: number;
  hint?: string;
}

export interface KindSpec {
  kind: ImportKind;
  label: string;
  description: string;
  fields: readonly FieldSpec[];
  /** Columns not mapped to a field are kept as attributes (customers, products) or ignored. */
  keepsAttributes: boolean;
}

const CUSTOMER_ID = ["customer", "customer id", "customer no", "customer number", "cust id", "client id", "user", "user id", "member id", "contact id", "visitor id", "shopper id"];
const PRODUCT_ID = ["product", "product id", "product code", "item", "item id", "sku", "stock code", "article", "article id", "movie id", "variant id"];
const CAMPAIGN_ID = ["campaign", "campaign id", "campaign code", "ad campaign", "campaign key"];
const OCCURRED_AT = ["timestamp", "time", "date", "datetime", "date time", "occurred at", "event time", "event date", "created at", "ts"];

const f = (name: string, label: string, type: FieldType, required: boolean, synonyms: readonly string[], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  label,
  type,
  required,
  synonyms,
  ...extra,
});

const KINDS: Record<ImportKind, KindSpec> = {
  customers: {
    kind: "customers",
    label: "Customers",
    description: "One row per customer: id, contact details, demographics. Other columns become customer attributes.",
    keepsAttributes: true,
    fields: [
      f("externalId", "Customer id", "id", false, [...CUSTOMER_ID, "id"], { hint: "Without an id column each row is keyed by file name and line number." }),
      f("email", "Email", "email", false, ["email", "e-mail", "email address", "mail"]),
      f("name", "Name", "text", false, ["name", "full name", "customer name", "client name"]),
      f("gender", "Gender", "text", false, ["gender", "sex"]),
      f("age", "Age", "integer", false, ["age", "age years"], { min: 0, max: 130 }),
      f("birthYear", "Birth year", "integer", false, ["birth year", "year of birth", "yob"], { min: 1880, max: 2100 }),
      f("income", "Income", "number", false, ["income", "annual income", "annual income k$", "salary", "yearly income"]),
      f("education", "Education", "text", false, ["education", "education level"]),
      f("country", "Country", "text", false, ["country", "country code", "nation"]),
      f("city", "City", "text", false, ["city", "town"]),
      f("signupAt", "Signed up", "date", false, ["signup", "signup date", "signed up", "registered", "registration date", "joined", "join date", "customer since", "first seen"]),
    ],
  },
  products: {
    kind: "products",
    label: "Products",
    description: "One row per product: id, name, description, category, price. Other columns become product attributes.",
    keepsAttributes: true,
    fields: [
      f("externalId", "Product id", "id", true, [...PRODUCT_ID, "id", "code"]),
      f("name", "Name", "text", true, ["name", "product name", "title", "item name", "movie title"]),
      f("description", "Description", "text", false, ["description", "desc", "details", "summary"]),
      f("category", "Category", "text", false, ["category", "categories", "product category", "product type", "department", "genre", "genres"]),
      f("price", "Price", "number", false, ["price", "unit price", "list price", "retail price"], { min: 0 }),
      f("isActive", "Active", "boolean", false, ["active", "is active", "available", "in stock", "enabled"]),
    ],
  },
  events: {
    kind: "events",
    label: "Events",
    description: "One row per thing a customer did (view, click, add to cart, purchase, rating) with a time.",
    keepsAttributes: false,
    fields: [
      f("customer", "Customer id", "id", true, CUSTOMER_ID),
      f("product", "Product id", "id", false, PRODUCT_ID),
      f("type", "Event type", "text", false, ["type", "event", "event type", "action", "event name", "interaction"], {
        hint: "Without a type column every row gets the import's event type (rating when a rating is mapped, else purchase).",
      }),
      f("quantity", "Quantity", "integer", false, ["quantity", "qty", "units", "count"]),
      f("revenue", "Revenue", "number", false, ["revenue", "amount", "value", "total", "sales", "order value"]),
      f("rating", "Rating", "number", false, ["rating", "score", "stars"]),
      f("orderId", "Order id", "id", false, ["order", "order id", "order no", "order number", "invoice", "invoice no", "transaction id"]),
      f("occurredAt", "Time", "date", true, OCCURRED_AT),
    ],
  },
  transactions: {
    kind: "transactions",
    label: "Transactions (order lines)",
    description: "One row per order line. Creates the customers and products it names and records purchases and returns.",
    keepsAttributes: false,
    fields: [
      f("orderId", "Order id", "id", true, ["order", "order id", "order no", "order number", "invoice", "invoice no", "invoice number", "transaction id"]),
      f("customer", "Customer id", "id", false, CUSTOMER_ID, { hint: "Lines without a customer are guest purchases: they count in sales, not in customer profiles." }),
      f("product", "Product code", "id", true, PRODUCT_ID),
      f("productName", "Product name", "text", false, ["description", "product name", "item name", "product description", "name"]),
      f("quantity", "Quantity", "integer", true, ["quantity", "qty", "units"]),
      f("unitPrice", "Unit price", "number", true, ["unit price", "price", "item price", "price each"]),
      f("occurredAt", "Time", "date", true, [...OCCURRED_AT, "invoice date", "order date", "purchase date"]),
      f("country", "Country", "text", false, ["country", "country code"]),
    ],
  },
  campaigns: {
    kind: "campaigns",
    label: "Campaigns",
    description: "One row per campaign: id, name, channel, ad type and placement, A/B test group and variant, dates, budget.",
    keepsAttributes: false,
    fields: [
      f("externalId", "Campaign id", "id", true, [...CAMPAIGN_ID, "id"]),
      f("name", "Name", "text", true, ["name", "campaign name", "title"]),
      f("channel", "Channel", "text", false, ["channel", "source", "medium", "network"]),
      f("adType", "Ad type", "text", false, ["ad type", "format", "creative type", "ad format"]),
      f("adPosition", "Ad position", "text", false, ["ad position", "position", "placement"]),
      f("testGroup", "A/B test", "text", false, ["test", "test group", "experiment", "ab test"]),
      f("variant", "Variant", "text", false, ["variant", "arm", "test variant", "version"]),
      f("startAt", "Start", "date", false, ["start", "start date", "starts", "start at", "launch date"]),
      f("endAt", "End", "date", false, ["end", "end date", "ends", "end at"]),
      f("budget", "Budget", "number", false, ["budget", "spend budget"], { min: 0 }),
    ],
  },
  "campaign-events": {
    kind: "campaign-events",
    label: "Campaign events",
    description: "One row per impression, click or conversion, optionally tied to a customer.",
    keepsAttributes: false,
    fields: [
      f("campaign", "Campaign id", "id", true, CAMPAIGN_ID),
      f("customer", "Customer id", "id", false, CUSTOMER_ID),
      f("type", "Event type", "text", true, ["type", "event", "event type", "action", "interaction"], { hint: "impression, click or conversion" }),
      f("revenue", "Revenue", "number", false, ["revenue", "value", "conversion value", "amount"]),
      f("cost", "Cost", "number", false, ["cost", "spend", "price paid"], { min: 0 }),
      f("occurredAt", "Time", "date", true, OCCURRED_AT),
    ],
  },
  "campaign-daily-stats": {
    kind: "campaign-daily-stats",
    label: "Campaign daily stats",
    description: "Daily totals per campaign as ad platforms export them, optionally broken down by segment.",
    keepsAttributes: false,
    fields: [
      f("campaign", "Campaign id", "id", true, CAMPAIGN_ID),
      f("date", "Date", "date", true, ["date", "day", "report date", "stats date"]),
      f("segment", "Segment", "text", false, ["segment", "audience", "breakdown"]),
      f("impressions", "Impressions", "integer", true, ["impressions", "impr", "views"], { min: 0 }),
      f("clicks", "Clicks", "integer", true, ["clicks", "link clicks"], { min: 0 }),
      f("conversions", "Conversions", "integer", false, ["conversions", "conv", "purchases", "results"], { min: 0 }),
      f("cost", "Cost", "number", false, ["cost", "spend", "amount spent"], { min: 0 }),
      f("revenue", "Revenue", "number", false, ["revenue", "conversion value", "purchase value", "value"]),
    ],
  },
};

export function kindSpec(kind: ImportKind): KindSpec {
  return KINDS[kind];
}

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

export function fieldSpec(kind: ImportKind, name: string): FieldSpec | undefined {
  return KINDS[kind].fields.find((x) => x.name === name);
}

export const ALL_KIND_SPECS: readonly KindSpec[] = IMPORT_KINDS.map((k) => KINDS[k]);
