/**
 * Region of an address → the IANA zones whose clocks are used there. 230-FZ art. 7 p.3(1) counts
 * hours in "local time at the debtor's place of residence or stay" and Reg F 1006.6(b)(1) in "local
 * time at the consumer's location": when a region spans several zones we return all of them and the
 * caller allows only the intersection of the windows (US-REGF-TZ-AMBIGUITY, RU-230-HOURS).
 *
 * Source of every entry: IANA tzdata `zone1970.tab` comments and the `europe`/`asia`/`northamerica`
 * files (2025 releases), e.g. "Asia/Srednekolymsk MSK+08 - Sakha (E); N Kuril Is", "America/Boise
 * Mountain - ID (south); OR (east)". Russian names follow the Constitution art. 65 list, codes are
 * ISO 3166-2:RU / ISO 3166-2:US / ISO 3166-2:CA, the two-digit Russian region codes are the
 * КЛАДР/ФИАС subject codes.
 */

import { parsePhone } from '../contact/phone-number.js';

export interface RegionZones {
  /** ISO 3166-2 code, e.g. RU-KGD, US-MA; absent where ISO 3166-2 has no code under this country. */
  readonly code?: string;
  /** Every IANA zone used in the region, most populous first. */
  readonly zones: readonly string[];
  /** Official and common names and short forms, in Russian and English. */
  readonly names: readonly string[];
  /** Russian КЛАДР/ФИАС subject code ("39" for Kaliningrad), as address databases store it. */
  readonly subjectCode?: string;
}

const MSK = ['Europe/Moscow'] as const;
const YEKT = ['Asia/Yekaterinburg'] as const;
const KRAT = ['Asia/Krasnoyarsk'] as const;
const VLAT = ['Asia/Vladivostok'] as const;

/**
 * The 83 subjects ISO 3166-2:RU codes, then the six it files under UA (see the end of the list).
 * Not formatted by prettier: one region per line reads as a table.
 */
