/**
 * A seeded synthetic UK household survey extract, for demos, tests and benchmarks.
 *
 *   npm run samples -- --rows 2000 --out public/samples/household-survey.csv --seed 20261125
 *
 * Every record is invented. Names are drawn from built-in lists; e-mail addresses use
 * the reserved example.com / example.net / example.org domains; telephone numbers come
 * from Ofcom's ranges reserved for drama (07700 900xxx, 020 7946 0xxx, 0113 496 0xxx ...),
 * so no value can reach a real person. Postcodes have a valid format and a real area for
 * their region, but the district and inward code are random.
 *
 * The generator works household by household. A household is placed in a region
 * (with Wales, Scotland and Northern Ireland over-sampled, as UK surveys do, and the
 * weights correcting for it), given an ethnic group from that region's shares, a size
 * of 1 to 6 and a composition: one adult, a couple, a couple or lone parent with
 * children, or two other adults. Members share the address, postcode, region, landline
 * and (mostly) the ethnic group and surname; a couple is married to each other or
 * cohabiting; children are single, aged at most 16 years under their youngest parent.
 * Employment and occupation depend on age, sex and region; income is log-normal on
 * occupation, age, sex and region, with heaping on round figures and about 2% refusals
 * coded -9 (more among high earners). Health conditions grow commoner with age.
 *
 * Survey date is 2026-06-30: ages and dates of birth agree at that date.
 * The sum of the weights is about 676 x rows, i.e. the UK population (67.6 million)
 * scaled by rows / 100,000.
 */
import { createRandom, type Random } from '../src/engine/random.ts';

export interface SampleOptions {
  rows: number;
  seed: number;
}

export const SAMPLE_HEADER = [
  'person_id',
  'hh_id',
  'full_name',
  'date_of_birth',
  'address',
  'postcode',
  'ni_number',
  'email',
  'phone',
  'age',
  'sex',
  'region',
  'occupation',
  'ethnicity',
  'marital_status',
  'household_size',
  'income',
  'health_condition',
  'weight',
] as const;

/** Survey reference date: ages are completed years on this day. */
export const SURVEY_DATE = { year: 2026, month: 6, day: 30 } as const;

// ---------------------------------------------------------------------------
// Small helpers

function at<T>(a: readonly T[], i: number): T {
  return a[i] as T;
}

/** Cumulative weights for a categorical draw. */
function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    s += at(weights, i);
    c[i] = s;
  }
  return c;
}

/** Index drawn with probability proportional to the weights behind `cum`. */
function draw(rng: Random, cum: Float64Array): number {
  const u = rng.next() * (cum[cum.length - 1] as number);
  for (let i = 0; i < cum.length - 1; i++) if (u < (cum[i] as number)) return i;
  return cum.length - 1;
}

function pick<T>(rng: Random, a: readonly T[]): T {
  return at(a, rng.nextInt(a.length));
}

function chance(rng: Random, p: number): boolean {
  return rng.next() < p;
}

/** Standard normal deviate (Box-Muller, one value per call). */
function normal(rng: Random): number {
  const u1 = 1 - rng.next(); // (0, 1]
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Integer uniform on lo..hi inclusive. */
function between(rng: Random, lo: number, hi: number): number {
  return lo + rng.nextInt(hi - lo + 1);
}

/** A field as RFC 4180 wants it: quoted only when it holds a comma, quote or line break. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ---------------------------------------------------------------------------
// Regions (ITL1), population (millions, mid-2022, rounded), sampling boost,
// postcode areas with their highest district number, landline drama ranges.

interface Region {
  name: string;
  population: number;
  boost: number;
  areas: readonly (readonly [string, number])[];
  landlines: readonly string[]; // prefix; three random digits follow
  incomeFactor: number;
  /** Shares of White, Asian, Black, Mixed, Other (2021/22 censuses, rounded). */
  ethnicity: readonly number[];
  /** Weight of the general first-name pool vs the regional pool among White people. */
  regionalNames: 'welsh' | 'scottish' | 'irish' | null;
}

