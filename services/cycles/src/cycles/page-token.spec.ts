import { PageTokens } from './page-token';

describe('page tokens of GET /cycles', () => {
  const tokens = new PageTokens('a-secret-of-this-deployment');
  const query = "DutyYear = 2026 AND DutyUnitAncestors = 'u1'";
  const position = Uint8Array.from([1, 2, 3, 250, 251]);

  it('hands back the position it was given for the same query', () => {
    const token = tokens.encode(position, query);
    expect(token).not.toBeNull();
    expect(tokens.decode(token ?? '', query)).toEqual(Buffer.from(position));
  });

  it('has no token for the last page', () => {
    expect(tokens.encode(null, query)).toBeNull();
    expect(tokens.encode(new Uint8Array(), query)).toBeNull();
  });

  it('refuses a token taken to another query, edited, or signed with another secret', () => {
    const token = tokens.encode(position, query) ?? '';
    expect(tokens.decode(token, "DutyYear = 2026 AND DutyUnitAncestors = 'u2'")).toBeUndefined();
    const [encoded = '', signature = ''] = token.split('.');
    const edited = `${Buffer.from([9, 9, 9]).toString('base64url')}.${signature}`;
    expect(tokens.decode(edited, query)).toBeUndefined();
    expect(new PageTokens('another-secret').decode(token, query)).toBeUndefined();
    expect(tokens.decode(`${encoded}.`, query)).toBeUndefined();
    expect(tokens.decode('garbage', query)).toBeUndefined();
  });
});