// prettier-ignore
export const RU_REGION_ZONES: readonly RegionZones[] = [
  // Republics
  { code: 'RU-AD', subjectCode: '01', zones: MSK, names: ['Республика Адыгея (Адыгея)', 'Адыгея', 'Republic of Adygea', 'Adygea', 'Adygeya'] },
  { code: 'RU-AL', subjectCode: '04', zones: ['Asia/Barnaul'], names: ['Республика Алтай', 'Горный Алтай', 'Altai Republic', 'Altay Republic'] },
  { code: 'RU-BA', subjectCode: '02', zones: YEKT, names: ['Республика Башкортостан', 'Башкортостан', 'Башкирия', 'Republic of Bashkortostan', 'Bashkortostan', 'Bashkiria'] },
  { code: 'RU-BU', subjectCode: '03', zones: ['Asia/Irkutsk'], names: ['Республика Бурятия', 'Бурятия', 'Republic of Buryatia', 'Buryatia'] },
  { code: 'RU-CE', subjectCode: '20', zones: MSK, names: ['Чеченская Республика', 'Чечня', 'Chechen Republic', 'Chechnya'] },
  { code: 'RU-CU', subjectCode: '21', zones: MSK, names: ['Чувашская Республика — Чувашия', 'Чувашская Республика', 'Чувашия', 'Chuvash Republic', 'Chuvashia'] },
  { code: 'RU-DA', subjectCode: '05', zones: MSK, names: ['Республика Дагестан', 'Дагестан', 'Republic of Dagestan', 'Dagestan'] },
  { code: 'RU-IN', subjectCode: '06', zones: MSK, names: ['Республика Ингушетия', 'Ингушетия', 'Republic of Ingushetia', 'Ingushetia'] },
  { code: 'RU-KB', subjectCode: '07', zones: MSK, names: ['Кабардино-Балкарская Республика', 'Кабардино-Балкария', 'КБР', 'Kabardino-Balkarian Republic', 'Kabardino-Balkaria'] },
  { code: 'RU-KL', subjectCode: '08', zones: MSK, names: ['Республика Калмыкия', 'Калмыкия', 'Republic of Kalmykia', 'Kalmykia'] },
  { code: 'RU-KC', subjectCode: '09', zones: MSK, names: ['Карачаево-Черкесская Республика', 'Карачаево-Черкесия', 'КЧР', 'Karachay-Cherkess Republic', 'Karachay-Cherkessia'] },
  { code: 'RU-KR', subjectCode: '10', zones: MSK, names: ['Республика Карелия', 'Карелия', 'Republic of Karelia', 'Karelia'] },
  { code: 'RU-KK', subjectCode: '19', zones: KRAT, names: ['Республика Хакасия', 'Хакасия', 'Republic of Khakassia', 'Khakassia', 'Khakasia'] },
  { code: 'RU-KO', subjectCode: '11', zones: MSK, names: ['Республика Коми', 'Коми', 'Komi Republic', 'Komi'] },
  { code: 'RU-ME', subjectCode: '12', zones: MSK, names: ['Республика Марий Эл', 'Марий Эл', 'Mari El Republic', 'Mari El'] },
  { code: 'RU-MO', subjectCode: '13', zones: MSK, names: ['Республика Мордовия', 'Мордовия', 'Republic of Mordovia', 'Mordovia'] },
  // Sakha spans UTC+9 (Yakutsk, Khandyga), UTC+10 (Ust-Nera) and UTC+11 (Srednekolymsk).
  {
    code: 'RU-SA',
    subjectCode: '14',
    zones: ['Asia/Yakutsk', 'Asia/Khandyga', 'Asia/Ust-Nera', 'Asia/Srednekolymsk'],
    names: ['Республика Саха (Якутия)', 'Якутия', 'Саха', 'Sakha (Yakutia) Republic', 'Sakha Republic', 'Yakutia', 'Sakha'],
  },
  { code: 'RU-SE', subjectCode: '15', zones: MSK, names: ['Республика Северная Осетия — Алания', 'Северная Осетия', 'Republic of North Ossetia–Alania', 'North Ossetia'] },
  { code: 'RU-TA', subjectCode: '16', zones: MSK, names: ['Республика Татарстан (Татарстан)', 'Татарстан', 'Republic of Tatarstan', 'Tatarstan'] },
  { code: 'RU-TY', subjectCode: '17', zones: KRAT, names: ['Республика Тыва', 'Тыва', 'Тува', 'Tuva Republic', 'Tuva', 'Tyva'] },
  { code: 'RU-UD', subjectCode: '18', zones: ['Europe/Samara'], names: ['Удмуртская Республика', 'Удмуртия', 'Udmurt Republic', 'Udmurtia'] },
  // Krais
  { code: 'RU-ALT', subjectCode: '22', zones: ['Asia/Barnaul'], names: ['Алтайский край', 'Altai Krai', 'Altay Krai'] },
  { code: 'RU-KAM', subjectCode: '41', zones: ['Asia/Kamchatka'], names: ['Камчатский край', 'Камчатка', 'Kamchatka Krai', 'Kamchatka'] },
  { code: 'RU-KHA', subjectCode: '27', zones: VLAT, names: ['Хабаровский край', 'Khabarovsk Krai'] },
  { code: 'RU-KDA', subjectCode: '23', zones: MSK, names: ['Краснодарский край', 'Кубань', 'Krasnodar Krai', 'Kuban'] },
  { code: 'RU-KYA', subjectCode: '24', zones: KRAT, names: ['Красноярский край', 'Krasnoyarsk Krai'] },
  { code: 'RU-PER', subjectCode: '59', zones: YEKT, names: ['Пермский край', 'Прикамье', 'Perm Krai'] },
  { code: 'RU-PRI', subjectCode: '25', zones: VLAT, names: ['Приморский край', 'Приморье', 'Primorsky Krai', 'Primorye'] },
  { code: 'RU-STA', subjectCode: '26', zones: MSK, names: ['Ставропольский край', 'Ставрополье', 'Stavropol Krai'] },
  { code: 'RU-ZAB', subjectCode: '75', zones: ['Asia/Chita'], names: ['Забайкальский край', 'Забайкалье', 'Zabaykalsky Krai', 'Zabaykalye', 'Transbaikal'] },
  // Oblasts
  { code: 'RU-AMU', subjectCode: '28', zones: ['Asia/Yakutsk'], names: ['Амурская область', 'Приамурье', 'Amur Oblast'] },
  { code: 'RU-ARK', subjectCode: '29', zones: MSK, names: ['Архангельская область', 'Arkhangelsk Oblast'] },
  { code: 'RU-AST', subjectCode: '30', zones: ['Europe/Astrakhan'], names: ['Астраханская область', 'Astrakhan Oblast'] },
  { code: 'RU-BEL', subjectCode: '31', zones: MSK, names: ['Белгородская область', 'Belgorod Oblast'] },
  { code: 'RU-BRY', subjectCode: '32', zones: MSK, names: ['Брянская область', 'Bryansk Oblast'] },
  { code: 'RU-CHE', subjectCode: '74', zones: YEKT, names: ['Челябинская область', 'Chelyabinsk Oblast'] },
  { code: 'RU-IRK', subjectCode: '38', zones: ['Asia/Irkutsk'], names: ['Иркутская область', 'Irkutsk Oblast'] },
  { code: 'RU-IVA', subjectCode: '37', zones: MSK, names: ['Ивановская область', 'Ivanovo Oblast'] },
  { code: 'RU-KGD', subjectCode: '39', zones: ['Europe/Kaliningrad'], names: ['Калининградская область', 'Калининград', 'Kaliningrad Oblast', 'Kaliningrad'] },
  { code: 'RU-KLU', subjectCode: '40', zones: MSK, names: ['Калужская область', 'Kaluga Oblast'] },
  { code: 'RU-KEM', subjectCode: '42', zones: ['Asia/Novokuznetsk'], names: ['Кемеровская область — Кузбасс', 'Кемеровская область', 'Кузбасс', 'Kemerovo Oblast', 'Kuzbass'] },
  { code: 'RU-KIR', subjectCode: '43', zones: ['Europe/Kirov'], names: ['Кировская область', 'Kirov Oblast'] },
  { code: 'RU-KOS', subjectCode: '44', zones: MSK, names: ['Костромская область', 'Kostroma Oblast'] },
  { code: 'RU-KGN', subjectCode: '45', zones: YEKT, names: ['Курганская область', 'Kurgan Oblast'] },
  { code: 'RU-KRS', subjectCode: '46', zones: MSK, names: ['Курская область', 'Kursk Oblast'] },
  { code: 'RU-LEN', subjectCode: '47', zones: MSK, names: ['Ленинградская область', 'Ленобласть', 'Leningrad Oblast'] },
  { code: 'RU-LIP', subjectCode: '48', zones: MSK, names: ['Липецкая область', 'Lipetsk Oblast'] },
  { code: 'RU-MAG', subjectCode: '49', zones: ['Asia/Magadan'], names: ['Магаданская область', 'Magadan Oblast'] },
  { code: 'RU-MOS', subjectCode: '50', zones: MSK, names: ['Московская область', 'Подмосковье', 'Moscow Oblast'] },
  { code: 'RU-MUR', subjectCode: '51', zones: MSK, names: ['Мурманская область', 'Murmansk Oblast'] },
  { code: 'RU-NIZ', subjectCode: '52', zones: MSK, names: ['Нижегородская область', 'Nizhny Novgorod Oblast'] },
  { code: 'RU-NGR', subjectCode: '53', zones: MSK, names: ['Новгородская область', 'Novgorod Oblast'] },
  { code: 'RU-NVS', subjectCode: '54', zones: ['Asia/Novosibirsk'], names: ['Новосибирская область', 'Novosibirsk Oblast'] },
  { code: 'RU-OMS', subjectCode: '55', zones: ['Asia/Omsk'], names: ['Омская область', 'Omsk Oblast'] },
  { code: 'RU-ORE', subjectCode: '56', zones: YEKT, names: ['Оренбургская область', 'Orenburg Oblast'] },
  { code: 'RU-ORL', subjectCode: '57', zones: MSK, names: ['Орловская область', 'Oryol Oblast', 'Orel Oblast'] },
  { code: 'RU-PNZ', subjectCode: '58', zones: MSK, names: ['Пензенская область', 'Penza Oblast'] },
  { code: 'RU-PSK', subjectCode: '60', zones: MSK, names: ['Псковская область', 'Pskov Oblast'] },
  { code: 'RU-ROS', subjectCode: '61', zones: MSK, names: ['Ростовская область', 'Rostov Oblast'] },
  { code: 'RU-RYA', subjectCode: '62', zones: MSK, names: ['Рязанская область', 'Ryazan Oblast'] },
  // Sakhalin Island is UTC+11 (Asia/Sakhalin); so are the North Kurils (Asia/Srednekolymsk in tzdata).
  { code: 'RU-SAK', subjectCode: '65', zones: ['Asia/Sakhalin', 'Asia/Srednekolymsk'], names: ['Сахалинская область', 'Sakhalin Oblast'] },
  { code: 'RU-SAM', subjectCode: '63', zones: ['Europe/Samara'], names: ['Самарская область', 'Samara Oblast'] },
  { code: 'RU-SAR', subjectCode: '64', zones: ['Europe/Saratov'], names: ['Саратовская область', 'Saratov Oblast'] },
  { code: 'RU-SMO', subjectCode: '67', zones: MSK, names: ['Смоленская область', 'Smolensk Oblast'] },
  { code: 'RU-SVE', subjectCode: '66', zones: YEKT, names: ['Свердловская область', 'Sverdlovsk Oblast'] },
  { code: 'RU-TAM', subjectCode: '68', zones: MSK, names: ['Тамбовская область', 'Tambov Oblast'] },
  { code: 'RU-TOM', subjectCode: '70', zones: ['Asia/Tomsk'], names: ['Томская область', 'Tomsk Oblast'] },
  { code: 'RU-TUL', subjectCode: '71', zones: MSK, names: ['Тульская область', 'Tula Oblast'] },
  { code: 'RU-TVE', subjectCode: '69', zones: MSK, names: ['Тверская область', 'Tver Oblast'] },
  { code: 'RU-TYU', subjectCode: '72', zones: YEKT, names: ['Тюменская область', 'Tyumen Oblast'] },
  { code: 'RU-ULY', subjectCode: '73', zones: ['Europe/Ulyanovsk'], names: ['Ульяновская область', 'Ulyanovsk Oblast'] },
  { code: 'RU-VLA', subjectCode: '33', zones: MSK, names: ['Владимирская область', 'Vladimir Oblast'] },
  // Volgograd went back to Moscow time on 2020-12-27; tzdata keeps its own zone for the history.
  { code: 'RU-VGG', subjectCode: '34', zones: ['Europe/Volgograd'], names: ['Волгоградская область', 'Volgograd Oblast'] },
  { code: 'RU-VLG', subjectCode: '35', zones: MSK, names: ['Вологодская область', 'Vologda Oblast'] },
  { code: 'RU-VOR', subjectCode: '36', zones: MSK, names: ['Воронежская область', 'Voronezh Oblast'] },
  { code: 'RU-YAR', subjectCode: '76', zones: MSK, names: ['Ярославская область', 'Yaroslavl Oblast'] },
  // Federal cities
  { code: 'RU-MOW', subjectCode: '77', zones: MSK, names: ['Москва', 'город Москва', 'Moscow', 'Moscow City'] },
  { code: 'RU-SPE', subjectCode: '78', zones: MSK, names: ['Санкт-Петербург', 'Петербург', 'СПб', 'Saint Petersburg', 'St Petersburg', 'Sankt-Peterburg'] },
  // Autonomous oblast and okrugs
  { code: 'RU-YEV', subjectCode: '79', zones: VLAT, names: ['Еврейская автономная область', 'ЕАО', 'Jewish Autonomous Oblast'] },
  { code: 'RU-CHU', subjectCode: '87', zones: ['Asia/Anadyr'], names: ['Чукотский автономный округ', 'Чукотка', 'ЧАО', 'Chukotka Autonomous Okrug', 'Chukotka'] },
  {
    code: 'RU-KHM',
    subjectCode: '86',
    zones: YEKT,
    names: [
      'Ханты-Мансийский автономный округ — Югра',
      'Ханты-Мансийский автономный округ',
      'ХМАО',
      'Югра',
      'Khanty-Mansi Autonomous Okrug',
      'Yugra',
    ],
  },
  { code: 'RU-NEN', subjectCode: '83', zones: MSK, names: ['Ненецкий автономный округ', 'НАО', 'Nenets Autonomous Okrug'] },
  { code: 'RU-YAN', subjectCode: '89', zones: YEKT, names: ['Ямало-Ненецкий автономный округ', 'ЯНАО', 'Ямал', 'Yamalo-Nenets Autonomous Okrug', 'Yamal'] },
  // Regions that Russian creditors' address files name but ISO 3166-2 lists under UA (UA-43, UA-40,
  // UA-14, UA-09, UA-23, UA-65): names resolve, no code is invented. Crimea keeps Moscow time (tzdata
  // Europe/Simferopol). For the other four tzdata has no zone of their own and clocks differ across the
  // line of control, so both Moscow and Kyiv time are returned and the intersection applies.
  { subjectCode: '91', zones: ['Europe/Simferopol'], names: ['Республика Крым', 'Крым', 'Republic of Crimea', 'Crimea'] },
  { subjectCode: '92', zones: ['Europe/Simferopol'], names: ['Севастополь', 'Sevastopol'] },
  { subjectCode: '93', zones: ['Europe/Moscow', 'Europe/Kyiv'], names: ['Донецкая Народная Республика', 'ДНР', 'Донецкая область', 'Donetsk'] },
  { subjectCode: '94', zones: ['Europe/Moscow', 'Europe/Kyiv'], names: ['Луганская Народная Республика', 'ЛНР', 'Луганская область', 'Luhansk', 'Lugansk'] },
  { subjectCode: '90', zones: ['Europe/Moscow', 'Europe/Kyiv'], names: ['Запорожская область', 'Zaporizhzhia Oblast', 'Zaporozhye Oblast'] },
  { subjectCode: '95', zones: ['Europe/Moscow', 'Europe/Kyiv'], names: ['Херсонская область', 'Kherson Oblast'] },
];