const REGIONS: readonly Region[] = [
  {
    name: 'North East',
    population: 2.68,
    boost: 1,
    areas: [
      ['NE', 71],
      ['SR', 8],
      ['DH', 9],
      ['TS', 29],
      ['DL', 17],
    ],
    landlines: ['0191 498 0'],
    incomeFactor: 0.9,
    ethnicity: [93.0, 3.7, 1.0, 1.3, 1.0],
    regionalNames: null,
  },
  {
    name: 'North West',
    population: 7.52,
    boost: 1,
    areas: [
      ['M', 46],
      ['L', 40],
      ['WA', 16],
      ['WN', 8],
      ['BL', 9],
      ['OL', 16],
      ['SK', 23],
      ['PR', 26],
      ['BB', 18],
      ['FY', 8],
      ['LA', 23],
      ['CA', 28],
      ['CH', 66],
      ['CW', 12],
    ],
    landlines: ['0161 496 0', '0151 496 0'],
    incomeFactor: 0.94,
    ethnicity: [85.6, 8.3, 2.3, 2.3, 1.5],
    regionalNames: null,
  },
  {
    name: 'Yorkshire and The Humber',
    population: 5.54,
    boost: 1,
    areas: [
      ['LS', 29],
      ['BD', 24],
      ['HX', 7],
      ['HD', 9],
      ['WF', 17],
      ['S', 75],
      ['DN', 41],
      ['HU', 20],
      ['YO', 62],
      ['HG', 5],
    ],
    landlines: ['0113 496 0', '0114 496 0'],
    incomeFactor: 0.92,
    ethnicity: [85.3, 8.6, 2.0, 2.3, 1.8],
    regionalNames: null,
  },
  {
    name: 'East Midlands',
    population: 4.93,
    boost: 1,
    areas: [
      ['NG', 34],
      ['DE', 75],
      ['LE', 19],
      ['LN', 13],
      ['NN', 18],
    ],
    landlines: ['0115 496 0', '0116 496 0'],
    incomeFactor: 0.93,
    ethnicity: [85.7, 8.0, 2.5, 2.5, 1.3],
    regionalNames: null,
  },
  {
    name: 'West Midlands',
    population: 6.02,
    boost: 1,
    areas: [
      ['B', 98],
      ['CV', 47],
      ['WV', 16],
      ['WS', 15],
      ['DY', 14],
      ['ST', 21],
      ['TF', 13],
      ['WR', 15],
      ['HR', 9],
    ],
    landlines: ['0121 496 0'],
    incomeFactor: 0.94,
    ethnicity: [77.0, 13.0, 4.5, 3.0, 2.5],
    regionalNames: null,
  },
  {
    name: 'East of England',
    population: 6.4,
    boost: 1,
    areas: [
      ['CB', 25],
      ['CM', 24],
      ['CO', 16],
      ['IP', 33],
      ['NR', 35],
      ['PE', 38],
      ['SG', 19],
      ['AL', 10],
      ['LU', 7],
      ['SS', 17],
    ],
    landlines: ['01632 960'],
    incomeFactor: 1.04,
    ethnicity: [86.5, 5.3, 3.0, 2.9, 2.3],
    regionalNames: null,
  },
  {
    name: 'London',
    population: 8.87,
    boost: 1,
    areas: [
      ['E', 18],
      ['N', 22],
      ['SE', 28],
      ['SW', 20],
      ['W', 14],
      ['NW', 11],
      ['EC', 0],
      ['WC', 0],
      ['BR', 8],
      ['CR', 8],
      ['HA', 9],
      ['IG', 11],
      ['RM', 14],
      ['UB', 11],
      ['EN', 9],
      ['SM', 7],
    ],
    landlines: ['020 7946 0'],
    incomeFactor: 1.3,
    ethnicity: [53.8, 20.7, 13.5, 5.7, 6.3],
    regionalNames: null,
  },
  {
    name: 'South East',
    population: 9.38,
    boost: 1,
    areas: [
      ['BN', 45],
      ['GU', 52],
      ['RG', 45],
      ['OX', 49],
      ['SO', 53],
      ['PO', 41],
      ['ME', 20],
      ['CT', 21],
      ['TN', 40],
      ['RH', 20],
      ['MK', 46],
      ['HP', 23],
      ['SL', 9],
    ],
    landlines: ['0118 496 0'],
    incomeFactor: 1.1,
    ethnicity: [86.3, 7.0, 2.4, 2.8, 1.5],
    regionalNames: null,
  },
  {
    name: 'South West',
    population: 5.76,
    boost: 1,
    areas: [
      ['BS', 49],
      ['BA', 22],
      ['EX', 39],
      ['PL', 35],
      ['TQ', 14],
      ['TR', 27],
      ['TA', 24],
      ['GL', 56],
      ['SN', 26],
      ['BH', 31],
      ['DT', 11],
      ['SP', 11],
    ],
    landlines: ['0117 496 0'],
    incomeFactor: 0.96,
    ethnicity: [93.1, 2.3, 1.1, 2.2, 1.3],
    regionalNames: null,
  },
  {
    name: 'Wales',
    population: 3.13,
    boost: 1.6,
    areas: [
      ['CF', 83],
      ['SA', 73],
      ['NP', 44],
      ['LL', 78],
      ['LD', 8],
      ['SY', 25],
    ],
    landlines: ['029 2018 0'],
    incomeFactor: 0.9,
    ethnicity: [93.8, 2.9, 0.9, 1.6, 0.8],
    regionalNames: 'welsh',
  },
  {
    name: 'Scotland',
    population: 5.45,
    boost: 1.4,
    areas: [
      ['EH', 55],
      ['G', 84],
      ['AB', 56],
      ['DD', 11],
      ['KY', 16],
      ['FK', 21],
      ['PA', 80],
      ['IV', 56],
      ['KA', 30],
      ['ML', 12],
      ['DG', 16],
      ['TD', 15],
      ['PH', 50],
      ['KW', 17],
    ],
    landlines: ['0131 496 0', '0141 496 0'],
    incomeFactor: 0.98,
    ethnicity: [92.9, 3.9, 1.2, 1.1, 0.9],
    regionalNames: 'scottish',
  },
  {
    name: 'Northern Ireland',
    population: 1.92,
    boost: 1.8,
    areas: [['BT', 94]],
    landlines: ['028 9649 6'],
    incomeFactor: 0.9,
    ethnicity: [96.6, 1.1, 0.6, 1.0, 0.7],
    regionalNames: 'irish',
  },
];

/** Postcode areas used for each region, by region name. */
export const REGION_POSTCODE_AREAS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  REGIONS.map((r) => [r.name, r.areas.map(([area]) => area)]),
);

