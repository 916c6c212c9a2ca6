import { CATEGORIES, COLOURS, VARIANTS } from "./catalogue-vocabulary";
import { pick, type Rng, uniform, chance } from "../ml/random";

export interface DemoProduct {
  externalId: string;
  name: string;
  description: string;
  category: string;
  price: number;
  isActive: boolean;
  /** Relative popularity within its category (Zipf-like); hidden from the database. */
  popularity: number;
  /** Index of a product often bought alongside this one; hidden from the database. */
  complement: number;
}

function priceFor(rng: Rng, [lo, hi]: readonly [number, number], variant: string): number {
  let p = uniform(rng, lo, hi);
  if (variant === "Pro" || variant === "Max" || variant === "Studio") p *= 1.25;
  if (variant === "Mini" || variant === "Lite" || variant === "Essentials") p *= 0.8;
  return Math.max(1, Math.round(p)) - 0.01;
}

/** Builds `count` products spread evenly over the twelve categories, with unique, readable names. */
export function generateCatalogue(rng: Rng, count: number): DemoProduct[] {
  if (!Number.isInteger(count) || count < CATEGORIES.length) {
    throw new RangeError(`products must be an integer >= ${CATEGORIES.length}, got ${count}`);
  }
  const products: DemoProduct[] = [];
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    const ci = i % CATEGORIES.length;
    const cat = CATEGORIES[ci]!;
    const seq = Math.floor(i / CATEGORIES.length);
    const type = cat.types[seq % cat.types.length]!;
    const brand = pick(rng, cat.brands);
    let variant = seq < cat.types.length ? "" : pick(rng, VARIANTS);
    let name = [brand, type.noun, variant].filter(Boolean).join(" ");
    for (let tries = 0; names.has(name); tries++) {
      variant = tries < 20 ? pick(rng, VARIANTS) : `No. ${seq}`;
      name = `${brand} ${type.noun} ${variant} – ${pick(rng, COLOURS)}`.replace(/\s+/g, " ");
    }
    names.add(name);
    const f1 = pick(rng, cat.features);
    let f2 = pick(rng, cat.features);
    if (f2 === f1) f2 = cat.features[(cat.features.indexOf(f1) + 1) % cat.features.length]!;
    products.push({
      externalId: `SKU-${String(ci + 1).padStart(2, "0")}-${String(seq + 1).padStart(4, "0")}`,
      name,
      description: `${type.noun} from ${brand} with ${f1} and ${f2}. ${pick(rng, cat.benefits)}`,
      category: cat.name,
      price: priceFor(rng, type.priceRange, variant),
      isActive: !chance(rng, 0.04),
      popularity: 0,
      complement: 0,
    });
  }
  assignPopularityAndComplements(rng, products);
  return products;
}

function assignPopularityAndComplements(rng: Rng, products: DemoProduct[]): void {
  const byCategory = new Map<string, number[]>();
  products.forEach((p, i) => {
    const list = byCategory.get(p.category) ?? [];
    list.push(i);
    byCategory.set(p.category, list);
  });
  for (const members of byCategory.values()) {
    // A random order of ranks, so popularity does not follow the naming order.
    const ranks = members.map((_, r) => r);
    for (let i = ranks.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [ranks[i], ranks[j]] = [ranks[j]!, ranks[i]!];
    }
    members.forEach((pi, k) => {
      products[pi]!.popularity = 1 / Math.pow(ranks[k]! + 1, 0.9);
      let other = members[Math.floor(rng.next() * members.length)]!;
      if (other === pi) other = members[(k + 1) % members.length]!;
      products[pi]!.complement = other;
    });
  }
}
