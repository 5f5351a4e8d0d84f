import { describe, expect, it } from 'vitest';
import { SAMPLE_CATALOGUE } from '../district/catalogue.ts';
import { matchClass } from './classSearch.ts';

/** The Chinese names of the sample classes a search finds, in catalogue order. */
const found = (query: string) => SAMPLE_CATALOGUE.filter((c) => matchClass(c, query)).map((c) => c.name);

describe('class search', () => {
  it('finds a class by its English name: "manhole" finds the missing manhole cover', () => {
    expect(found('manhole')).toEqual(['井盖缺失', '井盖破损', '上水井盖', '燃气井盖']);
    expect(found('Manhole cover missing')).toEqual(['井盖缺失']);
    expect(found('MISSING')).toEqual(['井盖缺失']);
  });

  it('matches English words by their start, in any order, not inside a word', () => {
    expect(found('rubbish')).toEqual(['垃圾箱', '垃圾收集站', '暴露垃圾']);
    expect(found('rubbi')).toEqual(found('rubbish'));
    expect(found('rubb')).toEqual([...found('rubbish'), '积存渣土']); // rubble
    expect(found('bin rubbish')).toEqual(['垃圾箱']);
    // "hole" is inside "manhole", not the start of a word.
    expect(found('hole')).toEqual([]);
    expect(found('bike')).toEqual(['非机动车乱停放']);
    expect(found('e-bike')).toEqual(['非机动车乱停放']);
    expect(found('gas')).toEqual(['燃气井盖', '燃气泄漏']);
  });

  it('finds plurals of a singular name', () => {
    expect(found('hydrants')).toEqual(['消防栓']);
    expect(found('street lights')).toEqual(['路灯']);
  });

  it('finds by the English major class', () => {
    expect(found('emergencies')).toEqual(['路面塌陷', '供水管道破裂', '燃气泄漏', '电线断落', '树木倒伏']);
    expect(found('parks')).toEqual(['行道树', '绿地养护', '绿地护栏', '花坛花箱']);
  });

  it('still finds by Chinese name, major class, code and characters in order', () => {
    const c = SAMPLE_CATALOGUE.find((x) => x.code === 'E0101')!;
    expect(c.name).toBe('暴露垃圾');
    expect(matchClass(c, '垃圾')).toBe(true);
    expect(matchClass(c, '市容')).toBe(true);
    expect(matchClass(c, 'e0101')).toBe(true);
    expect(matchClass(c, 'Ｅ０１０１')).toBe(true);
    expect(matchClass(c, '暴垃')).toBe(true);
    expect(matchClass(c, '井盖')).toBe(false);
    expect(matchClass(c, '  ')).toBe(true);
  });

  it('works for a class imported without English names', () => {
    const c = { code: 'E0101', name: '暴露垃圾', major: '市容环境' };
    expect(matchClass(c, '暴露')).toBe(true);
    expect(matchClass(c, 'rubbish')).toBe(false);
    expect(matchClass(c, 'e01')).toBe(true);
  });

  it('every sample class and major class has an English name', () => {
    expect(SAMPLE_CATALOGUE).toHaveLength(59);
    for (const c of SAMPLE_CATALOGUE) {
      expect(c.nameEn, c.name).toMatch(/^[A-Z][A-Za-z ()'&-]+$/);
      expect(c.majorEn, c.major).toMatch(/^[A-Z][A-Za-z ]+$/);
    }
    expect(new Set(SAMPLE_CATALOGUE.map((c) => c.nameEn)).size).toBe(59);
  });
});