const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';

/**
 * States, DC and inhabited territories. Split states list each zone tzdata assigns there (federal
 * boundaries under the Uniform Time Act, 49 CFR part 71); unofficial local practice (Phenix City AL,
 * Kenton OK) is not modelled.
 */
// prettier-ignore
export const US_REGION_ZONES: readonly RegionZones[] = [
  { code: 'US-AL', zones: [CT], names: ['Alabama', 'Ala.'] },
  { code: 'US-AK', zones: ['America/Anchorage', 'America/Juneau', 'America/Sitka', 'America/Metlakatla', 'America/Yakutat', 'America/Nome', 'America/Adak'], names: ['Alaska'] },
  // Navajo Nation keeps DST (America/Denver); the rest of Arizona does not (America/Phoenix).
  { code: 'US-AZ', zones: ['America/Phoenix', MT], names: ['Arizona', 'Ariz.'] },
  { code: 'US-AR', zones: [CT], names: ['Arkansas', 'Ark.'] },
  { code: 'US-CA', zones: [PT], names: ['California', 'Calif.'] },
  { code: 'US-CO', zones: [MT], names: ['Colorado', 'Colo.'] },
  { code: 'US-CT', zones: [ET], names: ['Connecticut', 'Conn.'] },
  { code: 'US-DE', zones: [ET], names: ['Delaware', 'Del.'] },
  { code: 'US-DC', zones: [ET], names: ['District of Columbia', 'Washington DC', 'Washington D.C.', 'D.C.'] },
  // The panhandle west of the Apalachicola River is Central.
  { code: 'US-FL', zones: [ET, CT], names: ['Florida', 'Fla.'] },
  { code: 'US-GA', zones: [ET], names: ['Georgia', 'Ga.'] },
  { code: 'US-HI', zones: ['Pacific/Honolulu'], names: ['Hawaii'] },
  { code: 'US-ID', zones: ['America/Boise', PT], names: ['Idaho'] },
  { code: 'US-IL', zones: [CT], names: ['Illinois', 'Ill.'] },
  // tzdata keeps one zone per county group with its own DST history: NW and SW counties are Central,
  // the counties by Louisville and Cincinnati follow America/Kentucky/Louisville and America/New_York.
  {
    code: 'US-IN',
    zones: [
      'America/Indiana/Indianapolis', CT, 'America/Indiana/Vincennes', 'America/Indiana/Winamac', 'America/Indiana/Marengo',
      'America/Indiana/Petersburg', 'America/Indiana/Vevay', 'America/Indiana/Tell_City', 'America/Indiana/Knox',
      'America/Kentucky/Louisville', ET,
    ],
    names: ['Indiana', 'Ind.'],
  },
  { code: 'US-IA', zones: [CT], names: ['Iowa'] },
  // Greeley, Hamilton, Sherman and Wallace counties are Mountain.
  { code: 'US-KS', zones: [CT, MT], names: ['Kansas', 'Kan.', 'Kans.'] },
  { code: 'US-KY', zones: [ET, 'America/Kentucky/Louisville', 'America/Kentucky/Monticello', CT], names: ['Kentucky', 'Ky.'] },
  { code: 'US-LA', zones: [CT], names: ['Louisiana', 'La.'] },
  { code: 'US-ME', zones: [ET], names: ['Maine'] },
  { code: 'US-MD', zones: [ET], names: ['Maryland', 'Md.'] },
  { code: 'US-MA', zones: [ET], names: ['Massachusetts', 'Mass.'] },
  // Four Upper Peninsula counties bordering Wisconsin are Central (America/Menominee).
  { code: 'US-MI', zones: ['America/Detroit', 'America/Menominee'], names: ['Michigan', 'Mich.'] },
  { code: 'US-MN', zones: [CT], names: ['Minnesota', 'Minn.'] },
  { code: 'US-MS', zones: [CT], names: ['Mississippi', 'Miss.'] },
  { code: 'US-MO', zones: [CT], names: ['Missouri', 'Mo.'] },
  { code: 'US-MT', zones: [MT], names: ['Montana', 'Mont.'] },
  // The panhandle is Mountain.
  { code: 'US-NE', zones: [CT, MT], names: ['Nebraska', 'Neb.', 'Nebr.'] },
  // West Wendover is Mountain (49 CFR 71.9).
  { code: 'US-NV', zones: [PT, MT], names: ['Nevada', 'Nev.'] },
  { code: 'US-NH', zones: [ET], names: ['New Hampshire', 'N.H.'] },
  { code: 'US-NJ', zones: [ET], names: ['New Jersey', 'N.J.'] },
  { code: 'US-NM', zones: [MT], names: ['New Mexico', 'N.M.'] },
  { code: 'US-NY', zones: [ET], names: ['New York', 'N.Y.', 'New York State'] },
  { code: 'US-NC', zones: [ET], names: ['North Carolina', 'N.C.'] },
  // The south-west is Mountain; Oliver, Morton and Mercer counties have their own zones in tzdata.
  { code: 'US-ND', zones: [CT, MT, 'America/North_Dakota/Center', 'America/North_Dakota/New_Salem', 'America/North_Dakota/Beulah'], names: ['North Dakota', 'N.D.', 'N. Dak.'] },
  { code: 'US-OH', zones: [ET], names: ['Ohio'] },
  { code: 'US-OK', zones: [CT], names: ['Oklahoma', 'Okla.'] },
  // Most of Malheur County is Mountain (America/Boise).
  { code: 'US-OR', zones: [PT, 'America/Boise'], names: ['Oregon', 'Ore.'] },
  { code: 'US-PA', zones: [ET], names: ['Pennsylvania', 'Pa.', 'Penn.'] },
  { code: 'US-RI', zones: [ET], names: ['Rhode Island', 'R.I.'] },
  { code: 'US-SC', zones: [ET], names: ['South Carolina', 'S.C.'] },
  // West river is Mountain.
  { code: 'US-SD', zones: [CT, MT], names: ['South Dakota', 'S.D.', 'S. Dak.'] },
  // East Tennessee is Eastern.
  { code: 'US-TN', zones: [CT, ET], names: ['Tennessee', 'Tenn.'] },
  // El Paso and Hudspeth counties are Mountain.
  { code: 'US-TX', zones: [CT, MT], names: ['Texas', 'Tex.'] },
  { code: 'US-UT', zones: [MT], names: ['Utah'] },
  { code: 'US-VT', zones: [ET], names: ['Vermont', 'Vt.'] },
  { code: 'US-VA', zones: [ET], names: ['Virginia', 'Va.'] },
  { code: 'US-WA', zones: [PT], names: ['Washington', 'Wash.', 'Washington State'] },
  { code: 'US-WV', zones: [ET], names: ['West Virginia', 'W. Va.'] },
  { code: 'US-WI', zones: [CT], names: ['Wisconsin', 'Wis.', 'Wisc.'] },
  { code: 'US-WY', zones: [MT], names: ['Wyoming', 'Wyo.'] },
  // Territories
  { code: 'US-PR', zones: ['America/Puerto_Rico'], names: ['Puerto Rico'] },
  { code: 'US-VI', zones: ['America/St_Thomas'], names: ['U.S. Virgin Islands', 'US Virgin Islands', 'Virgin Islands'] },
  { code: 'US-GU', zones: ['Pacific/Guam'], names: ['Guam'] },
  { code: 'US-MP', zones: ['Pacific/Saipan'], names: ['Northern Mariana Islands', 'Commonwealth of the Northern Mariana Islands', 'CNMI'] },
  { code: 'US-AS', zones: ['Pacific/Pago_Pago'], names: ['American Samoa'] },
  { code: 'US-UM', zones: ['Pacific/Midway', 'Pacific/Wake'], names: ['United States Minor Outlying Islands', 'U.S. Minor Outlying Islands'] },
];