const UK_POPULATION = REGIONS.reduce((s, r) => s + r.population, 0);
/** Mean weight: the UK population scaled by rows / 100,000. */
const MEAN_WEIGHT = (UK_POPULATION * 1e6) / 100_000;
const REGION_SAMPLE_CUM = cumulative(REGIONS.map((r) => r.population * r.boost));
const SAMPLE_TOTAL = REGIONS.reduce((s, r) => s + r.population * r.boost, 0);
/** Household base weight per region: population share / sample share. */
const REGION_WEIGHT = REGIONS.map((r) => (MEAN_WEIGHT * (r.population / UK_POPULATION)) / ((r.population * r.boost) / SAMPLE_TOTAL));
const REGION_ETHNIC_CUM = REGIONS.map((r) => cumulative(r.ethnicity));

const ETHNICITIES = ['White', 'Asian', 'Black', 'Mixed', 'Other'] as const;
const WHITE = 0;
const ASIAN = 1;
const BLACK = 2;
const MIXED = 3;
const OTHER = 4;

// ---------------------------------------------------------------------------
// Postcodes

/** Letters allowed in the inward code's last two places. */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
/** Sub-district letters for central London (EC1A, WC2N ...). */
const EC_DISTRICTS = [
  'EC1A',
  'EC1M',
  'EC1N',
  'EC1R',
  'EC1V',
  'EC1Y',
  'EC2A',
  'EC2M',
  'EC2N',
  'EC2R',
  'EC2V',
  'EC2Y',
  'EC3A',
  'EC3M',
  'EC3N',
  'EC3R',
  'EC3V',
  'EC4A',
  'EC4M',
  'EC4N',
  'EC4R',
  'EC4V',
  'EC4Y',
];
const WC_DISTRICTS = ['WC1A', 'WC1B', 'WC1E', 'WC1H', 'WC1N', 'WC1R', 'WC1V', 'WC1X', 'WC2A', 'WC2B', 'WC2E', 'WC2H', 'WC2N', 'WC2R'];

function makePostcode(rng: Random, region: Region): string {
  const [area, maxDistrict] = pick(rng, region.areas);
  let outward: string;
  if (area === 'EC') outward = pick(rng, EC_DISTRICTS);
  else if (area === 'WC') outward = pick(rng, WC_DISTRICTS);
  else outward = area + between(rng, 1, maxDistrict);
  const inward =
    String(rng.nextInt(10)) + INWARD_LETTERS.charAt(rng.nextInt(INWARD_LETTERS.length)) + INWARD_LETTERS.charAt(rng.nextInt(INWARD_LETTERS.length));
  return outward + ' ' + inward;
}

// ---------------------------------------------------------------------------
// Addresses

const STREET_NAMES = [
  'Church',
  'Station',
  'Victoria',
  'Park',
  'Mill',
  'High',
  'Queens',
  'Kings',
  'Albert',
  'Manor',
  'Grange',
  'Windsor',
  'Green',
  'Chapel',
  'School',
  'Springfield',
  'Alexandra',
  'York',
  'Orchard',
  'Meadow',
  'Beech',
  'Oak',
  'Elm',
  'Willow',
  'Cedar',
  'Highfield',
  'Westfield',
  'North',
  'South',
  'New',
  'Broad',
  'London',
  'Market',
  'Bridge',
  'Castle',
  'Derwent',
  'Clarence',
  'Marlborough',
  'Hawthorn',
  'Riverside',
  'Heather',
  'Glebe',
];
const STREET_TYPES = ['Road', 'Street', 'Avenue', 'Lane', 'Close', 'Drive', 'Crescent', 'Way', 'Gardens', 'Terrace', 'Place', 'Grove'];
const STREET_TYPE_CUM = cumulative([30, 22, 10, 9, 8, 6, 4, 3, 3, 2, 2, 1]);

function makeAddress(rng: Random): string {
  const n = chance(rng, 0.7) ? between(rng, 1, 80) : between(rng, 1, 260);
  return n + ' ' + pick(rng, STREET_NAMES) + ' ' + at(STREET_TYPES, draw(rng, STREET_TYPE_CUM));
}

// ---------------------------------------------------------------------------
// Names

interface NamePool {
  male: readonly string[];
  female: readonly string[];
}

