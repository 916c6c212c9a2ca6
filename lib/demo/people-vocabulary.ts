// Names and places for the demo customers. All invented combinations; e-mail addresses use the reserved
// example.com domain so the demo can never mail a real person.

export const FIRST_NAMES_F = ["Emma", "Olivia", "Sophie", "Amelia", "Isla", "Mia", "Hannah", "Lena", "Chloe", "Zoe", "Clara", "Julia", "Sara", "Eva", "Laura", "Nina", "Alice", "Maya", "Freya", "Ines", "Marta", "Anna", "Lucia", "Elif", "Priya", "Aisha", "Mei", "Ingrid", "Noor", "Camille"];
export const FIRST_NAMES_M = ["Oliver", "Noah", "Liam", "Lucas", "Leo", "Jack", "Harry", "Finn", "Max", "Elias", "Hugo", "Mateo", "Luca", "Felix", "Adam", "Tom", "Daniel", "Samuel", "Jonas", "Arjun", "Omar", "Kenji", "Lars", "Piotr", "Marco", "Pablo", "Ethan", "Theo", "Ben", "Karim"];
export const LAST_NAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Müller", "Schmidt", "Martin", "Bernard", "Dubois", "Rossi", "Russo", "García", "Fernández", "de Vries", "Jansen", "Andersson", "Nilsson", "Kowalski", "Nowak", "Murphy", "Kelly", "Patel", "Khan", "Silva", "Costa", "Novak", "Horvat", "Larsen", "Berg", "Evans", "Walker", "Wright", "Hughes", "Weber", "Fischer", "Moreau", "Ricci", "López", "Bakker"];

export interface CountryInfo {
  name: string;
  weight: number;
  cities: readonly string[];
}

export const COUNTRIES: readonly CountryInfo[] = [
  { name: "United Kingdom", weight: 34, cities: ["London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Edinburgh"] },
  { name: "Germany", weight: 14, cities: ["Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt"] },
  { name: "France", weight: 11, cities: ["Paris", "Lyon", "Marseille", "Toulouse", "Lille"] },
  { name: "Netherlands", weight: 7, cities: ["Amsterdam", "Rotterdam", "Utrecht", "The Hague"] },
  { name: "Spain", weight: 7, cities: ["Madrid", "Barcelona", "Valencia", "Seville"] },
  { name: "Italy", weight: 6, cities: ["Milan", "Rome", "Turin", "Bologna"] },
  { name: "Ireland", weight: 5, cities: ["Dublin", "Cork", "Galway"] },
  { name: "Sweden", weight: 4, cities: ["Stockholm", "Gothenburg", "Malmö"] },
  { name: "Poland", weight: 4, cities: ["Warsaw", "Kraków", "Wrocław"] },
  { name: "United States", weight: 8, cities: ["New York", "Chicago", "Austin", "Seattle", "Boston"] },
];

export const EDUCATION_LEVELS = ["Secondary", "Vocational", "Bachelor", "Master", "Doctorate"] as const;
