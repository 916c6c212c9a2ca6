// Words the demo shop's catalogue is built from. Brands are invented; product types are the ordinary
// names a shop would use, with a believable price band each.

export interface ProductType {
  noun: string;
  priceRange: readonly [number, number];
}

export interface CategoryVocabulary {
  name: string;
  brands: readonly string[];
  types: readonly ProductType[];
  features: readonly string[];
  benefits: readonly string[];
}

const t = (noun: string, lo: number, hi: number): ProductType => ({ noun, priceRange: [lo, hi] });

export const CATEGORIES: readonly CategoryVocabulary[] = [
  {
    name: "Electronics",
    brands: ["Voltra", "Auralis", "Nexon", "Lumix Lab"],
    types: [t("Wireless Earbuds", 29, 179), t("Bluetooth Speaker", 25, 149), t("Noise-Cancelling Headphones", 79, 349), t("Smartwatch", 59, 299), t("USB-C Fast Charger", 12, 49), t("Portable Power Bank", 19, 69), t("4K Streaming Stick", 29, 59), t("Action Camera", 89, 399), t("E-Reader", 79, 199), t("Smart Plug", 9, 29)],
    features: ["30-hour battery life", "USB-C charging", "water resistance", "low-latency Bluetooth 5.3", "a companion app", "fast pairing", "a two-year warranty"],
    benefits: ["Built for commutes and long days.", "Sets up in under a minute.", "Small enough for any bag."],
  },
  {
    name: "Gaming",
    brands: ["Pixelforge", "Respawn Gear", "Critical Hit"],
    types: [t("Mechanical Keyboard", 49, 189), t("Gaming Mouse", 19, 99), t("Gaming Headset", 39, 199), t("Controller", 39, 79), t("Mouse Pad XL", 12, 39), t("Streaming Microphone", 49, 159), t("Gaming Chair", 149, 449), t("Capture Card", 89, 229)],
    features: ["RGB lighting", "hot-swappable switches", "a 1 ms response time", "a braided cable", "onboard memory profiles", "ergonomic shaping"],
    benefits: ["Made for long sessions.", "Tuned for competitive play.", "Plug in and play."],
  },
  {
    name: "Kitchen",
    brands: ["Copperline", "Maison Cook", "Forge & Flame"],
    types: [t("Chef's Knife", 29, 149), t("Cast Iron Skillet", 24, 89), t("Espresso Machine", 149, 649), t("Stand Mixer", 199, 499), t("Non-Stick Pan Set", 49, 179), t("Air Fryer", 69, 199), t("Pour-Over Coffee Set", 22, 59), t("Bamboo Cutting Board", 15, 45), t("Digital Kitchen Scale", 12, 35)],
    features: ["dishwasher-safe parts", "German steel", "an even-heat base", "a non-slip grip", "PFOA-free coating", "a 5-year guarantee"],
    benefits: ["A weeknight essential.", "Restaurant results at home.", "Built to last for decades."],
  },
  {
    name: "Home & Living",
    brands: ["Nordhaven", "Linen & Loom", "Casa Verde"],
    types: [t("Linen Duvet Cover", 69, 189), t("Scented Candle", 12, 39), t("Throw Blanket", 29, 99), t("Table Lamp", 39, 149), t("Wall Mirror", 49, 199), t("Storage Baskets (Set of 3)", 24, 69), t("Memory Foam Pillow", 29, 79), t("Ceramic Vase", 19, 59)],
    features: ["stonewashed linen", "hand-poured soy wax", "recycled materials", "a warm dimmable glow", "an oak finish", "machine-washable fabric"],
    benefits: ["Makes any room calmer.", "A thoughtful housewarming gift.", "Designed in Scandinavia."],
  },
  {
    name: "Garden & Outdoor",
    brands: ["Trailmark", "Greenthumb", "Northpeak"],
    types: [t("Hiking Backpack 30L", 59, 159), t("Camping Tent (2-Person)", 89, 299), t("Insulated Water Bottle", 19, 45), t("Raised Garden Bed", 49, 149), t("Pruning Shears", 15, 49), t("Headlamp", 15, 59), t("Sleeping Bag", 49, 199), t("Solar Garden Lights (8-Pack)", 19, 49), t("Camping Stove", 29, 99)],
    features: ["ripstop nylon", "a waterproof shell", "a lifetime warranty", "UV-resistant finish", "an ultralight frame", "double-wall insulation"],
    benefits: ["Ready for the weekend trail.", "Tested in Scottish weather.", "Packs down small."],
  },
  {
    name: "Sports & Fitness",
    brands: ["Stride", "Coreflex", "Peak Motion"],
    types: [t("Yoga Mat", 19, 89), t("Adjustable Dumbbells", 79, 349), t("Running Shoes", 69, 179), t("Resistance Bands Set", 12, 39), t("Foam Roller", 15, 45), t("Fitness Tracker", 39, 149), t("Jump Rope", 8, 29), t("Cycling Gloves", 15, 45)],
    features: ["a non-slip surface", "breathable mesh", "responsive cushioning", "heart-rate tracking", "sweat-wicking fabric", "a carry strap"],
    benefits: ["Train anywhere.", "Built for daily workouts.", "Recommended by physiotherapists."],
  },
  {
    name: "Clothing",
    brands: ["Arden & Co", "Urban Thread", "Wildweave"],
    types: [t("Merino Wool Sweater", 59, 149), t("Rain Jacket", 69, 199), t("Organic Cotton T-Shirt", 15, 39), t("Slim Fit Chinos", 39, 89), t("Leather Belt", 25, 69), t("Wool Beanie", 15, 35), t("Denim Jacket", 59, 139), t("Everyday Sneakers", 49, 129)],
    features: ["organic cotton", "recycled polyester", "a relaxed fit", "reinforced seams", "fair-trade production", "a water-repellent finish"],
    benefits: ["A wardrobe staple.", "Softens with every wash.", "Made to be worn for years."],
  },
  {
    name: "Beauty",
    brands: ["Lumière", "Pure Botanica", "Dewdrop"],
    types: [t("Vitamin C Serum", 19, 59), t("Hydrating Face Cream", 19, 69), t("Mineral Sunscreen SPF 50", 12, 35), t("Argan Hair Oil", 15, 39), t("Clay Face Mask", 12, 32), t("Eau de Parfum", 45, 129), t("Lip Balm Trio", 8, 19), t("Facial Cleanser", 12, 29)],
    features: ["hyaluronic acid", "cold-pressed oils", "no added fragrance", "vegan ingredients", "reef-safe filters", "recyclable packaging"],
    benefits: ["Dermatologist tested.", "Suits sensitive skin.", "A little goes a long way."],
  },
  {
    name: "Toys & Games",
    brands: ["Brightbox", "Tinker Town", "Playwise"],
    types: [t("Wooden Building Blocks", 19, 59), t("Strategy Board Game", 25, 69), t("1000-Piece Jigsaw Puzzle", 14, 29), t("Remote Control Car", 29, 99), t("Science Experiment Kit", 19, 49), t("Plush Bear", 12, 35), t("Card Game", 9, 25), t("Marble Run", 29, 79)],
    features: ["non-toxic paints", "FSC-certified wood", "rechargeable batteries", "illustrated instructions", "award-winning design", "pieces for 2–6 players"],
    benefits: ["Hours of screen-free fun.", "Great for family evenings.", "Ages 6 and up."],
  },
  {
    name: "Baby",
    brands: ["Little Nest", "Cuddle & Co", "Tiny Steps"],
    types: [t("Baby Carrier", 59, 149), t("Muslin Swaddles (3-Pack)", 19, 39), t("Bottle Set", 19, 49), t("Baby Monitor", 49, 199), t("Soft Play Mat", 29, 89), t("Changing Bag", 39, 99), t("Teething Toys", 8, 19), t("Travel Cot", 69, 179)],
    features: ["organic cotton", "BPA-free materials", "an adjustable fit", "a night-light mode", "machine-washable covers", "one-hand folding"],
    benefits: ["Loved by new parents.", "Safety tested to EU standards.", "Grows with your child."],
  },
  {
    name: "Books",
    brands: ["Harbor Press", "Quill House", "Lantern Books"],
    types: [t("Mystery Novel", 8, 18), t("Cookbook", 15, 35), t("Travel Guide", 12, 29), t("Illustrated Children's Book", 9, 19), t("Business Bestseller", 12, 25), t("Science Fiction Saga", 9, 22), t("Gardening Handbook", 14, 29), t("Poetry Collection", 9, 19)],
    features: ["a foreword by the author", "full-colour photography", "a hardback binding", "a new translation", "recipes for every season", "maps and itineraries"],
    benefits: ["A book-club favourite.", "Hard to put down.", "Perfect as a gift."],
  },
  {
    name: "Pet Supplies",
    brands: ["Pawsome", "Whisker & Tail", "Happy Hound"],
    types: [t("Orthopedic Dog Bed", 39, 129), t("Cat Scratching Post", 19, 69), t("Grain-Free Dog Food 10kg", 35, 69), t("Interactive Cat Toy", 9, 29), t("Reflective Dog Lead", 12, 29), t("Pet Grooming Brush", 9, 25), t("Automatic Pet Feeder", 49, 129), t("Dog Travel Bowl", 8, 19)],
    features: ["a washable cover", "natural ingredients", "a chew-resistant build", "reflective stitching", "a timer with portion control", "a non-slip base"],
    benefits: ["Vet approved.", "For pets big and small.", "Keeps them busy for hours."],
  },
];

export const VARIANTS = ["", "Pro", "Mini", "Plus", "Lite", "Classic", "Edition 2", "Max", "Essentials", "Studio"];
export const COLOURS = ["Black", "Slate", "Sand", "Forest", "Navy", "Cream", "Terracotta", "Sage", "Charcoal", "Ocean"];