const NAMES_OLD: NamePool = {
  male: ['John', 'David', 'Michael', 'Peter', 'Robert', 'Brian', 'Alan', 'Keith', 'Colin', 'Roger', 'Kenneth', 'Graham'],
  female: ['Margaret', 'Patricia', 'Susan', 'Christine', 'Janet', 'Barbara', 'Jean', 'Brenda', 'Linda', 'Carol', 'Pauline', 'Sheila'],
};
const NAMES_MIDDLE: NamePool = {
  male: ['Paul', 'Mark', 'Andrew', 'Richard', 'James', 'Stephen', 'Daniel', 'Matthew', 'Christopher', 'Lee', 'Craig', 'Simon'],
  female: ['Sarah', 'Emma', 'Claire', 'Nicola', 'Lisa', 'Karen', 'Helen', 'Rachel', 'Joanne', 'Michelle', 'Louise', 'Gemma'],
};
const NAMES_YOUNG: NamePool = {
  male: ['Oliver', 'George', 'Harry', 'Jack', 'Noah', 'Charlie', 'Leo', 'Jacob', 'Thomas', 'Alfie', 'Oscar', 'Freddie'],
  female: ['Olivia', 'Amelia', 'Ava', 'Emily', 'Sophie', 'Grace', 'Chloe', 'Jessica', 'Lily', 'Mia', 'Ella', 'Poppy'],
};
const NAMES_WELSH: NamePool = {
  male: ['Rhys', 'Dylan', 'Gareth', 'Owain', 'Iwan', 'Dafydd'],
  female: ['Cerys', 'Sian', 'Ffion', 'Megan', 'Carys', 'Nia'],
};
const NAMES_SCOTTISH: NamePool = {
  male: ['Callum', 'Hamish', 'Ewan', 'Angus', 'Fraser', 'Alasdair'],
  female: ['Fiona', 'Ailsa', 'Morag', 'Kirsty', 'Eilidh', 'Isla'],
};
const NAMES_IRISH: NamePool = {
  male: ['Ciaran', 'Padraig', 'Sean', 'Eoin', 'Conor', 'Declan'],
  female: ['Niamh', 'Siobhan', 'Aoife', 'Roisin', 'Orla', 'Caoimhe'],
};
const NAMES_SOUTH_ASIAN: NamePool = {
  male: ['Mohammed', 'Ali', 'Arjun', 'Rahul', 'Imran', 'Hassan', 'Aarav', 'Sanjay', 'Ravi', 'Amir'],
  female: ['Priya', 'Aisha', 'Fatima', 'Zara', 'Ayesha', 'Anjali', 'Sunita', 'Nadia', 'Simran', 'Maryam'],
};
const NAMES_AFRICAN: NamePool = {
  male: ['Kwame', 'Chinedu', 'Tunde', 'Oluwaseun', 'Kofi', 'Emeka', 'Abdi'],
  female: ['Abena', 'Chiamaka', 'Adaeze', 'Amara', 'Ngozi', 'Folake', 'Hodan'],
};
const NAMES_OTHER: NamePool = {
  male: ['Wei', 'Jun', 'Omar', 'Ahmad', 'Minh', 'Yusuf'],
  female: ['Mei', 'Ling', 'Layla', 'Yasmin', 'Linh', 'Noor'],
};
const NAMES_EUROPEAN: NamePool = {
  male: ['Piotr', 'Tomasz', 'Krzysztof', 'Andrei', 'Marco'],
  female: ['Agnieszka', 'Katarzyna', 'Anna', 'Ioana', 'Giulia'],
};

const SURNAMES_ENGLISH = [
  'Smith',
  'Taylor',
  'Brown',
  'Wilson',
  'Johnson',
  'Walker',
  'Wright',
  'Robinson',
  'Thompson',
  'White',
  'Edwards',
  'Green',
  'Hall',
  'Wood',
  'Harris',
  'Clarke',
  'Jackson',
  'Turner',
  'Hill',
  'Moore',
  'Cooper',
  'Ward',
  'Baker',
  'King',
  'Harrison',
  'Morris',
  'Martin',
  'Allen',
  'Shaw',
  'Bennett',
];
const SURNAMES_WELSH = ['Jones', 'Davies', 'Williams', 'Evans', 'Thomas', 'Roberts', 'Lewis', 'Morgan', 'Griffiths', 'Price', 'Pritchard', 'Hughes'];
const SURNAMES_SCOTTISH = ['Macdonald', 'Campbell', 'Stewart', 'Robertson', 'Murray', 'MacLeod', 'Fraser', 'Reid', 'Paterson', 'Ross'];
const SURNAMES_IRISH = ["O'Neill", 'Murphy', 'Kelly', 'McLaughlin', 'Doherty', 'Quinn', 'Gallagher', "O'Brien", 'Byrne', 'McCann'];
const SURNAMES_SOUTH_ASIAN = ['Khan', 'Patel', 'Ahmed', 'Singh', 'Hussain', 'Shah', 'Ali', 'Iqbal', 'Chaudhry', 'Sharma', 'Rahman', 'Islam'];
const SURNAMES_AFRICAN = ['Okafor', 'Adeyemi', 'Mensah', 'Okoye', 'Osei', 'Abiodun', 'Nwosu', 'Asante', 'Farah', 'Mohamed'];
const SURNAMES_OTHER = ['Chen', 'Wang', 'Li', 'Nguyen', 'Zhang', 'Haddad'];
const SURNAMES_EUROPEAN = ['Kowalski', 'Nowak', 'Wisniewski', 'Popescu', 'Silva', 'Rossi'];

/** Surname pools: 0 English, 1 Welsh, 2 Scottish, 3 Irish, 4 South Asian, 5 African, 6 Other, 7 European. */
const SURNAME_POOLS = [
  SURNAMES_ENGLISH,
  SURNAMES_WELSH,
  SURNAMES_SCOTTISH,
  SURNAMES_IRISH,
  SURNAMES_SOUTH_ASIAN,
  SURNAMES_AFRICAN,
  SURNAMES_OTHER,
  SURNAMES_EUROPEAN,
] as const;
const FIRST_NAME_POOLS: readonly (NamePool | null)[] = [
  null, // English: by generation
  NAMES_WELSH,
  NAMES_SCOTTISH,
  NAMES_IRISH,
  NAMES_SOUTH_ASIAN,
  NAMES_AFRICAN,
  NAMES_OTHER,
  NAMES_EUROPEAN,
];

/** The heritage pool (index into SURNAME_POOLS) for a person of this ethnicity in this region. */
function namePool(rng: Random, region: Region, ethnicity: number): number {
  const u = rng.next();
  switch (ethnicity) {
    case ASIAN:
      return u < 0.85 ? 4 : 0;
    case BLACK:
      return u < 0.55 ? 5 : u < 0.95 ? 0 : 1 + rng.nextInt(3);
    case OTHER:
      return u < 0.65 ? 6 : u < 0.8 ? 7 : 0;
    case MIXED:
      return u < 0.15 ? 4 : u < 0.3 ? 5 : u < 0.35 ? 6 : 0;
    default: {
      const regional = region.regionalNames;
      if (regional === 'welsh' && u < 0.35) return 1;
      if (regional === 'scottish' && u < 0.35) return 2;
      if (regional === 'irish' && u < 0.5) return 3;
      const v = rng.next();
      if (v < 0.04) return 7;
      if (v < 0.08) return 3;
      if (v < 0.11) return 2;
      if (v < 0.15) return 1;
      return 0;
    }
  }
}

