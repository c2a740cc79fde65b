import { Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { DataSource } from 'typeorm';
import { AuditService, Clock, ConflictError, DomainError, NotFoundError, onBehalfOfPartner, Principal, uniqueViolation, ValidationFailedError } from '@app/core';
import { PartnerService } from '@app/partners';
import { CreateSendingDomainDto, DnsRecordView, SendingDomainView, SetDkimKeyDto } from './sending-domain.dto';

const VERIFY_PREFIX = '_channelkit.';
const VERIFY_VALUE = 'channelkit-verification=';
const MIN_RSA_BITS = 1024;
const MAX_RSA_BITS = 4096;
const DNS_TIMEOUT_MS = 3_000;

interface SendingDomainRow {
  id: string;
  partner_id: string;
  domain: string;
  from_local_part: string;
  verification_token: string;
  verified_at: Date | null;
  dkim_selector: string | null;
  dkim_private_key: string | null;
  created_at: Date;
}

export class DomainNotVerifiedError extends DomainError {
  constructor(record: DnsRecordView, found: string[], reason: string) {
    super('DOMAIN_NOT_VERIFIED', `${record.name} has no TXT record "${record.value}" yet (${reason}); create it, wait for DNS to update, and try again`, 422, { record, found });
  }
}

/**
 * A partner's own From domains. A domain is claimed once across partners, proven by a TXT record
 * at `_channelkit.<domain>`, and signed with the DKIM key its partner sets (stored for the sender,
 * never shown again). Partner admins manage their own partner's domains, vendor admins anyone's.
 */
@Injectable()
export class SendingDomainService {
  private readonly resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 2 });

  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, partnerId: string): Promise<SendingDomainView[]> {
    await this.partners.get(principal, partnerId);
    const rows = await this.dataSource.query<SendingDomainRow[]>(`SELECT * FROM sending_domains WHERE partner_id = $1 ORDER BY created_at, domain`, [partnerId]);
    return rows.map((r) => view(r));
  }

  async create(principal: Principal, partnerId: string, dto: CreateSendingDomainDto, requestId?: string): Promise<SendingDomainView> {
    await this.partners.get(principal, partnerId);
    return this.dataSource.transaction(async (manager) => {
      const verifiedElsewhere = await manager.query<unknown[]>(`SELECT 1 FROM sending_domains WHERE domain = $1 AND verified_at IS NOT NULL AND partner_id <> $2`, [dto.domain, partnerId]);
      if (verifiedElsewhere.length > 0) throw new ConflictError('SENDING_DOMAIN_TAKEN', `${dto.domain} is already a verified sending domain of another partner`);
      const [row] = await manager.query<SendingDomainRow[]>(
        `INSERT INTO sending_domains (partner_id, domain, from_local_part, verification_token, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT sending_domains_partner_domain_key DO NOTHING RETURNING *`,
        [partnerId, dto.domain, dto.fromLocalPart ?? 'marketing', randomBytes(16).toString('hex'), this.clock.now()],
      );
      if (!row) throw new ConflictError('SENDING_DOMAIN_TAKEN', `${dto.domain} is already one of your sending domains`);
      await this.audit.record(
        { ...actor(principal, partnerId, requestId), action: 'sending_domain.created', entityType: 'sending_domain', entityId: row.id, after: { domain: row.domain, fromLocalPart: row.from_local_part } },
        manager,
      );
      return view(row);
    });
  }

  /** Looks the TXT record up now; a domain already verified stays verified. */
  async verify(principal: Principal, partnerId: string, id: string, requestId?: string): Promise<SendingDomainView> {
    const row = await this.find(principal, partnerId, id);
    if (row.verified_at) return view(row);
    const record = verificationRecord(row);
    const lookup = await this.txt(record.name);
    if (!lookup.values.includes(record.value)) throw new DomainNotVerifiedError(record, lookup.values.slice(0, 10), lookup.error ?? 'the record was not found');
    return this.dataSource.transaction(async (manager) => {
      const [updated] = await manager
        .query<SendingDomainRow[][]>(`UPDATE sending_domains SET verified_at = $3 WHERE id = $1 AND partner_id = $2 RETURNING *`, [id, partnerId, this.clock.now()])
        .catch((error: unknown) => {
          if (uniqueViolation(error, 'sending_domains_verified_key')) throw new ConflictError('SENDING_DOMAIN_TAKEN', `${row.domain} is already a verified sending domain of another partner`);
          throw error;
        });
      const saved = updated?.[0];
      if (!saved) throw new NotFoundError('Sending domain');
      await this.audit.record({ ...actor(principal, partnerId, requestId), action: 'sending_domain.verified', entityType: 'sending_domain', entityId: id, after: { domain: saved.domain } }, manager);
      return view(saved);
    });
  }

  /** Sets (or replaces) the domain's DKIM selector and private key. */
  async setDkim(principal: Principal, partnerId: string, id: string, dto: SetDkimKeyDto, requestId?: string): Promise<SendingDomainView> {
    await this.find(principal, partnerId, id);
    const pem = signingKey(dto.privateKey);
    return this.dataSource.transaction(async (manager) => {
      const [updated] = await manager.query<SendingDomainRow[][]>(`UPDATE sending_domains SET dkim_selector = $3, dkim_private_key = $4 WHERE id = $1 AND partner_id = $2 RETURNING *`, [
        id,
        partnerId,
        dto.selector,
        pem,
      ]);
      const saved = updated?.[0];
      if (!saved) throw new NotFoundError('Sending domain');
      await this.audit.record({ ...actor(principal, partnerId, requestId), action: 'sending_domain.dkim_set', entityType: 'sending_domain', entityId: id, after: { selector: dto.selector } }, manager);
      return view(saved);
    });
  }

  async remove(principal: Principal, partnerId: string, id: string, requestId?: string): Promise<void> {
    const row = await this.find(principal, partnerId, id);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM sending_domains WHERE id = $1 AND partner_id = $2`, [id, partnerId]);
      await this.audit.record({ ...actor(principal, partnerId, requestId), action: 'sending_domain.deleted', entityType: 'sending_domain', entityId: id, before: { domain: row.domain } }, manager);
    });
  }

  /** A domain of a partner the caller may see; anything else answers 404. */
  private async find(principal: Principal, partnerId: string, id: string): Promise<SendingDomainRow> {
    await this.partners.get(principal, partnerId);
    const [row] = await this.dataSource.query<SendingDomainRow[]>(`SELECT * FROM sending_domains WHERE id = $1 AND partner_id = $2`, [id, partnerId]);
    if (!row) throw new NotFoundError('Sending domain');
    return row;
  }

  /** The TXT strings at a name (a record's chunks joined); a failed lookup is an empty answer with its reason. */
  private async txt(name: string): Promise<{ values: string[]; error: string | null }> {
    try {
      return { values: (await this.resolver.resolveTxt(name)).map((chunks) => chunks.join('')), error: null };
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'lookup failed';
      return { values: [], error: code === 'ENOTFOUND' || code === 'ENODATA' ? 'no TXT record at that name' : `DNS lookup failed: ${code}` };
    }
  }
}

function actor(principal: Principal, partnerId: string, requestId: string | undefined) {
  return { actorUserId: principal.userId, onBehalfOfPartnerId: onBehalfOfPartner(principal, partnerId), requestId: requestId ?? null };
}

function verificationRecord(row: SendingDomainRow): DnsRecordView {
  return { type: 'TXT', name: `${VERIFY_PREFIX}${row.domain}`, value: `${VERIFY_VALUE}${row.verification_token}` };
}

/** The key as PKCS#8 PEM, or a 422 naming `privateKey`. Only RSA: the sender's DKIM signer signs rsa-sha256. */
function signingKey(pem: string): string {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw ValidationFailedError.field('privateKey', 'must be an unencrypted PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)', 422);
  }
  if (key.asymmetricKeyType !== 'rsa') throw ValidationFailedError.field('privateKey', `must be an RSA key (got ${key.asymmetricKeyType ?? 'unknown'}): DKIM signing here uses rsa-sha256`, 422);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) throw ValidationFailedError.field('privateKey', `must be an RSA key of ${MIN_RSA_BITS} to ${MAX_RSA_BITS} bits (got ${bits}); 2048 is recommended`, 422);
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The DKIM public key record for the stored key, so the partner can publish it. */
function dkimRecord(row: SendingDomainRow): DnsRecordView | null {
  if (!row.dkim_selector || !row.dkim_private_key) return null;
  const spki = createPublicKey(row.dkim_private_key).export({ type: 'spki', format: 'der' });
  return { type: 'TXT', name: `${row.dkim_selector}._domainkey.${row.domain}`, value: `v=DKIM1; k=rsa; p=${spki.toString('base64')}` };
}

function view(row: SendingDomainRow): SendingDomainView {
  return {
    id: row.id,
    partnerId: row.partner_id,
    domain: row.domain,
    fromLocalPart: row.from_local_part,
    fromAddress: `${row.from_local_part}@${row.domain}`,
    verified: row.verified_at !== null,
    verifiedAt: row.verified_at?.toISOString() ?? null,
    verificationRecord: verificationRecord(row),
    dkimConfigured: row.dkim_selector !== null && row.dkim_private_key !== null,
    dkimSelector: row.dkim_selector,
    dkimRecord: dkimRecord(row),
    createdAt: row.created_at.toISOString(),
  };
}
