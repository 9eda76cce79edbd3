import { DEFAULT_BOILERPLATE, normalizeCharacters, normalizeText, stripLeadingNumbering } from './index';

describe('text normalisation', () => {
  it('folds full-width forms, lower-cases latin, and drops spaces and punctuation', () => {
    expect(normalizeCharacters('落实“一岗双责”，每季度ＡＢＣ检查１２次！ OK')).toBe(
      '落实一岗双责每季度abc检查12次ok',
    );
    expect(normalizeCharacters('公开　办事流程、投诉电话；（接受）监督。…')).toBe(
      '公开办事流程投诉电话接受监督',
    );
  });

  it('drops leading numbering in its usual forms', () => {
    for (const numbered of [
      '1、廉政谈话',
      '１．廉政谈话',
      '（一）廉政谈话',
      '(2)廉政谈话',
      '第三条 廉政谈话',
      '①廉政谈话',
      '十、廉政谈话',
    ]) {
      expect(normalizeText(numbered)).toBe('廉政谈话');
    }
    expect(stripLeadingNumbering('一岗双责')).toBe('一岗双责'); // 一 starts a word here, not a number
    expect(normalizeText('三重一大事项集体决策')).toBe('三重一大事项集体决策');
  });

  it('drops boilerplate words unless told otherwise', () => {
    expect(normalizeText('进一步切实加强监督，确保有效落实')).toBe('加强监督落实');
    expect(normalizeText('进一步加强监督', { boilerplate: [] })).toBe('进一步加强监督');
    expect(DEFAULT_BOILERPLATE).not.toContain('监督');
  });

  it('gives the same result on the fast path as NFKC on every BMP character', () => {
    const slow = (text: string) =>
      text
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '');
    const differing: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCharCode(code);
      if (normalizeCharacters(character) !== slow(character)) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
    expect(normalizeCharacters('Ⅻ号𠀀楼ｶ')).toBe(slow('Ⅻ号𠀀楼ｶ')); // falls back to NFKC as a whole
  });
});