function firstName(rng: Random, pool: number, male: boolean, birthYear: number): string {
  // A third of people carry a name from the general British lists whatever their heritage pool.
  let p = pool !== 0 && chance(rng, pool <= 3 ? 0.5 : 0.15) ? null : at(FIRST_NAME_POOLS, pool);
  if (p === null) {
    p = birthYear < 1962 ? NAMES_OLD : birthYear < 1992 ? NAMES_MIDDLE : NAMES_YOUNG;
    // Names drift between generations.
    if (chance(rng, 0.2)) p = birthYear < 1977 ? NAMES_MIDDLE : birthYear < 2005 ? pick(rng, [NAMES_OLD, NAMES_YOUNG]) : NAMES_MIDDLE;
  }
  return pick(rng, male ? p.male : p.female);
}

// ---------------------------------------------------------------------------
// Identifiers

/** First letters allowed in an NI number prefix (not D, F, I, Q, U, V). */
const NI_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
/** Second letters allowed (not D, F, I, O, Q, U, V). */
const NI_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NI_EXCLUDED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NI_PREFIXES: readonly string[] = (() => {
  const out: string[] = [];
  for (const a of NI_FIRST) for (const b of NI_SECOND) if (!NI_EXCLUDED.has(a + b)) out.push(a + b);
  return out;
})();

function makeNiNumber(rng: Random, used: Set<number>): string {
  for (;;) {
    const prefix = rng.nextInt(NI_PREFIXES.length);
    const digits = rng.nextInt(1_000_000);
    const suffix = rng.nextInt(4);
    // The suffix does not tell two numbers apart; the key stays a small integer.
    const code = prefix * 1_000_000 + digits;
    if (used.has(code)) continue;
    used.add(code);
    return at(NI_PREFIXES, prefix) + pad(digits, 6) + 'ABCD'.charAt(suffix);
  }
}

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com', 'post.example.net'];

function makeEmail(rng: Random, first: string, last: string, birthYear: number): string {
  const f = first.toLowerCase().replace(/[^a-z]/g, '');
  const l = last.toLowerCase().replace(/[^a-z]/g, '');
  const u = rng.next();
  let local: string;
  if (u < 0.35) local = f + '.' + l;
  else if (u < 0.55) local = f + l + between(rng, 1, 99);
  else if (u < 0.7) local = f.charAt(0) + '.' + l;
  else if (u < 0.85) local = f + '_' + l + birthYear;
  else local = f + (birthYear % 100 < 10 ? '0' : '') + (birthYear % 100);
  return local + '@' + pick(rng, EMAIL_DOMAINS);
}

/** A mobile number from Ofcom's drama range, written in one of the usual ways. */
function makeMobile(rng: Random): string {
  const tail = pad(rng.nextInt(1000), 3);
  const u = rng.next();
  if (u < 0.6) return '07700 900' + tail;
  if (u < 0.85) return '07700900' + tail;
  return '+44 7700 900' + tail;
}

function makeLandline(rng: Random, region: Region): string {
  const s = pick(rng, region.landlines) + pad(rng.nextInt(1000), 3);
  return chance(rng, 0.8) ? s : s.replace(/ /g, '');
}

// ---------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;

/** A date of birth giving completed age `age` on the survey date (30/06/2026). */
function dateOfBirth(rng: Random, age: number): { text: string; year: number } {
  // Born from 1 July (2025 - age) to 30 June (2026 - age) inclusive.
  const start = Date.UTC(SURVEY_DATE.year - 1 - age, SURVEY_DATE.month, SURVEY_DATE.day + 1);
  const end = Date.UTC(SURVEY_DATE.year - age, SURVEY_DATE.month - 1, SURVEY_DATE.day);
  const days = Math.round((end - start) / DAY_MS) + 1;
  const d = new Date(start + rng.nextInt(days) * DAY_MS);
  const year = d.getUTCFullYear();
  return { text: pad(d.getUTCDate(), 2) + '/' + pad(d.getUTCMonth() + 1, 2) + '/' + year, year };
}

// ---------------------------------------------------------------------------
// Occupation, income, health, marital status

const OCCUPATIONS = [
  'Managers, directors and senior officials',
  'Professional occupations',
  'Associate professional occupations',
  'Administrative and secretarial occupations',
  'Skilled trades occupations',
  'Caring, leisure and other service occupations',
  'Sales and customer service occupations',
  'Process, plant and machine operatives',
  'Elementary occupations',
] as const;
const NOT_EMPLOYED = 'Not in employment';
const OCCUPATIONS_CSV = OCCUPATIONS.map(csvField);
const NOT_EMPLOYED_CSV = csvField(NOT_EMPLOYED);
/** Shares of the employed by SOC 2020 major group. */
const OCC_BASE = [11, 26, 15, 10, 10, 8, 7, 6, 10];
const OCC_MALE = [1.3, 1.0, 1.05, 0.45, 1.8, 0.35, 0.75, 1.75, 1.1];
const OCC_FEMALE = [0.75, 1.0, 0.95, 1.6, 0.2, 1.7, 1.25, 0.25, 0.9];
const OCC_YOUNG = [0.15, 0.45, 0.8, 1.0, 0.9, 1.8, 3.5, 0.9, 2.5]; // aged 16-24
const OCC_LONDON = [1.25, 1.35, 1.2, 0.9, 0.7, 0.8, 0.8, 0.6, 0.85];
/** Median annual gross pay by group (pounds, full- and part-time together). */
const OCC_MEDIAN = [52000, 46000, 38000, 26000, 33000, 20000, 19000, 30000, 17000];

