/**
 * Writes the demo's sample lead lists, campaigns/sample-lists/{ru,us}-collections.csv.
 * Run: npx tsx scripts/generate-sample-lists.ts
 *
 * Deterministic: a seeded PRNG (mulberry32), no clock, no Math.random, so a re-run gives the same
 * bytes and a diff shows only real changes. Everyone in the lists is made up: names are drawn from
 * lists of common first names and surnames; US numbers are in the 555-0100..0199 range reserved for
 * fiction. Russia has no such range, so RU numbers are random numbers in real operator and city
 * ranges: these files are for the simulated PBX and must never be dialled on a real trunk.
 *
 * The format is docs/lead-lists.md. Every phone is checked with libphonenumber-js/max and must be
 * valid and unique; every region must resolve through zonesForRegion; the run fails otherwise.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { RU_REGION_ZONES, US_REGION_ZONES, zonesForRegion } from '../src/domain/timezones/region-zones.js';

const OUTPUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'campaigns', 'sample-lists');
const RU_ACCOUNTS = 400;
const US_ACCOUNTS = 250;
const GUARANTOR_SHARE = 0.25;
const THIRD_PARTY_SHARE = 0.05;
const SECOND_PHONE_SHARE = 0.35;
const LANDLINE_FIRST_SHARE = 0.12;
const SECOND_PHONE_TYPE_WEIGHTS = { home: 0.6, work: 0.25, mobile: 0.15 } as const;
/** Rows whose `timezone` is filled although the region alone would do (the column is optional). */
const EXPLICIT_ZONE_SHARE = 0.03;
/** Rows in a multi-zone region whose exact zone is known (the rest rely on the intersection). */
const SPLIT_REGION_EXPLICIT_ZONE_SHARE = 0.4;
/** Ages are counted at this date so the output does not depend on the day the script runs. */
const REFERENCE_YEAR = 2025;
const MAX_DRAWS = 200;
/** US_REGION_ZONES lists the 50 states and DC first, then the territories. */
const US_STATES_AND_DC = 51;

const LEAD_LIST_COLUMNS = [
  'account',
  'role',
  'name',
  'phone1',
  'phone1_type',
  'phone2',
  'phone2_type',
  'country',
  'region',
  'postal_code',
  'timezone',
  'balance',
  'currency',
  'days_past_due',
  'birth_date',
] as const;
type Row = Record<(typeof LEAD_LIST_COLUMNS)[number], string>;
type Role = 'debtor' | 'guarantor' | 'third_party';
type PhoneType = 'mobile' | 'home' | 'work';

class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return this.pick(items);
  }
  digits(count: number): string {
    let s = '';
    for (let i = 0; i < count; i++) s += String(this.int(0, 9));
    return s;
  }
}

/** An area of a region with its own numbers and post codes; `zone` set only where it narrows the region. */
interface Area {
  readonly share: number;
  readonly areaCodes: readonly string[];
  readonly zipPrefixes: readonly string[];
  readonly zone?: string;
}
interface Region {
  readonly code: string;
  /** Population, thousands (Rosstat 2024 / US Census 2020, rounded): the sampling weight. */
  readonly population: number;
  readonly areas: readonly Area[];
}

function single(code: string, population: number, areaCodes: string[], zipPrefixes: string[]): Region {
  return { code, population, areas: [{ share: 1, areaCodes, zipPrefixes }] };
}

