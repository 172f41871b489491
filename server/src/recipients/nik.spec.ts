import { describe, expect, it } from 'vitest';
import { isKkNumber, makeNik, maskNik, validateNik } from './nik';

const TODAY = new Date('2026-11-22T00:00:00Z');

describe('validateNik', () => {
  it('reads a man’s NIK: region, birth date, sex', () => {
    expect(validateNik('3273011505850001', TODAY)).toEqual({
      ok: true, regionPrefix: '32.73.01', birthDate: '1985-05-15', sex: 'M',
    });
  });

  it('reads a woman’s NIK: 40 added to the day', () => {
    expect(validateNik('3578015505850002', TODAY)).toEqual({
      ok: true, regionPrefix: '35.78.01', birthDate: '1985-05-15', sex: 'F',
    });
  });

  it('puts a two-digit year after this year in the 1900s, otherwise the 2000s', () => {
    expect(validateNik('3273010101260001', TODAY)).toMatchObject({ ok: true, birthDate: '2026-01-01' });
    expect(validateNik('3273010101270001', TODAY)).toMatchObject({ ok: true, birthDate: '1927-01-01' });
    expect(validateNik('3273010101000001', TODAY)).toMatchObject({ ok: true, birthDate: '2000-01-01' });
  });

  it('accepts 29 February only in a leap year', () => {
    expect(validateNik('3273012902000001', TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(validateNik('3273016902960001', TODAY)).toMatchObject({ ok: true, birthDate: '1996-02-29', sex: 'F' });
    expect(validateNik('3273012902010001', TODAY)).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
    expect(validateNik('3273016902990001', TODAY)).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
  });

  it('refuses impossible days and months, and births still to come', () => {
    for (const nik of ['3273013204850001', '3273017204850001', '3273013104850001', '3273011513850001', '3273010001850001', '3273013512260001']) {
      expect(validateNik(nik, TODAY)).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
    }
  });

  it('refuses serial 0000', () => {
    expect(validateNik('3273011505850000', TODAY)).toMatchObject({ ok: false, reason: 'SERIAL' });
  });

  it('refuses a province outside 11–96 and a 00 district or sub-district', () => {
    for (const nik of ['1073011505850001', '9773011505850001', '3200011505850001', '3273001505850001']) {
      expect(validateNik(nik, TODAY)).toMatchObject({ ok: false, reason: 'REGION' });
    }
  });

  it('refuses anything but exactly 16 digits', () => {
    for (const nik of ['', '327301150585000', '32730115058500011', '32730115O5850001', '3273 01150585001', '３２７３０１１５０５８５０００１']) {
      expect(validateNik(nik, TODAY)).toMatchObject({ ok: false, reason: 'FORMAT' });
    }
  });

  it('never repeats the NIK, or any run of its digits, in a message', () => {
    const bad = ['9973011505850001', '3273013204850001', '3273011505850000', '32730115O5850001'];
    for (const nik of bad) {
      const result = validateNik(nik, TODAY);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).not.toContain(nik);
        expect(result.message).not.toMatch(/[0-9]{5,}/);
      }
    }
  });
});

describe('makeNik', () => {
  it('builds NIKs that validate back to their parts', () => {
    const man = makeNik({ subdistrictCode: '32.73.01', birthDate: '1985-05-15', sex: 'M', serial: 1 });
    const woman = makeNik({ subdistrictCode: '91.71.02', birthDate: '2004-02-29', sex: 'F', serial: 9999 });
    expect(man).toBe('3273011505850001');
    expect(woman).toBe('9171026902049999');
    expect(validateNik(woman, TODAY)).toEqual({ ok: true, regionPrefix: '91.71.02', birthDate: '2004-02-29', sex: 'F' });
  });

  it('throws on impossible parts', () => {
    expect(() => makeNik({ subdistrictCode: '32.73', birthDate: '1985-05-15', sex: 'M', serial: 1 })).toThrow(RangeError);
    expect(() => makeNik({ subdistrictCode: '32.73.01', birthDate: '2001-02-29', sex: 'M', serial: 1 })).toThrow(RangeError);
    expect(() => makeNik({ subdistrictCode: '32.73.01', birthDate: '1985-05-15', sex: 'M', serial: 0 })).toThrow(RangeError);
    expect(() => makeNik({ subdistrictCode: '32.73.01', birthDate: '1985-05-15', sex: 'M', serial: 10000 })).toThrow(RangeError);
  });
});

describe('maskNik', () => {
  it('keeps the first and last four digits', () => {
    expect(maskNik('3273011505850001')).toBe('3273********0001');
  });

  it('masks everything when it is not a NIK', () => {
    expect(maskNik('12345')).toBe('****************');
  });
});

describe('isKkNumber', () => {
  it('wants 16 digits that start with a plausible region', () => {
    expect(isKkNumber('3273012003150004')).toBe(true);
    expect(isKkNumber('0073012003150004')).toBe(false);
    expect(isKkNumber('327301200315000')).toBe(false);
    expect(isKkNumber('32730120031500a4')).toBe(false);
  });
});