const occCumCache = new Map<number, Float64Array>();
function occupationCum(male: boolean, young: boolean, london: boolean): Float64Array {
  const key = (male ? 1 : 0) + (young ? 2 : 0) + (london ? 4 : 0);
  let c = occCumCache.get(key);
  if (!c) {
    c = cumulative(OCC_BASE.map((b, i) => b * at(male ? OCC_MALE : OCC_FEMALE, i) * (young ? at(OCC_YOUNG, i) : 1) * (london ? at(OCC_LONDON, i) : 1)));
    occCumCache.set(key, c);
  }
  return c;
}

function employmentRate(age: number, male: boolean): number {
  if (age < 16) return 0;
  if (age < 18) return 0.22;
  if (age < 22) return 0.55;
  if (age < 25) return 0.72;
  if (age < 50) return male ? 0.88 : 0.78;
  if (age < 60) return male ? 0.82 : 0.74;
  if (age < 65) return male ? 0.6 : 0.5;
  if (age < 70) return 0.22;
  if (age < 75) return 0.1;
  return 0.03;
}

/** Annual gross personal income, before heaping; age 16+. */
function rawIncome(rng: Random, age: number, male: boolean, occ: number, region: Region): number {
  if (occ >= 0) {
    const ageFactor = Math.exp(-0.55 * ((age - 47) / 22) ** 2);
    const median = at(OCC_MEDIAN, occ) * ageFactor * (male ? 1.08 : 0.88) * region.incomeFactor;
    return median * Math.exp(0.45 * normal(rng));
  }
  if (age >= 66 || (age >= 60 && chance(rng, 0.5))) {
    // State and private pensions.
    return 12500 * region.incomeFactor ** 0.5 * Math.exp(0.45 * normal(rng));
  }
  if (age < 18 || chance(rng, 0.4)) return chance(rng, 0.85) ? 0 : 800 * Math.exp(0.6 * normal(rng));
  // Benefits, maintenance, occasional work.
  return 6000 * Math.exp(0.7 * normal(rng));
}

/** Respondents round: to the nearest 1,000 or 100 most of the time. */
function heap(rng: Random, x: number): number {
  const u = rng.next();
  if (x >= 5000 && u < 0.4) return Math.round(x / 1000) * 1000;
  if (u < 0.8) return Math.round(x / 100) * 100;
  return Math.round(x);
}

const HEALTH = ['None', 'Asthma', 'Depression', 'Diabetes', 'Heart disease', 'Cancer', 'Arthritis'] as const;

/** Probability of each condition (after "None") by age band. */
function healthCondition(rng: Random, age: number, male: boolean): string {
  let p: readonly number[];
  if (age < 12) p = [0.08, 0, 0.002, 0, 0.001, 0];
  else if (age < 18) p = [0.08, 0.05, 0.004, 0, 0.001, 0.001];
  else if (age < 40) p = [0.07, 0.09, 0.02, 0.005, 0.005, 0.01];
  else if (age < 60) p = [0.065, 0.09, 0.06, 0.025, 0.015, 0.05];
  else if (age < 75) p = [0.06, 0.07, 0.12, 0.08, 0.04, 0.12];
  else p = [0.06, 0.06, 0.14, 0.15, 0.06, 0.16];
  let u = rng.next();
  for (let i = 0; i < p.length; i++) {
    let q = at(p, i);
    if (i === 1) q *= male ? 0.7 : 1.3; // depression
    if (i === 3) q *= male ? 1.35 : 0.65; // heart disease
    if (u < q) return at(HEALTH, i + 1);
    u -= q;
  }
  return 'None';
}

const MARITAL = ['Single', 'Married or civil partnership', 'Divorced', 'Widowed', 'Separated'] as const;
const SINGLE = 0;
const MARRIED = 1;
const DIVORCED = 2;

/** Legal marital status of an adult not living with a partner. */
const MARITAL_ALONE_CUM: readonly (readonly [number, Float64Array])[] = [
  [30, cumulative([95, 1, 2, 0, 2])],
  [50, cumulative([55, 4, 24, 2, 15])],
  [65, cumulative([30, 5, 40, 15, 10])],
  [80, cumulative([14, 7, 25, 51, 3])],
  [200, cumulative([9, 3, 12, 75, 1])],
];

function maritalAlone(rng: Random, age: number): number {
  if (age < 18) return SINGLE;
  for (const [upTo, cum] of MARITAL_ALONE_CUM) if (age < upTo) return draw(rng, cum);
  return SINGLE;
}

/** Status of one cohabiting (not married) partner. */
function maritalCohabiting(rng: Random, age: number): number {
  if (age >= 35 && chance(rng, 0.3)) return DIVORCED;
  if (age >= 30 && chance(rng, 0.05)) return 4; // separated from someone else
  return SINGLE;
}

// ---------------------------------------------------------------------------
// Households

const HH_SIZE_CUM = cumulative([31, 36, 15, 12.5, 4, 1.5]);
const HH_SIZE_CUM_LARGE = cumulative([18, 25, 19, 20, 11, 7]);

interface Member {
  age: number;
  male: boolean;
  marital: number;
  pool: number;
  surname: string;
  ethnicity: number;
}