/**
 * Canadian provinces and territories (ISO 3166-2:CA), from the CA lines of tzdata 2025b
 * `zone1970.tab` ("America/Edmonton Mountain - AB, BC(E), NT(E), SK(W)", "America/Phoenix MST - AZ
 * (most areas), Creston BC", "America/Panama EST - ON (Atikokan), NU (Coral H)", "America/Puerto_Rico
 * AST - QC (Lower North Shore)"). CRTC Unsolicited Telecommunications Rules count hours in the called
 * person's local time too, and the phone number check (zone-data-check.ts) compares against this table.
 */
// prettier-ignore
export const CA_REGION_ZONES: readonly RegionZones[] = [
  { code: 'CA-AB', zones: ['America/Edmonton'], names: ['Alberta', 'Alta.'] },
  // East Kootenay is Mountain; Dawson Creek, Fort St John, Fort Nelson and Creston keep MST all year.
  { code: 'CA-BC', zones: ['America/Vancouver', 'America/Edmonton', 'America/Dawson_Creek', 'America/Fort_Nelson', 'America/Phoenix'], names: ['British Columbia', 'B.C.', 'Colombie-Britannique'] },
  { code: 'CA-MB', zones: ['America/Winnipeg'], names: ['Manitoba', 'Man.'] },
  { code: 'CA-NB', zones: ['America/Moncton'], names: ['New Brunswick', 'N.B.', 'Nouveau-Brunswick'] },
  // Labrador (most areas) is Atlantic with DST; the island and south-east Labrador are Newfoundland time.
  { code: 'CA-NL', zones: ['America/St_Johns', 'America/Goose_Bay'], names: ['Newfoundland and Labrador', 'Newfoundland', 'Labrador', 'N.L.', 'Terre-Neuve-et-Labrador'] },
  { code: 'CA-NS', zones: ['America/Halifax', 'America/Glace_Bay'], names: ['Nova Scotia', 'N.S.', 'Nouvelle-Écosse'] },
  { code: 'CA-NT', zones: ['America/Edmonton', 'America/Inuvik'], names: ['Northwest Territories', 'N.W.T.', 'Territoires du Nord-Ouest'] },
  { code: 'CA-NU', zones: ['America/Iqaluit', 'America/Rankin_Inlet', 'America/Resolute', 'America/Cambridge_Bay', 'America/Panama'], names: ['Nunavut'] },
  // North-western Ontario is Central; Atikokan keeps EST all year.
  { code: 'CA-ON', zones: ['America/Toronto', 'America/Winnipeg', 'America/Panama'], names: ['Ontario', 'Ont.'] },
  { code: 'CA-PE', zones: ['America/Halifax'], names: ['Prince Edward Island', 'P.E.I.', 'Île-du-Prince-Édouard'] },
  // The Lower North Shore keeps AST all year (tzdata). The Magdalen Islands keep Atlantic time with
  // DST; tzdata has no zone of their own, America/Halifax has their rules.
  { code: 'CA-QC', zones: ['America/Toronto', 'America/Puerto_Rico', 'America/Halifax'], names: ['Quebec', 'Québec', 'Que.', 'Qué.'] },
  // Lloydminster and the west follow Alberta (America/Edmonton); Swift Current has its own history.
  { code: 'CA-SK', zones: ['America/Regina', 'America/Swift_Current', 'America/Edmonton'], names: ['Saskatchewan', 'Sask.'] },
  // Yukon has kept UTC-7 all year since 2020 (tzdata 2020b).
  { code: 'CA-YT', zones: ['America/Whitehorse', 'America/Dawson'], names: ['Yukon', 'Yukon Territory', 'Y.T.'] },
];

