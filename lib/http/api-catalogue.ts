// Every route handler under app/api: who may call it and what it reads. Each handler takes its access and
// query schema from here, and /api/openapi.json is generated from the same entries, so the description
// cannot drift from what is checked (lib/http/openapi.test.ts also checks every route file is listed).
import type { z } from "zod";
import type { Access } from "../auth/guard";
import { AuditQuery } from "../services/audit-query";
import { CustomerLookupInput } from "../services/customer-lookup";
import { StartImportRequest } from "../services/import/start-request";
import { RecommendationQuery } from "../services/recs/request";
import { ScoreQuery, TargetingExportQuery } from "../services/scoring/request";
import { RuleCountQuery } from "../segments/rule-query";

export interface ApiEndpoint {
  method: "GET" | "POST";
  /** As OpenAPI writes it: /api/jobs/{id}. */
  path: string;
  /** The handler's file under app/. */
  file: string;
  summary: string;
  access: Access;
  query?: z.ZodType;
  params?: Record<string, string>;
  /** A JSON body is described by its zod schema; a file body by its type. */
  body?: { type: string; description: string; schema?: z.ZodType };
  /** What a success answers with: JSON, a CSV or a JSON download. */
  returns: { status: number; type: "application/json" | "text/csv"; description: string };
}

export const API = {
  recommendations: {
    method: "GET",
    path: "/api/recommendations/{customerId}",
    file: "api/recommendations/[customerId]/route.ts",
    summary: "Recommended products for one customer, each with its score and the reason in words",
    access: { permission: "dashboards:read", scope: "recommendations:read" },
    query: RecommendationQuery,
    params: { customerId: "The customer's database id (as in /customers/{id})" },
    returns: { status: 200, type: "application/json", description: "{ algorithm, items: [{ productId, name, score, reason }], externalId }" },
  },
  scores: {
    method: "GET",
    path: "/api/scores/{customerId}",
    file: "api/scores/[customerId]/route.ts",
    summary: "One customer's response score from the stored models: the probability of a click (or conversion) under a campaign set-up, and the top reasons in words",
    access: { permission: "dashboards:read", scope: "scores:read" },
    query: ScoreQuery,
    params: { customerId: "The customer's database id (as in /customers/{id})" },
    returns: { status: 200, type: "application/json", description: "{ runId, model, target, probability, setup: { channel, adType, adPosition, variant }, reasons: [{ feature, value, oddsFactor, text }], asOf, externalId }" },
  },
  ruleCount: {
    method: "GET",
    path: "/api/segments/count",
    file: "api/segments/count/route.ts",
    summary: "How many customers a segment rule matches, and the rule in words",
    access: { permission: "dashboards:read", scope: "segments:read" },
    query: RuleCountQuery,
    returns: { status: 200, type: "application/json", description: "{ count, description }" },
  },
  segmentExport: {
    method: "GET",
    path: "/api/segments/{id}/export",
    file: "api/segments/[id]/export/route.ts",
    summary: "A saved rule segment's members as CSV (email and name only for roles that may read personal data; ?emails=sha256 gives SHA-256 of each trimmed, lower-cased address instead, for ad platforms)",
    access: { permission: "exports:read", scope: "segments:read" },
    params: { id: "The saved segment's id" },
    returns: { status: 200, type: "text/csv", description: "customer_id,[email,name,]country,orders,revenue,last_purchase_at" },
  },
  targetingExport: {
    method: "GET",
    path: "/api/targeting/export",
    file: "api/targeting/export/route.ts",
    summary: "The audience the targeting page shows for the same query, best first, as CSV: each customer's chance of a click, of a conversion after one, expected value per impression and rank (email and name only for roles that may read personal data; ?emails=sha256 gives SHA-256 of each trimmed, lower-cased address instead, for ad platforms)",
    access: { permission: "exports:read", scope: "segments:read" },
    query: TargetingExportQuery,
    returns: { status: 200, type: "text/csv", description: "customer_id,[email,name | email_sha256,]p_click,p_convert,ev_per_impression,rank" },
  },
  jobStatus: {
    method: "GET",
    path: "/api/jobs/{id}",
    file: "api/jobs/[id]/route.ts",
    summary: "One background job's progress and outcome (imports, clustering, training, evaluation)",
    access: { permission: "dashboards:read", scope: "imports:write" },
    params: { id: "The job's id" },
    returns: { status: 200, type: "application/json", description: "{ id, kind, status, progress, progressNote, message, … }" },
  },
  upload: {
    method: "POST",
    path: "/api/imports/uploads",
    file: "api/imports/uploads/route.ts",
    summary: "Upload a CSV (or .csv.gz) as the raw body; it is kept for a day and analysed (kind, columns, dates)",
    access: { permission: "imports:write", scope: "imports:write" },
    body: { type: "text/csv", description: "The file itself; ?name=<file name>" },
    returns: { status: 201, type: "application/json", description: "{ upload: { uploadId, … }, analysis }" },
  },
  startImport: {
    method: "POST",
    path: "/api/imports",
    file: "api/imports/route.ts",
    summary: "Start importing an uploaded file (or a dry run); follow the job at /api/jobs/{id}",
    access: { permission: "imports:write", scope: "imports:write" },
    body: { type: "application/json", description: "{ uploadId, options }: the upload's id and the analysis's settings with the mapping", schema: StartImportRequest },
    returns: { status: 202, type: "application/json", description: "{ jobId, status }" },
  },
  rejectedRows: {
    method: "GET",
    path: "/api/imports/{id}/rejected",
    file: "api/imports/[id]/rejected/route.ts",
    summary: "An import's refused rows as CSV: line, column, reason, then the row as it was",
    access: { permission: "imports:write", scope: "imports:write" },
    params: { id: "The import job's id" },
    returns: { status: 200, type: "text/csv", description: "line,column,reason,<the file's columns>" },
  },
  auditExport: {
    method: "GET",
    path: "/api/audit",
    file: "api/audit/route.ts",
    summary: "The audit log as CSV, newest first (admins, signed in)",
    access: { permission: "admin" },
    query: AuditQuery,
    returns: { status: 200, type: "text/csv", description: "id,at,actor,action,outcome,target,detail,ip,user_agent" },
  },
  customerExport: {
    method: "GET",
    path: "/api/customers/export",
    file: "api/customers/export/route.ts",
    summary: "Everything stored about one customer as a JSON download (GDPR access; admins, signed in)",
    access: { permission: "admin" },
    query: CustomerLookupInput,
    returns: { status: 200, type: "application/json", description: "{ customer, purchaseStats, events, campaignEvents, segments }" },
  },
  openapi: {
    method: "GET",
    path: "/api/openapi.json",
    file: "api/openapi.json/route.ts",
    summary: "This description of the API (OpenAPI 3.1)",
    access: { permission: "dashboards:read", scope: "any" },
    returns: { status: 200, type: "application/json", description: "The OpenAPI document" },
  },
} as const satisfies Record<string, ApiEndpoint>;