/** Age of a person living alone. */
function ageAlone(rng: Random): number {
  const u = rng.next();
  if (u < 0.28) return between(rng, 18, 44);
  if (u < 0.58) return between(rng, 45, 64);
  return oldAge(rng);
}

/** An age of 65 to 95 with density falling with age. */
function oldAge(rng: Random): number {
  return 65 + Math.min(rng.nextInt(31), rng.nextInt(31));
}

/** Children's ages under a youngest parent aged `parentAge`, oldest first. */
function childAges(rng: Random, count: number, parentAge: number): number[] {
  const maxChild = Math.min(30, parentAge - 16);
  const ages: number[] = [];
  for (let c = 0; c < count; c++) {
    const motherAgeAtBirth = 19 + rng.nextInt(12) + rng.nextInt(12); // 19..41, peak near 30
    let a = clamp(parentAge - motherAgeAtBirth, 0, maxChild);
    if (a >= 18 && chance(rng, a >= 25 ? 0.6 : 0.2)) a = rng.nextInt(Math.min(18, maxChild + 1));
    ages.push(a);
  }
  return ages.sort((x, y) => y - x);
}

/** Age of the youngest parent of `count` children. */
function parentAge(rng: Random): number {
  return clamp(Math.round(43 + 9 * normal(rng)), 20, 70);
}

function partnerAge(rng: Random, age: number, refMale: boolean, minAge: number): number {
  const gap = Math.round(2 + 4 * normal(rng));
  return clamp(refMale ? age - gap : age + gap, Math.max(18, minAge), 95);
}

function buildHousehold(rng: Random, size: number, region: Region, ethnicity: number): Member[] {
  const regionEthCum = REGION_ETHNIC_CUM[REGIONS.indexOf(region)] as Float64Array;
  const refPool = namePool(rng, region, ethnicity);
  const refSurname = pick(rng, at(SURNAME_POOLS, refPool));
  const members: Member[] = [];
  const adult = (age: number, male: boolean, marital: number, eth: number, pool: number, surname: string): Member => {
    const m: Member = { age, male, marital, pool, surname, ethnicity: eth };
    members.push(m);
    return m;
  };

  let kind: 'alone' | 'couple' | 'lone' | 'others';
  if (size === 1) kind = 'alone';
  else if (size === 2) {
    const u = rng.next();
    kind = u < 0.7 ? 'couple' : u < 0.82 ? 'lone' : 'others';
  } else kind = chance(rng, 0.78) ? 'couple' : 'lone';

  if (kind === 'alone') {
    const age = ageAlone(rng);
    const male = chance(rng, age >= 65 ? 0.34 : 0.55);
    adult(age, male, maritalAlone(rng, age), ethnicity, refPool, refSurname);
    return members;
  }

  if (kind === 'others') {
    if (chance(rng, 0.5)) {
      // Two sharers, unrelated.
      for (let i = 0; i < 2; i++) {
        const eth = i === 0 || chance(rng, 0.75) ? ethnicity : draw(rng, regionEthCum);
        const pool = i === 0 ? refPool : namePool(rng, region, eth);
        const age = between(rng, 19, 38);
        adult(age, chance(rng, 0.5), maritalAlone(rng, age), eth, pool, i === 0 ? refSurname : pick(rng, at(SURNAME_POOLS, pool)));
      }
    } else {
      // A parent with a grown-up son or daughter.
      const age = between(rng, 44, 88);
      adult(age, chance(rng, 0.3), maritalAlone(rng, age), ethnicity, refPool, refSurname);
      const childAge = clamp(between(rng, 18, 45), 18, age - 18);
      adult(childAge, chance(rng, 0.55), childAge < 30 ? SINGLE : maritalAlone(rng, childAge), ethnicity, refPool, refSurname);
    }
    return members;
  }

  const nChildren = kind === 'couple' ? size - 2 : size - 1;
  let youngestParent: number;
  if (nChildren === 0) {
    const u = rng.next();
    youngestParent = u < 0.22 ? between(rng, 22, 40) : u < 0.55 ? between(rng, 41, 64) : oldAge(rng);
  } else youngestParent = parentAge(rng);
  const kids = childAges(rng, nChildren, youngestParent);
  const oldestKid = kids.length ? (kids[0] as number) : 0;

  if (kind === 'lone') {
    const male = chance(rng, 0.1);
    adult(youngestParent, male, maritalAlone(rng, youngestParent), ethnicity, refPool, refSurname);
  } else {
    const refMale = chance(rng, 0.5);
    const sameSex = chance(rng, 0.025);
    const partnerMale = sameSex ? refMale : !refMale;
    const a2 = partnerAge(rng, youngestParent, refMale, nChildren ? oldestKid + 17 : 18);
    const married = chance(rng, youngestParent < 35 ? 0.5 : youngestParent < 55 ? 0.75 : 0.88);
    const partnerEth = chance(rng, 0.9) ? ethnicity : draw(rng, regionEthCum);
    const partnerPool = partnerEth === ethnicity && chance(rng, 0.8) ? refPool : namePool(rng, region, partnerEth);
    const partnerSurname = married && chance(rng, 0.85) ? refSurname : pick(rng, at(SURNAME_POOLS, partnerPool));
    adult(youngestParent, refMale, married ? MARRIED : maritalCohabiting(rng, youngestParent), ethnicity, refPool, refSurname);
    adult(a2, partnerMale, married ? MARRIED : maritalCohabiting(rng, a2), partnerEth, partnerPool, partnerSurname);
  }

  const p1 = members[0] as Member;
  const p2 = members[1] ?? p1;
  for (const age of kids) {
    let eth = p1.ethnicity;
    if (p2.ethnicity !== p1.ethnicity) eth = chance(rng, 0.7) ? MIXED : pick(rng, [p1.ethnicity, p2.ethnicity]);
    const surname = chance(rng, 0.85) ? p1.surname : p2.surname;
    const pool = chance(rng, 0.5) ? p1.pool : p2.pool;
    members.push({ age, male: chance(rng, 0.512), marital: SINGLE, pool, surname, ethnicity: eth });
  }
  return members;
}