// Russian subjects: city codes of the capital (and a second city), first three digits of post codes.
// prettier-ignore
const RU_REGIONS: readonly Region[] = [
  single('RU-MOW', 13150, ['495', '499'], ['101', '105', '107', '109', '115', '117', '119', '121', '123', '125', '127', '129']),
  single('RU-MOS', 8600, ['496', '498'], ['140', '141', '142', '143', '144']),
  single('RU-SPE', 5600, ['812'], ['190', '191', '192', '194', '195', '196', '197', '198']),
  single('RU-LEN', 2000, ['81370', '81371', '81378'], ['187', '188']),
  single('RU-KDA', 5840, ['861', '862'], ['350', '352', '353', '354']),
  single('RU-SVE', 4240, ['343'], ['620', '623', '624']),
  single('RU-ROS', 4160, ['863'], ['344', '346', '347']),
  single('RU-BA', 4060, ['347'], ['450', '452', '453']),
  single('RU-TA', 4000, ['843', '8552'], ['420', '422', '423']),
  single('RU-CHE', 3430, ['351'], ['454', '455', '456']),
  single('RU-NIZ', 3120, ['831'], ['603', '606', '607']),
  single('RU-SAM', 3170, ['846', '8482'], ['443', '445', '446']),
  single('RU-DA', 3180, ['8722'], ['367', '368']),
  single('RU-NVS', 2800, ['383'], ['630', '632', '633']),
  single('RU-KYA', 2850, ['391'], ['660', '662', '663']),
  single('RU-STA', 2900, ['8652'], ['355', '356', '357']),
  single('RU-OMS', 1860, ['3812'], ['644', '646']),
  single('RU-PER', 2530, ['342'], ['614', '617', '618']),
  single('RU-VGG', 2490, ['8442'], ['400', '403', '404']),
  single('RU-VOR', 2300, ['473'], ['394', '396', '397']),
  single('RU-SAR', 2440, ['8452'], ['410', '412', '413']),
  single('RU-IRK', 2370, ['3952'], ['664', '665', '666']),
  single('RU-ALT', 2160, ['3852'], ['656', '658', '659']),
  single('RU-KEM', 2600, ['3842', '3843'], ['650', '652', '654']),
  single('RU-ORE', 1860, ['3532'], ['460', '461', '462']),
  single('RU-KHM', 1730, ['3467', '3462'], ['628']),
  single('RU-PRI', 1820, ['423'], ['690', '692']),
  single('RU-TUL', 1540, ['4872'], ['300', '301']),
  single('RU-BEL', 1530, ['4722'], ['308', '309']),
  single('RU-UD', 1450, ['3412'], ['426', '427']),
  single('RU-TYU', 1560, ['3452'], ['625', '626', '627']),
  single('RU-KHA', 1290, ['4212'], ['680', '681', '682']),
  single('RU-KIR', 1150, ['8332'], ['610', '612', '613']),
  single('RU-KGD', 1030, ['4012'], ['236', '238']),
  single('RU-ULY', 1190, ['8422'], ['432', '433']),
  single('RU-AST', 960, ['8512'], ['414', '416']),
  single('RU-TOM', 1060, ['3822'], ['634', '636']),
  single('RU-ZAB', 1000, ['3022'], ['672', '673', '674']),
  single('RU-BU', 975, ['3012'], ['670', '671']),
  {
    code: 'RU-SA',
    population: 995,
    areas: [
      { share: 0.85, areaCodes: ['4112'], zipPrefixes: ['677'], zone: 'Asia/Yakutsk' },
      { share: 0.05, areaCodes: ['4112'], zipPrefixes: ['678'], zone: 'Asia/Khandyga' },
      { share: 0.05, areaCodes: ['4112'], zipPrefixes: ['678'], zone: 'Asia/Ust-Nera' },
      { share: 0.05, areaCodes: ['4112'], zipPrefixes: ['678'], zone: 'Asia/Srednekolymsk' },
    ],
  },
  single('RU-MUR', 660, ['8152'], ['183', '184']),
  single('RU-ARK', 1000, ['8182'], ['163', '164', '165']),
  single('RU-AMU', 760, ['4162'], ['675', '676']),
  {
    code: 'RU-SAK',
    population: 460,
    areas: [
      { share: 0.98, areaCodes: ['4242'], zipPrefixes: ['693', '694'], zone: 'Asia/Sakhalin' },
      { share: 0.02, areaCodes: ['4242'], zipPrefixes: ['694'], zone: 'Asia/Srednekolymsk' },
    ],
  },
  single('RU-MAG', 136, ['4132'], ['685', '686']),
  single('RU-KAM', 290, ['4152'], ['683', '684']),
  single('RU-CHU', 50, ['42722'], ['689']),
  single('RU-YAN', 510, ['34922'], ['629']),
  single('RU-KK', 530, ['3902'], ['655']),
  single('RU-TY', 340, ['39422'], ['667', '668']),
  single('RU-AL', 210, ['38822'], ['649']),
  single('RU-YEV', 150, ['42622'], ['679']),
  single('RU-KR', 530, ['8142'], ['185', '186']),
  single('RU-KO', 730, ['8212'], ['167', '168', '169']),
  single('RU-CE', 1520, ['8712'], ['364', '366']),
  single('RU-VLA', 1350, ['4922'], ['600', '601', '602']),
  single('RU-YAR', 1230, ['4852'], ['150', '152']),
  single('RU-TVE', 1230, ['4822'], ['170', '171', '172']),
  single('RU-LIP', 1140, ['4742'], ['398', '399']),
  single('RU-PNZ', 1260, ['8412'], ['440', '442']),
  single('RU-RYA', 1100, ['4912'], ['390', '391']),
  single('RU-KRS', 1080, ['4712'], ['305', '307']),
  single('RU-BRY', 1170, ['4832'], ['241', '242', '243']),
  single('RU-KLU', 1000, ['4842'], ['248', '249']),
  single('RU-SMO', 890, ['4812'], ['214', '215', '216']),
  single('RU-IVA', 930, ['4932'], ['153', '155']),
  single('RU-CU', 1180, ['8352'], ['428', '429']),
  single('RU-MO', 780, ['8342'], ['430', '431']),
  single('RU-ME', 670, ['8362'], ['424', '425']),
  single('RU-SE', 680, ['8672'], ['362', '363']),
  single('RU-KB', 900, ['8662'], ['360', '361']),
  single('RU-PSK', 600, ['8112'], ['180', '181', '182']),
  single('RU-NGR', 580, ['8162'], ['173', '174', '175']),
  single('RU-KOS', 570, ['4942'], ['156', '157']),
  single('RU-ORL', 710, ['4862'], ['302', '303']),
  single('RU-TAM', 980, ['4752'], ['392', '393']),
  single('RU-KGN', 780, ['3522'], ['640', '641']),
  single('RU-VLG', 1140, ['8172', '8202'], ['160', '161', '162']),
  single('RU-IN', 510, ['8734', '8732'], ['386']),
  single('RU-KC', 470, ['8782'], ['369']),
  single('RU-AD', 500, ['8772'], ['385']),
  single('RU-KL', 270, ['84722'], ['358', '359']),
  single('RU-NEN', 42, ['81853'], ['166']),
];

