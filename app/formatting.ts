import { env } from "@/lib/env";
import { createFormatters } from "@/lib/format";

export const locale = env.MARKETLENS_LOCALE;
export const currency = env.MARKETLENS_CURRENCY;
export const fmt = createFormatters(locale, currency);