/** Abbreviations written in addresses, expanded before matching ("Калининградская обл." = "…область"). */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['обл', 'область'],
  ['респ', 'республика'],
  ['кр', 'край'],
  ['ао', 'автономный округ'],
  ['аобл', 'автономная область'],
  ['obl', 'oblast'],
  ['resp', 'republic'],
  ['rep', 'republic'],
  ['st', 'saint'],
  ['kray', 'krai'],
]);

/** Words that only mark a city ("г. Москва", "Moscow City"): dropped before matching. */
const CITY_MARKERS: ReadonlySet<string> = new Set(['г', 'гор', 'город', 'city', 'the']);

/** Kind-of-subject words: dropped for the second, looser match ("Татарстан Респ" → "татарстан"). */
const KIND_WORDS: ReadonlySet<string> = new Set([
  'область',
  'край',
  'республика',
  'автономный',
  'автономная',
  'округ',
  'федерального',
  'значения',
  'oblast',
  'krai',
  'republic',
  'of',
  'autonomous',
  'okrug',
  'district',
  'region',
  'province',
  'federal',
  'state',
  'commonwealth',
]);

function tokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s.,;:()«»"'’‘`—–\-_/\\]+/)
    .filter((t) => t !== '')
    .flatMap((t) => (ABBREVIATIONS.get(t) ?? t).split(' '))
    .filter((t) => !CITY_MARKERS.has(t));
}