/** Mobile network codes of the big Russian operators (not 940: Abkhazia; not 978: Crimea-only ranges). */
// prettier-ignore
const RU_MOBILE_CODES = [
  '901', '903', '904', '905', '906', '908', '909', '910', '911', '912', '913', '914', '915', '916', '917', '918', '919',
  '920', '921', '922', '923', '924', '925', '926', '927', '928', '929', '930', '931', '937', '950', '951', '952', '953',
  '960', '961', '962', '963', '964', '965', '966', '967', '968', '977', '980', '981', '982', '983', '985', '987', '999',
] as const;

function split(code: string, population: number, areas: Area[]): Region {
  return { code, population, areas };
}
const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';

// US states, DC and territories: real area codes and ZIP prefixes of the state (or of the part of a
// split state in the named zone). American Samoa is left out: libphonenumber rejects 684-555-01XX.
// prettier-ignore
const US_REGIONS: readonly Region[] = [
  single('US-AL', 5020, ['205', '251', '256', '334'], ['350', '352', '358', '361', '366']),
  split('US-AK', 733, [
    { share: 0.55, areaCodes: ['907'], zipPrefixes: ['995'], zone: 'America/Anchorage' },
    { share: 0.05, areaCodes: ['907'], zipPrefixes: ['998'], zone: 'America/Juneau' },
    { share: 0.02, areaCodes: ['907'], zipPrefixes: ['998'], zone: 'America/Sitka' },
    { share: 0.01, areaCodes: ['907'], zipPrefixes: ['999'], zone: 'America/Metlakatla' },
    { share: 0.01, areaCodes: ['907'], zipPrefixes: ['996'], zone: 'America/Yakutat' },
    { share: 0.02, areaCodes: ['907'], zipPrefixes: ['997'], zone: 'America/Nome' },
    { share: 0.01, areaCodes: ['907'], zipPrefixes: ['995'], zone: 'America/Adak' },
  ]),
  split('US-AZ', 7150, [
    { share: 0.93, areaCodes: ['602', '480', '520', '623'], zipPrefixes: ['850', '852', '857'], zone: 'America/Phoenix' },
    { share: 0.07, areaCodes: ['928'], zipPrefixes: ['865'], zone: MT },
  ]),
  single('US-AR', 3010, ['501', '479', '870'], ['716', '722', '727']),
  single('US-CA', 39540, ['213', '310', '415', '510', '619', '714', '916', '559', '408', '909'], ['900', '902', '917', '921', '926', '937', '941', '950', '958']),
  single('US-CO', 5770, ['303', '719', '970'], ['800', '802', '805', '809']),
  single('US-CT', 3610, ['203', '860'], ['060', '061', '065']),
  single('US-DE', 990, ['302'], ['197', '199']),
  single('US-DC', 690, ['202'], ['200', '202', '203']),
  split('US-FL', 21540, [
    { share: 0.95, areaCodes: ['305', '407', '561', '813', '904', '954'], zipPrefixes: ['320', '328', '331', '334', '336'], zone: ET },
    { share: 0.05, areaCodes: ['850'], zipPrefixes: ['324', '325'], zone: CT },
  ]),
  single('US-GA', 10710, ['404', '770', '912', '706'], ['300', '303', '306', '314']),
  single('US-HI', 1460, ['808'], ['967', '968']),
  split('US-ID', 1840, [
    { share: 0.8, areaCodes: ['208'], zipPrefixes: ['832', '836', '837'], zone: 'America/Boise' },
    { share: 0.2, areaCodes: ['208'], zipPrefixes: ['838'], zone: PT },
  ]),
  single('US-IL', 12810, ['312', '773', '217', '309', '618'], ['606', '616', '622', '627']),
  split('US-IN', 6790, [
    { share: 0.85, areaCodes: ['317', '260', '765'], zipPrefixes: ['460', '461', '462', '467', '468', '473'], zone: 'America/Indiana/Indianapolis' },
    { share: 0.15, areaCodes: ['219', '812'], zipPrefixes: ['463', '464', '476', '477'], zone: CT },
  ]),
  single('US-IA', 3190, ['515', '319', '712'], ['503', '511', '522']),
  split('US-KS', 2940, [
    { share: 0.99, areaCodes: ['316', '913', '785'], zipPrefixes: ['661', '662', '672'], zone: CT },
    { share: 0.01, areaCodes: ['785'], zipPrefixes: ['677'], zone: MT },
  ]),
  split('US-KY', 4510, [
    { share: 0.7, areaCodes: ['502', '859', '606'], zipPrefixes: ['402', '405', '415'], zone: ET },
    { share: 0.3, areaCodes: ['270'], zipPrefixes: ['420', '421'], zone: CT },
  ]),
  single('US-LA', 4660, ['504', '225', '318'], ['701', '708', '711']),
  single('US-ME', 1360, ['207'], ['040', '044']),
  single('US-MD', 6180, ['410', '301', '443'], ['208', '210', '212']),
  single('US-MA', 7030, ['617', '508', '413', '978'], ['011', '015', '018', '021']),
  split('US-MI', 10080, [
    { share: 0.99, areaCodes: ['313', '616', '517', '248'], zipPrefixes: ['480', '482', '489', '495'], zone: 'America/Detroit' },
    { share: 0.01, areaCodes: ['906'], zipPrefixes: ['498'], zone: 'America/Menominee' },
  ]),
  single('US-MN', 5710, ['612', '651', '218'], ['551', '554', '558']),
  single('US-MS', 2960, ['601', '228', '662'], ['386', '392', '395']),
  single('US-MO', 6150, ['314', '816', '417', '573'], ['631', '641', '652', '658']),
  single('US-MT', 1080, ['406'], ['591', '598']),
  split('US-NE', 1960, [
    { share: 0.95, areaCodes: ['402', '531'], zipPrefixes: ['680', '681', '685'], zone: CT },
    { share: 0.05, areaCodes: ['308'], zipPrefixes: ['693'], zone: MT },
  ]),
  split('US-NV', 3100, [
    { share: 0.99, areaCodes: ['702', '775'], zipPrefixes: ['891', '895'], zone: PT },
    { share: 0.01, areaCodes: ['775'], zipPrefixes: ['898'], zone: MT },
  ]),
  single('US-NH', 1380, ['603'], ['031', '038']),
  single('US-NJ', 9290, ['201', '973', '609', '732', '856'], ['071', '073', '080', '086', '088']),
  single('US-NM', 2120, ['505', '575'], ['871', '880']),
  single('US-NY', 20200, ['212', '718', '516', '585', '716', '518', '315', '914'], ['100', '105', '112', '115', '122', '132', '142', '146']),
  single('US-NC', 10440, ['704', '919', '336', '828', '910'], ['274', '276', '282', '283', '288']),
  split('US-ND', 780, [
    { share: 0.9, areaCodes: ['701'], zipPrefixes: ['580', '581', '585'], zone: CT },
    { share: 0.1, areaCodes: ['701'], zipPrefixes: ['586'], zone: MT },
  ]),
  single('US-OH', 11800, ['216', '614', '513', '419', '330'], ['432', '436', '441', '443', '452']),
  single('US-OK', 3960, ['405', '918', '580'], ['731', '735', '741']),
  split('US-OR', 4240, [
    { share: 0.98, areaCodes: ['503', '541', '971'], zipPrefixes: ['972', '974'], zone: PT },
    { share: 0.02, areaCodes: ['541'], zipPrefixes: ['979'], zone: 'America/Boise' },
  ]),
  single('US-PA', 13000, ['215', '412', '717', '610', '814', '570'], ['152', '165', '171', '181', '185', '191']),
  single('US-RI', 1100, ['401'], ['028', '029']),
  single('US-SC', 5120, ['803', '843', '864'], ['292', '294', '296']),
  split('US-SD', 890, [
    { share: 0.8, areaCodes: ['605'], zipPrefixes: ['570', '571'], zone: CT },
    { share: 0.2, areaCodes: ['605'], zipPrefixes: ['577'], zone: MT },
  ]),
  split('US-TN', 6910, [
    { share: 0.65, areaCodes: ['615', '901', '731', '931'], zipPrefixes: ['370', '372', '381', '383'], zone: CT },
    { share: 0.35, areaCodes: ['865', '423'], zipPrefixes: ['374', '377', '379'], zone: ET },
  ]),
  split('US-TX', 29150, [
    { share: 0.97, areaCodes: ['214', '713', '512', '210', '817', '972'], zipPrefixes: ['750', '752', '761', '770', '782', '787'], zone: CT },
    { share: 0.03, areaCodes: ['915'], zipPrefixes: ['798', '799'], zone: MT },
  ]),
  single('US-UT', 3270, ['801', '435', '385'], ['840', '841', '847']),
  single('US-VT', 640, ['802'], ['054', '057']),
  single('US-VA', 8630, ['703', '804', '757', '540', '434'], ['220', '224', '229', '232', '234']),
  single('US-WA', 7710, ['206', '425', '253', '509', '360'], ['980', '981', '983', '984', '992']),
  single('US-WV', 1790, ['304'], ['250', '253']),
  single('US-WI', 5890, ['414', '608', '920', '715'], ['532', '537', '543', '544']),
  single('US-WY', 580, ['307'], ['820', '826']),
  single('US-PR', 3290, ['787', '939'], ['006', '007', '009']),
  single('US-GU', 150, ['671'], ['969']),
  single('US-VI', 90, ['340'], ['008']),
  single('US-MP', 50, ['670'], ['969']),
];

