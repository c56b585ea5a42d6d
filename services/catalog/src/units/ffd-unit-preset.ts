import type { UnitFields } from './unit.decider';

/** The units of measure of FFD 1.2 (tag 2108), preloaded for every organisation. */
export const FFD_UNIT_PRESET: readonly UnitFields[] = [
  { name: 'штука или единица', shortName: 'шт', ffdCode: 0 },
  { name: 'грамм', shortName: 'г', ffdCode: 10 },
  { name: 'килограмм', shortName: 'кг', ffdCode: 11 },
  { name: 'тонна', shortName: 'т', ffdCode: 12 },
  { name: 'сантиметр', shortName: 'см', ffdCode: 20 },
  { name: 'дециметр', shortName: 'дм', ffdCode: 21 },
  { name: 'метр', shortName: 'м', ffdCode: 22 },
  { name: 'квадратный сантиметр', shortName: 'см²', ffdCode: 30 },
  { name: 'квадратный дециметр', shortName: 'дм²', ffdCode: 31 },
  { name: 'квадратный метр', shortName: 'м²', ffdCode: 32 },
  { name: 'миллилитр', shortName: 'мл', ffdCode: 40 },
  { name: 'литр', shortName: 'л', ffdCode: 41 },
  { name: 'кубический метр', shortName: 'м³', ffdCode: 42 },
  { name: 'киловатт час', shortName: 'кВт·ч', ffdCode: 50 },
  { name: 'гигакалория', shortName: 'Гкал', ffdCode: 51 },
  { name: 'сутки', shortName: 'сут', ffdCode: 70 },
  { name: 'час', shortName: 'ч', ffdCode: 71 },
  { name: 'минута', shortName: 'мин', ffdCode: 72 },
  { name: 'секунда', shortName: 'с', ffdCode: 73 },
  { name: 'килобайт', shortName: 'КБ', ffdCode: 80 },
  { name: 'мегабайт', shortName: 'МБ', ffdCode: 81 },
  { name: 'гигабайт', shortName: 'ГБ', ffdCode: 82 },
  { name: 'терабайт', shortName: 'ТБ', ffdCode: 83 },
  { name: 'иные единицы измерения', shortName: 'иные', ffdCode: 255 },
];