function fullKey(text: string): string {
  return tokens(text).join(' ');
}

function coreKey(text: string): string {
  return tokens(text)
    .filter((t) => !KIND_WORDS.has(t))
    .join(' ');
}

interface CountryIndex {
  readonly byKey: ReadonlyMap<string, RegionZones>;
  /** null marks a core shared by regions with different zones ("altai" is two regions, one zone: fine). */
  readonly byCore: ReadonlyMap<string, RegionZones | null>;
}

function buildIndex(countryIso2: string, entries: readonly RegionZones[]): CountryIndex {
  const byKey = new Map<string, RegionZones>();
  const byCore = new Map<string, RegionZones | null>();
  const add = (key: string, entry: RegionZones): void => {
    const existing = byKey.get(key);
    if (existing !== undefined && existing !== entry) {
      throw new Error(
        `region-zones: "${key}" names both ${existing.code ?? existing.names[0]} and ${entry.code ?? entry.names[0]}`,
      );
    }
    byKey.set(key, entry);
  };
  for (const entry of entries) {
    if (entry.code !== undefined) {
      add(entry.code.toLowerCase(), entry);
      add(entry.code.slice(countryIso2.length + 1).toLowerCase(), entry);
    }
    if (entry.subjectCode !== undefined) add(entry.subjectCode, entry);
    for (const name of entry.names) {
      add(fullKey(name), entry);
      const core = coreKey(name);
      if (core === '') continue;
      const seen = byCore.get(core);
      if (seen === undefined) byCore.set(core, entry);
      else if (seen !== null && seen !== entry && !sameZones(seen.zones, entry.zones)) byCore.set(core, null);
    }
  }
  return { byKey, byCore };
}