// prettier-ignore
const RU_MALE_NAMES = ['Александр', 'Алексей', 'Андрей', 'Артем', 'Виктор', 'Дмитрий', 'Евгений', 'Иван', 'Игорь', 'Илья', 'Максим', 'Михаил', 'Николай', 'Олег', 'Павел', 'Роман', 'Сергей', 'Владимир', 'Юрий', 'Айдар', 'Ринат', 'Тимур', 'Руслан', 'Ильдар', 'Константин'] as const;
// prettier-ignore
const RU_FEMALE_NAMES = ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Екатерина', 'Юлия', 'Анастасия', 'Марина', 'Дарья', 'Ксения', 'Виктория', 'Людмила', 'Галина', 'Алина', 'Полина', 'Валентина', 'Гульнара', 'Алсу', 'Айгуль', 'Сардана', 'Лилия'] as const;
/** Father's name → [male, female] patronymic. */
// prettier-ignore
const RU_PATRONYMICS: readonly (readonly [string, string])[] = [
  ['Александрович', 'Александровна'], ['Алексеевич', 'Алексеевна'], ['Андреевич', 'Андреевна'], ['Викторович', 'Викторовна'],
  ['Владимирович', 'Владимировна'], ['Дмитриевич', 'Дмитриевна'], ['Евгеньевич', 'Евгеньевна'], ['Иванович', 'Ивановна'],
  ['Игоревич', 'Игоревна'], ['Михайлович', 'Михайловна'], ['Николаевич', 'Николаевна'], ['Олегович', 'Олеговна'],
  ['Павлович', 'Павловна'], ['Петрович', 'Петровна'], ['Сергеевич', 'Сергеевна'], ['Юрьевич', 'Юрьевна'],
  ['Васильевич', 'Васильевна'], ['Анатольевич', 'Анатольевна'], ['Геннадьевич', 'Геннадьевна'], ['Ринатович', 'Ринатовна'],
  ['Рустамович', 'Рустамовна'], ['Ильдарович', 'Ильдаровна'], ['Константинович', 'Константиновна'], ['Романович', 'Романовна'],
];
/** Surnames in the masculine form; the feminine is derived (-ов → -ова, -ский → -ская, -енко unchanged). */
// prettier-ignore
const RU_SURNAMES = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Федоров', 'Морозов',
  'Волков', 'Алексеев', 'Лебедев', 'Семенов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Андреев',
  'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Борисов', 'Яковлев', 'Григорьев', 'Романов', 'Сергеев', 'Кузьмин', 'Фролов',
  'Дмитриев', 'Гусев', 'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Белов', 'Антонов', 'Тарасов', 'Баранов',
  'Филиппов', 'Комаров', 'Давыдов', 'Беляев', 'Герасимов', 'Богданов', 'Осипов', 'Сидоров', 'Матвеев', 'Титов', 'Марков',
  'Миронов', 'Крылов', 'Куликов', 'Карпов', 'Власов', 'Мельников', 'Денисов', 'Гаврилов', 'Тихонов', 'Казаков', 'Данилов',
  'Тимофеев', 'Фомин', 'Чернов', 'Мартынов', 'Ефимов', 'Щербаков', 'Назаров', 'Калинин', 'Исаев', 'Быков', 'Маслов',
  'Родионов', 'Лазарев', 'Воронин', 'Климов', 'Филатов', 'Голубев', 'Прохоров', 'Наумов', 'Потапов', 'Трофимов', 'Леонов',
  'Соболев', 'Ермаков', 'Колесников', 'Гончаров', 'Никифоров', 'Котов', 'Гришин', 'Архипов', 'Громов', 'Кириллов', 'Панов',
  'Хабибуллин', 'Гарипов', 'Сафин', 'Валиев', 'Ахметов', 'Алиев', 'Магомедов', 'Гаджиев', 'Хасанов', 'Юсупов', 'Шарипов',
  'Винокуров', 'Слепцов', 'Ким', 'Покровский', 'Вишневский', 'Троицкий', 'Белецкий', 'Коваленко', 'Бондаренко',
  'Ткаченко', 'Кравченко', 'Полищук', 'Ковальчук',
] as const;

