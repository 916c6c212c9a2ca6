import { describe, expect, it } from "vitest";
import { databaseLabel, databaseProvider, sqliteFilePath } from "./env";

describe("the database URL", () => {
  it("names SQLite for file: URLs and PostgreSQL for postgres(ql):// ones, nothing else", () => {
    expect(databaseProvider("file:./data/marketlens.db")).toBe("sqlite");
    expect(databaseProvider("postgresql://u:p@db.example:5432/marketlens")).toBe("postgresql");
    expect(databaseProvider("postgres://localhost/marketlens")).toBe("postgresql");
    expect(databaseProvider("mysql://localhost/marketlens")).toBeNull();
    expect(databaseProvider("./data/marketlens.db")).toBeNull();
  });

  it("is shown to people without its credentials", () => {
    expect(databaseLabel("postgresql://admin:s3cret@db.example:5433/shop?sslmode=require")).toBe("PostgreSQL db.example:5433/shop");
    expect(databaseLabel("file:/srv/marketlens/app.db")).toBe("/srv/marketlens/app.db");
  });

  it("gives a file path for SQLite only", () => {
    expect(sqliteFilePath("file:/srv/app.db?mode=rw")).toBe("/srv/app.db");
    expect(() => sqliteFilePath("postgresql://localhost/shop")).toThrow("sqliteFilePath: the database is not SQLite");
  });
});
