-- DropIndex
DROP INDEX "CampaignEvent_customerId_idx";

-- DropIndex
DROP INDEX "CampaignEvent_campaignId_type_occurredAt_cost_revenue_idx";

-- CreateIndex
CREATE INDEX "CampaignEvent_campaignId_type_occurredAt_cost_revenue_customerId_idx" ON "CampaignEvent"("campaignId", "type", "occurredAt", "cost", "revenue", "customerId");

-- CreateIndex
CREATE INDEX "CampaignEvent_customerId_campaignId_type_occurredAt_cost_revenue_idx" ON "CampaignEvent"("customerId", "campaignId", "type", "occurredAt", "cost", "revenue");