// prettier-ignore
const US_MALE_NAMES = ['James', 'John', 'Robert', 'Michael', 'William', 'David', 'Joseph', 'Thomas', 'Charles', 'Christopher', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Steven', 'Andrew', 'Joshua', 'Kevin', 'Brian', 'Carlos', 'Luis', 'Jose', 'Wei', 'Minh', 'Tyrone', 'Ahmed'] as const;
// prettier-ignore
const US_FEMALE_NAMES = ['Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Lisa', 'Nancy', 'Ashley', 'Emily', 'Maria', 'Sofia', 'Guadalupe', 'Mei', 'Aisha', 'Keisha', 'Priya', 'Rachel'] as const;
// prettier-ignore
const US_SURNAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez',
  'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White',
  'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott',
  'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell',
  'Carter', 'Roberts', 'Kim', 'Patel', "O'Brien", 'Yazzie', 'Kealoha',
] as const;

function feminineSurname(surname: string): string {
  if (/(ов|ев|ин|ын)$/.test(surname)) return `${surname}а`;
  if (/(ский|цкий)$/.test(surname)) return `${surname.slice(0, -2)}ая`;
  return surname;
}

function ruName(random: Random): string {
  const female = random.chance(0.5);
  const surname = random.pick(RU_SURNAMES);
  const [malePatronymic, femalePatronymic] = random.pick(RU_PATRONYMICS);
  return female
    ? `${feminineSurname(surname)} ${random.pick(RU_FEMALE_NAMES)} ${femalePatronymic}`
    : `${surname} ${random.pick(RU_MALE_NAMES)} ${malePatronymic}`;
}

