// Planted structure: every demo customer belongs to one hidden taste group that decides which categories
// they browse and buy, and shifts their demographics a little. Segmentation and recommendations should
// find these groups again; the generator's tests check that they are there to be found.

export interface TasteGroup {
  key: string;
  label: string;
  share: number;
  categories: readonly string[];
  ageMean: number;
  femaleShare: number;
}

export const TASTE_GROUPS: readonly TasteGroup[] = [
  { key: "tech", label: "Tech and gaming", share: 0.19, categories: ["Electronics", "Gaming"], ageMean: 31, femaleShare: 0.32 },
  { key: "home", label: "Home cooks", share: 0.18, categories: ["Kitchen", "Home & Living"], ageMean: 45, femaleShare: 0.6 },
  { key: "outdoor", label: "Outdoor and fitness", share: 0.17, categories: ["Garden & Outdoor", "Sports & Fitness"], ageMean: 38, femaleShare: 0.45 },
  { key: "style", label: "Style and beauty", share: 0.19, categories: ["Clothing", "Beauty"], ageMean: 32, femaleShare: 0.72 },
  { key: "family", label: "Young families", share: 0.15, categories: ["Baby", "Toys & Games"], ageMean: 34, femaleShare: 0.58 },
  { key: "quiet", label: "Readers and pet owners", share: 0.12, categories: ["Books", "Pet Supplies"], ageMean: 52, femaleShare: 0.55 },
];

/** How much more likely a customer is to pick one of their group's categories than any other. */
export const PREFERRED_CATEGORY_WEIGHT = 12;