function sameZones(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((z) => b.includes(z));
}

const INDEXES: ReadonlyMap<string, CountryIndex> = new Map([
  ['RU', buildIndex('RU', RU_REGION_ZONES)],
  ['US', buildIndex('US', US_REGION_ZONES)],
  ['CA', buildIndex('CA', CA_REGION_ZONES)],
]);

/** The region tables by ISO 3166-1 country code. */
export const REGION_TABLES: ReadonlyMap<string, readonly RegionZones[]> = new Map([
  ['RU', RU_REGION_ZONES],
  ['US', US_REGION_ZONES],
  ['CA', CA_REGION_ZONES],
]);

/**
 * The IANA zones of a region written as an ISO 3166-2 code ("RU-KGD", "KGD", "US-MA", "MA"), a
 * Russian subject code ("39") or a name in Russian or English with the usual variants ("г. Москва",
 * "Калининградская обл.", "Kaliningrad Oblast", "Mass."). Null when the country or region is unknown.
 */
export function zonesForRegion(countryIso2: string, regionText: string): readonly string[] | null {
  return regionFor(countryIso2, regionText)?.zones ?? null;
}

/** The region entry (code, zones, names) that `zonesForRegion` reads; null when unknown. */
export function regionFor(countryIso2: string, regionText: string): RegionZones | null {
  const country = countryIso2.trim().toUpperCase();
  const index = INDEXES.get(country);
  if (index === undefined) return null;
  let text = regionText.trim();
  if (text.toUpperCase().startsWith(`${country}-`)) text = text.slice(country.length + 1);
  const key = /^\d$/.test(text) ? `0${text}` : fullKey(text);
  if (key === '') return null;
  const exact = index.byKey.get(key) ?? index.byKey.get(key.replace(/ /g, ''));
  if (exact !== undefined) return exact;
  const core = coreKey(text);
  const loose = core === '' ? undefined : index.byCore.get(core);
  return loose ?? null;
}

/**
 * The ISO 3166-2 code of an address region ("US-MA", "Massachusetts", "Калининградская обл."),
 * for rules that differ by region. The country is the address's, or the text's prefix ("US-"),
 * or the phone number's; null when no table knows the region.
 */
export function regionCodeOf(
  regionText: string,
  hints: { country?: string | null; e164?: string },
): string | null {
  const prefixed = /^([A-Za-z]{2})-/.exec(regionText)?.[1];
  const parsed = hints.e164 === undefined ? null : parsePhone(hints.e164);
  const fromNumber = parsed === null || 'error' in parsed ? undefined : parsed.country;
  const country = hints.country ?? prefixed ?? fromNumber;
  if (country === undefined) return null;
  return regionFor(country, regionText)?.code ?? null;
}
