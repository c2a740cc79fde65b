import { ForbiddenError } from '../errors/domain-error';
import { AllPartnersScope, ownPartnerScope, PartnerScope, partnerScope, scopeCovers, SystemScope } from './partner-scope';
import { PARTNER_ROLES, Principal, Role, VENDOR_ROLES } from './roles';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

function principal(role: Role, partnerId: string | null): Principal {
  return { userId: 'u', email: 'u@example.test', name: 'U', role, partnerId, tokenId: 't', tokenKind: 'session' };
}

/** What a repository method looks like: the scope is a required argument of the branded type. */
function findVisible(scope: PartnerScope, rowPartnerId: string): boolean {
  return scopeCovers(scope, rowPartnerId);
}

describe('the partner scope', () => {
  it('never gives a partner principal all partners, whatever it asks to narrow to', () => {
    for (const role of PARTNER_ROLES) {
      const me = principal(role, P1);
      for (const asked of [undefined, null, '', P1, P2]) {
        const scope = partnerScope(me, asked);
        expect(scope).toMatchObject({ kind: 'partner', partnerId: P1 });
        expect(findVisible(scope, P2)).toBe(false);
      }
    }
  });

  it('refuses a partner principal without a partner rather than widening it to all partners', () => {
    expect(() => partnerScope(principal('partner_user', null))).toThrow(ForbiddenError);
    expect(() => ownPartnerScope(principal('partner_admin', null), 'no')).toThrow(ForbiddenError);
  });

  it('gives a vendor principal all partners, or the one partner it narrows to', () => {
    for (const role of VENDOR_ROLES) {
      const all = partnerScope(principal(role, null));
      expect(all).toMatchObject({ kind: 'all', partnerId: null });
      expect(findVisible(all, P2)).toBe(true);
      expect(partnerScope(principal(role, null), P2)).toMatchObject({ kind: 'partner', partnerId: P2 });
    }
  });

  it("gives only partners their own partner's scope for partner-owned data", () => {
    expect(ownPartnerScope(principal('partner_user', P1), 'no')).toMatchObject({ kind: 'partner', partnerId: P1 });
    expect(() => ownPartnerScope(principal('vendor_admin', null), 'Contact lists belong to partners')).toThrow('Contact lists belong to partners');
  });

  it('names internal work that reads every partner', () => {
    expect(SystemScope.allPartners('test')).toMatchObject({ kind: 'all', partnerId: null });
    expect(SystemScope.partner(P2, 'test')).toMatchObject({ kind: 'partner', partnerId: P2 });
  });

  it('cannot be forged from a plain value (checked by the compiler)', () => {
    // @ts-expect-error a partner id is not a scope
    expect(findVisible(P1, P1)).toBe(false);
    // @ts-expect-error null no longer means "all partners"
    expect(() => findVisible(null, P1)).toThrow(TypeError);
    // @ts-expect-error nor does a look-alike object: only the constructors carry the brand
    const forged: AllPartnersScope = { kind: 'all', partnerId: null };
    expect(forged.kind).toBe('all');
    // @ts-expect-error a partner principal's scope is not typed as all partners
    const widened: AllPartnersScope = partnerScope(principal('partner_user', P1));
    expect(widened.kind).toBe('partner');
  });
});