function usName(random: Random): string {
  const first = random.chance(0.5) ? random.pick(US_FEMALE_NAMES) : random.pick(US_MALE_NAMES);
  const middle = random.chance(0.3) ? ` ${String.fromCharCode(65 + random.int(0, 25))}.` : '';
  return `${first}${middle} ${random.pick(US_SURNAMES)}`;
}

function birthDate(random: Random): string {
  const year = REFERENCE_YEAR - random.int(19, 78);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

class PhoneBook {
  private readonly used = new Set<string>();
  constructor(private readonly random: Random) {}

  /** Draws until `make` gives a valid, unused number of the wanted libphonenumber type. */
  draw(make: () => string, accept: (type: string | undefined) => boolean): string {
    for (let i = 0; i < MAX_DRAWS; i++) {
      const e164 = make();
      const parsed = parsePhoneNumberFromString(e164);
      if (parsed?.isValid() === true && accept(parsed.getType()) && !this.used.has(e164)) {
        this.used.add(e164);
        return e164;
      }
    }
    throw new Error(`no valid unused number after ${MAX_DRAWS} draws (last pattern: ${make()})`);
  }

  ruMobile(): string {
    return this.draw(
      () => `+7${this.random.pick(RU_MOBILE_CODES)}${this.random.digits(7)}`,
      (t) => t === 'MOBILE',
    );
  }

  ruLandline(area: Area): string {
    return this.draw(
      () => {
        const code = this.random.pick(area.areaCodes);
        return `+7${code}${this.random.int(2, 7)}${this.random.digits(9 - code.length)}`;
      },
      (t) => t === 'FIXED_LINE',
    );
  }

  /** 555-0100..0199: the North American range reserved for fiction. */
  us(area: Area): string {
    return this.draw(
      () => `+1${this.random.pick(area.areaCodes)}55501${this.random.digits(2)}`,
      () => true,
    );
  }
}

interface CountrySpec {
  readonly country: 'RU' | 'US';
  readonly currency: string;
  readonly accountPrefix: string;
  readonly regions: readonly Region[];
  /** Regions (and areas) that get one account each before the weighted draw. */
  readonly guaranteed: readonly { region: Region; area: Area }[];
  readonly name: (random: Random) => string;
  readonly phone: (book: PhoneBook, area: Area, type: PhoneType) => string;
  readonly balance: (random: Random) => number;
  readonly daysPastDue: (random: Random) => number;
}

function pickArea(random: Random, region: Region): Area {
  return random.weighted(region.areas, (a) => a.share);
}

/** Most rows leave `timezone` empty: the address region decides (docs/lead-lists.md). */
function explicitZone(spec: CountrySpec, random: Random, who: Who): string {
  const regionZones = zonesForRegion(spec.country, who.region.code) ?? [];
  if (regionZones.length > 1 && who.area.zone !== undefined) {
    return who.isShowcase || random.chance(SPLIT_REGION_EXPLICIT_ZONE_SHARE) ? who.area.zone : '';
  }
  return random.chance(EXPLICIT_ZONE_SHARE) ? (who.area.zone ?? regionZones[0] ?? '') : '';
}

interface Who {
  readonly account: string;
  readonly role: Role;
  readonly region: Region;
  readonly area: Area;
  /** The guaranteed debtor of an area of a split region: always carries the area's zone. */
  readonly isShowcase: boolean;
}
type Debt = Pick<Row, 'balance' | 'currency' | 'days_past_due'>;

function secondPhoneType(random: Random, first: PhoneType): PhoneType | null {
  if (!random.chance(SECOND_PHONE_SHARE)) return null;
  if (first !== 'mobile') return 'mobile';
  return random.weighted<PhoneType>(['home', 'work', 'mobile'], (t) => SECOND_PHONE_TYPE_WEIGHTS[t]);
}

function person(spec: CountrySpec, random: Random, book: PhoneBook, who: Who, debt: Debt): Row {
  const firstType: PhoneType = random.chance(LANDLINE_FIRST_SHARE) ? 'home' : 'mobile';
  const secondType = secondPhoneType(random, firstType);
  return {
    account: who.account,
    role: who.role,
    name: spec.name(random),
    phone1: spec.phone(book, who.area, firstType),
    phone1_type: firstType,
    phone2: secondType === null ? '' : spec.phone(book, who.area, secondType),
    phone2_type: secondType ?? '',
    country: spec.country,
    region: who.region.code,
    postal_code: `${random.pick(who.area.zipPrefixes)}${random.digits(spec.country === 'RU' ? 3 : 2)}`,
    timezone: explicitZone(spec, random, who),
    ...debt,
    birth_date: who.role === 'third_party' ? '' : birthDate(random),
  };
}

/** A relative or co-signer lives in the debtor's area with probability `sameShare`, else anywhere. */
function placeOf(
  spec: CountrySpec,
  random: Random,
  debtor: Who,
  sameShare: number,
): Pick<Who, 'region' | 'area'> {
  if (random.chance(sameShare)) return { region: debtor.region, area: debtor.area };
  const region = random.weighted(spec.regions, (r) => r.population);
  return { region, area: pickArea(random, region) };
}

function generate(spec: CountrySpec, accounts: number, random: Random, book: PhoneBook): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < accounts; i++) {
    const given = spec.guaranteed[i];
    const region = given?.region ?? random.weighted(spec.regions, (r) => r.population);
    const area = given?.area ?? pickArea(random, region);
    const account = `${spec.accountPrefix}${String(i + 1).padStart(6, '0')}`;
    const debt: Debt = {
      balance: spec.balance(random).toFixed(2),
      currency: spec.currency,
      days_past_due: String(spec.daysPastDue(random)),
    };
    const debtor: Who = { account, role: 'debtor', region, area, isShowcase: given !== undefined };
    rows.push(person(spec, random, book, debtor, debt));
    if (random.chance(GUARANTOR_SHARE)) {
      const place = placeOf(spec, random, debtor, 0.7);
      rows.push(
        person(spec, random, book, { account, role: 'guarantor', ...place, isShowcase: false }, debt),
      );
    }
    if (random.chance(THIRD_PARTY_SHARE)) {
      const place = placeOf(spec, random, debtor, 0.6);
      rows.push(
        person(spec, random, book, { account, role: 'third_party', ...place, isShowcase: false }, debt),
      );
    }
  }
  return rows;
}