// ---------------------------------------------------------------------------
// Generation

/** Generate the CSV text in pieces (header first), each ending in '\n'. */
export function generateSample(options: SampleOptions, emit: (chunk: string) => void): void {
  const { rows, seed } = options;
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  const rng = createRandom(seed);
  const idWidth = Math.max(7, String(rows).length);
  const hhWidth = Math.max(6, String(rows).length);
  const usedNi = new Set<number>();

  emit(SAMPLE_HEADER.join(',') + '\n');
  const CHUNK_ROWS = 20_000;
  let lines: string[] = [];
  let person = 0;
  let household = 0;

  while (person < rows) {
    household++;
    const regionIndex = draw(rng, REGION_SAMPLE_CUM);
    const region = at(REGIONS, regionIndex);
    const ethnicity = draw(rng, REGION_ETHNIC_CUM[regionIndex] as Float64Array);
    const size = Math.min(rows - person, 1 + draw(rng, ethnicity === WHITE ? HH_SIZE_CUM : HH_SIZE_CUM_LARGE));
    const members = buildHousehold(rng, size, region, ethnicity);

    const hhId = 'H' + pad(household, hhWidth);
    const address = csvField(makeAddress(rng));
    const postcode = makePostcode(rng, region);
    const landline = makeLandline(rng, region);
    const hasLandline = chance(rng, 0.55);
    const hhWeight = at(REGION_WEIGHT, regionIndex) * Math.exp(0.22 * normal(rng) - 0.5 * 0.22 * 0.22);

    for (const m of members) {
      person++;
      const { age, male } = m;
      const dob = dateOfBirth(rng, age);
      const first = firstName(rng, m.pool, male, dob.year);
      const fullName = csvField(first + ' ' + m.surname);
      const ni = age >= 16 ? makeNiNumber(rng, usedNi) : '';

      let email = '';
      const emailRate = age < 13 ? 0 : age < 16 ? 0.3 : age < 65 ? 0.88 : age < 80 ? 0.65 : 0.35;
      if (chance(rng, emailRate)) email = csvField(makeEmail(rng, first, m.surname, dob.year));

      let phone = '';
      const u = rng.next();
      if (age >= 11 && age < 16) phone = u < 0.5 ? makeMobile(rng) : '';
      else if (age >= 16) {
        const mobileRate = age < 70 ? 0.78 : age < 80 ? 0.5 : 0.3;
        if (u < mobileRate) phone = makeMobile(rng);
        else if (hasLandline && u < mobileRate + (1 - mobileRate) * 0.8) phone = landline;
      }

      let occ = -1;
      if (chance(rng, employmentRate(age, male))) occ = draw(rng, occupationCum(male, age < 25, region.name === 'London'));

      let income = '';
      if (age >= 16) {
        const x = heap(rng, rawIncome(rng, age, male, occ, region));
        income = chance(rng, x > 60000 ? 0.05 : 0.018) ? '-9' : String(x);
      }

      let weight = hhWeight;
      if (age >= 18 && age < 35) weight *= male ? 1.12 : 1.05;
      else if (age >= 70) weight *= 0.95;
      weight = clamp(weight, 100, 2000);

      lines.push(
        [
          'P' + pad(person, idWidth),
          hhId,
          fullName,
          dob.text,
          address,
          postcode,
          ni,
          email,
          phone,
          age,
          male ? 'Male' : 'Female',
          region.name,
          occ >= 0 ? at(OCCUPATIONS_CSV, occ) : NOT_EMPLOYED_CSV,
          at(ETHNICITIES, m.ethnicity),
          at(MARITAL, m.marital),
          size,
          income,
          healthCondition(rng, age, male),
          weight.toFixed(2),
        ].join(','),
      );
      if (lines.length >= CHUNK_ROWS) {
        emit(lines.join('\n') + '\n');
        lines = [];
      }
    }
  }
  if (lines.length) emit(lines.join('\n') + '\n');
}

/** The whole sample as CSV text: header line, then one line per person, '\n' line ends. */
export function makeSampleCsv(options: SampleOptions): string {
  const chunks: string[] = [];
  generateSample(options, (c) => chunks.push(c));
  return chunks.join('');
}

// ---------------------------------------------------------------------------
// Command line

interface CliOptions extends SampleOptions {
  out: string;
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { rows: 2000, seed: 20261125, out: 'public/samples/household-survey.csv' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') continue;
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    if (name === '--rows' || name === '--seed') {
      const v = value();
      const n = Number(v);
      if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got "${v}"`);
      if (name === '--rows') {
        if (n < 0) throw new Error('--rows must not be negative');
        opts.rows = n;
      } else opts.seed = n;
    } else if (name === '--out') opts.out = value();
    else if (name === '--help' || name === '-h') {
      console.log('usage: npm run samples -- [--rows 2000] [--seed 20261125] [--out public/samples/household-survey.csv]');
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  return opts;
}
