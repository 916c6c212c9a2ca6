-- Migration 20261206232146 replaced these two CampaignEvent indexes with covering ones, but the bulk-load
-- list of indexes (lib/db/bulk-load.ts) still named them, so every start put them back beside their
-- replacements. Dropped again here; the list now names the replacements.
DROP INDEX IF EXISTS "CampaignEvent_customerId_idx";
DROP INDEX IF EXISTS "CampaignEvent_campaignId_type_occurredAt_cost_revenue_idx";
