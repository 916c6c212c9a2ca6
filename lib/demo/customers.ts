import { COUNTRIES, EDUCATION_LEVELS, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES } from "./people-vocabulary";
import { chance, cumulative, drawIndex, logNormal, normal, pick, type Rng, uniform } from "../ml/random";
import { DAY_MS } from "./calendar";
import { TASTE_GROUPS } from "./taste-groups";

export interface DemoCustomer {
  externalId: string;
  email: string;
  name: string;
  gender: "F" | "M" | "X";
  age: number;
  birthYear: number;
  income: number;
  education: string;
  country: string;
  city: string;
  signupAt: number;
  attributes: { loyaltyMember: boolean; marketingOptIn: boolean; device: string };
  /** Hidden planted structure, never written to the database. */
  tasteGroup: number;
  /** Relative activity level (heavy-tailed); hidden. */
  activity: number;
  /** Window of days in which the customer is active: [activeFrom, activeTo). Hidden. */
  activeFrom: number;
  activeTo: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function generateCustomers(rng: Rng, count: number, windowStart: number, windowEnd: number): DemoCustomer[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`customers must be a positive integer, got ${count}`);
  const groupCum = cumulative(TASTE_GROUPS.map((g) => g.share));
  const countryCum = cumulative(COUNTRIES.map((c) => c.weight));
  const endYear = new Date(windowEnd).getUTCFullYear();
  const out: DemoCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const tasteGroup = drawIndex(rng, groupCum);
    const group = TASTE_GROUPS[tasteGroup]!;
    const r = rng.next();
    const gender = r < group.femaleShare * 0.98 ? "F" : r < 0.98 ? "M" : "X";
    const age = Math.round(clamp(normal(rng, group.ageMean, 10), 18, 82));
    const education = EDUCATION_LEVELS[Math.round(clamp(normal(rng, 1.6 + (age > 25 ? 0.4 : 0), 1), 0, 4))]!;
    const eduBonus = EDUCATION_LEVELS.indexOf(education as (typeof EDUCATION_LEVELS)[number]) * 0.12;
    const ageCurve = -Math.pow((age - 48) / 30, 2) * 0.5;
    const income = Math.round(logNormal(rng, Math.log(36_000) + eduBonus + ageCurve, 0.4) / 100) * 100;
    const country = COUNTRIES[drawIndex(rng, countryCum)]!;
    const first = gender === "F" ? pick(rng, FIRST_NAMES_F) : gender === "M" ? pick(rng, FIRST_NAMES_M) : pick(rng, chance(rng, 0.5) ? FIRST_NAMES_F : FIRST_NAMES_M);
    const last = pick(rng, LAST_NAMES);
    // 70% joined before the 12-month window, the rest during it.
    const signupAt = chance(rng, 0.7)
      ? windowStart - Math.floor(uniform(rng, 1, 3 * 365)) * DAY_MS
      : windowStart + Math.floor(uniform(rng, 0, (windowEnd - windowStart) / DAY_MS)) * DAY_MS;
    const activeFrom = Math.max(signupAt, windowStart);
    // A third lapse at some point in the window: they give RFM its "at risk" and "lost" customers.
    const activeTo = chance(rng, 0.33) ? activeFrom + (windowEnd - activeFrom) * rng.next() : windowEnd;
    out.push({
      externalId: `C${String(i + 1).padStart(6, "0")}`,
      email: `${ascii(first)}.${ascii(last)}${i + 1}@example.com`,
      name: `${first} ${last}`,
      gender,
      age,
      birthYear: endYear - age,
      income,
      education,
      country: country.name,
      city: pick(rng, country.cities),
      signupAt: signupAt + Math.floor(rng.next() * DAY_MS),
      attributes: {
        loyaltyMember: chance(rng, 0.28),
        marketingOptIn: chance(rng, 0.64),
        device: pick(rng, ["mobile", "mobile", "mobile", "desktop", "desktop", "tablet"]),
      },
      tasteGroup,
      activity: logNormal(rng, 0, 0.9),
      activeFrom,
      activeTo: Math.max(activeTo, activeFrom + DAY_MS),
    });
  }
  return out;
}

function ascii(s: string): string {
  return s.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase();
}