/** Amount in a band chosen by weight, as collections portfolios are skewed to small debts. */
function amount(random: Random, bands: readonly (readonly [number, number, number])[]): number {
  const [min, max] = random.weighted(bands, (b) => b[2]);
  return min + random.next() * (max - min);
}

function everyArea(
  regions: readonly Region[],
  only?: (r: Region) => boolean,
): { region: Region; area: Area }[] {
  return regions
    .filter((r) => only?.(r) ?? true)
    .flatMap((region) => region.areas.map((area) => ({ region, area })));
}

/** One region per zone of Russia, Kaliningrad (UTC+2) to Kamchatka and Chukotka (UTC+12). */
// prettier-ignore
const RU_ZONE_REPRESENTATIVES = ['RU-KGD', 'RU-MOW', 'RU-VGG', 'RU-KIR', 'RU-SAM', 'RU-AST', 'RU-SAR', 'RU-ULY', 'RU-SVE', 'RU-OMS', 'RU-NVS', 'RU-ALT', 'RU-TOM', 'RU-KEM', 'RU-KYA', 'RU-IRK', 'RU-ZAB', 'RU-SA', 'RU-PRI', 'RU-MAG', 'RU-SAK', 'RU-KAM', 'RU-CHU'];

const RU_SPEC: CountrySpec = {
  country: 'RU',
  currency: 'RUB',
  accountPrefix: 'RC',
  regions: RU_REGIONS,
  guaranteed: everyArea(RU_REGIONS, (r) => RU_ZONE_REPRESENTATIVES.includes(r.code)),
  name: ruName,
  phone: (book, area, type) => (type === 'mobile' ? book.ruMobile() : book.ruLandline(area)),
  balance: (random) =>
    amount(random, [
      [3_000, 60_000, 6],
      [60_000, 400_000, 3],
      [400_000, 2_500_000, 1],
    ]),
  daysPastDue: (random) => random.int(1, 720),
};

