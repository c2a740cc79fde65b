import { humanClickSql, isHumanClick } from './human-click';

describe('the human click rule', () => {
  it('counts a click neither a bot nor a mail scanner made', () => {
    expect(isHumanClick({ bot: false, scanner: false })).toBe(true);
    expect(isHumanClick({ bot: true, scanner: false })).toBe(false);
    expect(isHumanClick({ bot: false, scanner: true })).toBe(false);
  });

  it('is the same rule in SQL, with or without a table alias', () => {
    expect(humanClickSql()).toBe('NOT bot AND NOT scanner');
    expect(humanClickSql('c')).toBe('NOT c.bot AND NOT c.scanner');
  });
});
