-- DropIndex
DROP INDEX "Event_type_occurredAt_revenue_orderId_idx";

-- CreateIndex
CREATE INDEX "Event_type_occurredAt_revenue_orderId_customerId_idx" ON "Event"("type", "occurredAt", "revenue", "orderId", "customerId");