const US_SPEC: CountrySpec = {
  country: 'US',
  currency: 'USD',
  accountPrefix: 'UC',
  regions: US_REGIONS,
  guaranteed: everyArea(US_REGIONS),
  name: usName,
  phone: (book, area) => book.us(area),
  balance: (random) =>
    amount(random, [
      [150, 2_500, 6],
      [2_500, 10_000, 3],
      [10_000, 40_000, 1],
    ]),
  daysPastDue: (random) => random.int(30, 720),
};

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(rows: readonly Row[]): string {
  const lines = [
    LEAD_LIST_COLUMNS.join(','),
    ...rows.map((row) => LEAD_LIST_COLUMNS.map((c) => csvField(row[c])).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}

/** The contract of docs/lead-lists.md, checked on what is about to be written. */
function check(spec: CountrySpec, rows: readonly Row[], accounts: number): void {
  const problems: string[] = [];
  const phones = new Set<string>();
  rows.forEach((row, i) => {
    const where = `${spec.country} row ${i + 2}`;
    for (const column of ['phone1', 'phone2'] as const) {
      const phone = row[column];
      if (phone === '') continue;
      if (parsePhoneNumberFromString(phone)?.isValid() !== true)
        problems.push(`${where}: ${column} ${phone} is not valid`);
      if (phones.has(phone)) problems.push(`${where}: ${column} ${phone} is used twice`);
      phones.add(phone);
    }
    const zones = zonesForRegion(row.country, row.region);
    if (zones === null) problems.push(`${where}: region ${row.region} is unknown`);
    if (row.timezone !== '' && !(zones ?? []).includes(row.timezone))
      problems.push(`${where}: ${row.timezone} is not a zone of ${row.region}`);
  });
  if (new Set(rows.map((r) => r.account)).size !== accounts)
    problems.push(`${spec.country}: expected ${accounts} accounts`);
  // Every zone from Kaliningrad to Chukotka, and every US state and DC, has at least one person.
  const zonesSeen = new Set(rows.flatMap((r) => zonesForRegion(r.country, r.region) ?? []));
  const regionsSeen = new Set(rows.map((r) => r.region));
  if (spec.country === 'RU') {
    for (const zone of new Set(RU_REGION_ZONES.flatMap((r) => (r.code === undefined ? [] : r.zones)))) {
      if (!zonesSeen.has(zone)) problems.push(`RU: nobody lives in zone ${zone}`);
    }
  } else {
    for (const { code } of US_REGION_ZONES.slice(0, US_STATES_AND_DC)) {
      if (code !== undefined && !regionsSeen.has(code)) problems.push(`US: nobody lives in ${code}`);
    }
  }
  if (problems.length > 0) throw new Error(`sample lists are wrong:\n${problems.join('\n')}`);
}

function main(): void {
  const random = new Random(20_250_601);
  const book = new PhoneBook(random);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const [spec, accounts, file] of [
    [RU_SPEC, RU_ACCOUNTS, 'ru-collections.csv'],
    [US_SPEC, US_ACCOUNTS, 'us-collections.csv'],
  ] as const) {
    const rows = generate(spec, accounts, random, book);
    check(spec, rows, accounts);
    writeFileSync(join(OUTPUT_DIR, file), toCsv(rows), 'utf8');
    console.log(`${file}: ${accounts} accounts, ${rows.length} persons`);
  }
}

main();
