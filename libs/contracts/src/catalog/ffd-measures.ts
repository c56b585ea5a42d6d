/**
 * Мера количества предмета расчёта: the closed list of FFD 1.2 tag 2108 (code, name, short name). Every
 * organisation starts with these units, and a unit of its own must carry one of these codes.
 */
export const FFD_MEASURES: ReadonlyArray<{ readonly code: number; readonly name: string; readonly shortName: string }> = [
  { code: 0, name: 'штука или единица', shortName: 'шт' },
  { code: 10, name: 'грамм', shortName: 'г' },
  { code: 11, name: 'килограмм', shortName: 'кг' },
  { code: 12, name: 'тонна', shortName: 'т' },
  { code: 20, name: 'сантиметр', shortName: 'см' },
  { code: 21, name: 'дециметр', shortName: 'дм' },
  { code: 22, name: 'метр', shortName: 'м' },
  { code: 30, name: 'квадратный сантиметр', shortName: 'см²' },
  { code: 31, name: 'квадратный дециметр', shortName: 'дм²' },
  { code: 32, name: 'квадратный метр', shortName: 'м²' },
  { code: 40, name: 'миллилитр', shortName: 'мл' },
  { code: 41, name: 'литр', shortName: 'л' },
  { code: 42, name: 'кубический метр', shortName: 'м³' },
  { code: 50, name: 'киловатт час', shortName: 'кВт·ч' },
  { code: 51, name: 'гигакалория', shortName: 'Гкал' },
  { code: 70, name: 'сутки', shortName: 'сут' },
  { code: 71, name: 'час', shortName: 'ч' },
  { code: 72, name: 'минута', shortName: 'мин' },
  { code: 73, name: 'секунда', shortName: 'с' },
  { code: 80, name: 'килобайт', shortName: 'КБ' },
  { code: 81, name: 'мегабайт', shortName: 'МБ' },
  { code: 82, name: 'гигабайт', shortName: 'ГБ' },
  { code: 83, name: 'терабайт', shortName: 'ТБ' },
  { code: 255, name: 'иные единицы измерения', shortName: 'иные' },
];
