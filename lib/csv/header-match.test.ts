import { describe, expect, it } from "vitest";
import { checkMapping, columnNames, detectKind, normaliseHeader, suggestMapping } from "./header-match";

const RETAIL = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];
const BANK = ["age", "job", "marital", "education", "default", "balance", "housing", "loan"];

describe("header matching", () => {
  it("ignores case, spaces, underscores and dashes", () => {
    for (const h of ["CustomerID", "customer_id", "Customer Id", "customerId", " CUSTOMER-ID "]) expect(normaliseHeader(h)).toBe("customerid");
  });

  it("maps common synonyms of a customer id to the customer field", () => {
    for (const h of ["CustomerID", "customer_id", "user_id", "userId", "client id"]) {
      expect(suggestMapping("events", [h, "timestamp"], 2)).toEqual(["customer", "occurredAt"]);
    }
  });

  it("maps every Online Retail column for transactions", () => {
    expect(suggestMapping("transactions", RETAIL, 8)).toEqual(["orderId", "product", "productName", "quantity", "occurredAt", "unitPrice", "customer", "country"]);
  });

  it("keeps unmapped customer columns as attributes and ignores them for events", () => {
    expect(suggestMapping("customers", ["id", "Email", "Loyalty Tier"], 3)).toEqual(["externalId", "email", "attr:Loyalty Tier"]);
    expect(suggestMapping("events", ["user", "ts", "browser"], 3)).toEqual(["customer", "occurredAt", ""]);
  });

  it("names the columns of a file without a header by position and suggests nothing", () => {
    expect(columnNames(null, 3)).toEqual(["column 1", "column 2", "column 3"]);
    expect(suggestMapping("events", null, 3)).toEqual(["", "", ""]);
  });

  it("detects the kind from the headers", () => {
    expect(detectKind(RETAIL).kind).toBe("transactions");
    expect(detectKind(BANK).kind).toBe("customers");
    expect(detectKind(["campaign_id", "date", "impressions", "clicks", "spend"]).kind).toBe("campaign-daily-stats");
    expect(detectKind(["campaign", "user_id", "event", "timestamp"]).kind).toBe("campaign-events");
    expect(detectKind(["sku", "title", "price", "category"]).kind).toBe("products");
    expect(detectKind(["foo", "bar"]).kind).toBeNull();
    expect(detectKind(null).kind).toBeNull();
  });
});

describe("mapping checks", () => {
  const names = ["a", "b", "c"];
  it("asks for every required field", () => {
    expect(checkMapping("events", ["customer", "", ""], names)).toEqual(['Map a column to "Time" (occurredAt): events need it.']);
  });
  it("refuses a field mapped twice, an unknown field and attributes where the kind keeps none", () => {
    expect(checkMapping("events", ["customer", "customer", "occurredAt"], names)).toEqual(['Columns "a" and "b" are both mapped to customer; keep one.']);
    expect(checkMapping("events", ["customer", "colour", "occurredAt"], names)[0]).toMatch(/^Column "b": "colour" is not a field of events/);
    expect(checkMapping("events", ["customer", "attr:x", "occurredAt"], names)).toEqual(['Column "b": events imports keep no extra attributes; map it to a field or ignore it.']);
  });
  it("accepts a complete mapping", () => {
    expect(checkMapping("customers", ["externalId", "attr:tier", ""], names)).toEqual([]);
  });
});
