import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, call, newIdempotencyKey } from '../api/client';
import type { EditableField, Schemas } from '../api/types';
import { EditableInput, editsOf } from '../editable-field';
import { mapLimit, TEMPLATE_KIND_LABELS, type TemplateDetail } from '../pages/vendor-templates-common';
import { PERMISSIONS } from '../permissions';
import { Link, navigate } from '../router';
import { useToast } from '../toast';
import { Async, EmptyState, Field, loadAll, type Loaded, toApiError, useLoad } from '../ui';
import { windowText } from '../vendor-ui';
import type { Partner } from './partner-sections';

type KitView = Schemas['KitView'];

type PartnerAudience = Schemas['PartnerAudienceView'];

/** Vendor roles that may launch a kit on a partner's behalf (from the API's permissions table). */
export const CONCIERGE_ROLES: readonly string[] = PERMISSIONS['launch-kits'].roles.filter((r) => r !== 'partner_admin' && r !== 'partner_user');

function eligibleNow(kit: KitView, partner: Partner, now = Date.now()): boolean {
  if (kit.status !== 'published') return false;
  const e = kit.version.eligibility as { tierIds?: string[]; regions?: string[]; partnerIds?: string[] };
  const named = e.partnerIds ?? [];
  const tiers = e.tierIds ?? [];
  const regions = e.regions ?? [];
  const eligible = named.includes(partner.id) || (tiers.length === 0 && regions.length === 0 ? named.length === 0 : (tiers.length === 0 || tiers.includes(partner.tierId)) && (regions.length === 0 || regions.includes(partner.region)));
  const { startsAt, endsAt } = kit.version;
  return eligible && (!startsAt || new Date(startsAt).getTime() <= now) && (!endsAt || new Date(endsAt).getTime() > now);
}

interface KitTemplateFields {
  template: TemplateDetail;
  fields: EditableField[];
}

/** Concierge: the vendor launches a published kit for the partner, filling its editable fields where needed. */
export function LaunchOnBehalf({ partner }: { partner: Partner }) {
  const kits = useLoad(() => loadAll((cursor) => call(api.GET('/api/v1/kits', { params: { query: { limit: 100, cursor } } }))), []);
  const [kitId, setKitId] = useState('');
  const launchable = useMemo(() => (kits.data ?? []).filter((k) => eligibleNow(k, partner)).sort((a, b) => a.version.name.localeCompare(b.version.name)), [kits.data, partner]);
  const others = (kits.data ?? []).filter((k) => k.status === 'published').length - launchable.length;
  return (
    <section className="card launch-panel" aria-labelledby="concierge-title">
      <h2 id="concierge-title">Launch on {partner.name}’s behalf</h2>
      <p className="help">The launch is theirs: their co-branded renditions, links and landing page. The audit log records that you launched it for them.</p>
      <Async state={kits}>
        {() =>
          launchable.length === 0 ? (
            <EmptyState>No published kit is open to this partner now.</EmptyState>
          ) : (
            <div className="field">
              <label htmlFor="concierge-kit">Kit</label>
              <select id="concierge-kit" value={kitId} onChange={(e) => setKitId(e.target.value)} aria-describedby="concierge-kit-help" data-testid="concierge-kit">
                <option value="">Choose a kit…</option>
                {launchable.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.version.name} ({k.category})
                  </option>
                ))}
              </select>
              <p id="concierge-kit-help" className="help">
                Published kits this partner is eligible for and that are open now
                {others > 0 ? `; ${others} other published ${others === 1 ? 'kit is' : 'kits are'} not open to them` : ''}.
              </p>
            </div>
          )
        }
      </Async>
      {kitId && <ConciergeForm key={kitId} kitId={kitId} partner={partner} />}
    </section>
  );
}

function ConciergeForm({ kitId, partner }: { kitId: string; partner: Partner }) {
  const { notify } = useToast();
  const state = useLoad(async () => {
    const kit = await call(api.GET('/api/v1/kits/{id}', { params: { path: { id: kitId } } }));
    const templates = await mapLimit(kit.version.templates, 4, async (ref): Promise<KitTemplateFields> => {
      const template = await call(api.GET('/api/v1/templates/{id}', { params: { path: { id: ref.templateId } } }));
      const versions = template.versions ?? [];
      const version = versions.find((v) => v.id === ref.templateVersionId) ?? versions.find((v) => v.status === 'published');
      const fields = (version?.manifest.fields ?? []).filter((f): f is EditableField => f.source === 'editable');
      return { template, fields };
    });
    return { kit, templates };
  }, [kitId]);
  const audiences = useLoad(() => call(api.GET('/api/v1/partners/{partnerId}/audiences', { params: { path: { partnerId: partner.id }, query: { limit: 100 } } })), [partner.id]);
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  const [audienceId, setAudienceId] = useState('');
  const [sendAt, setSendAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const key = useRef(newIdempotencyKey());
  const payload = JSON.stringify({ values, audienceId, sendAt });
  // A changed launch is a new request; a retry of the same one keeps its key.
  useEffect(() => {
    key.current = newIdempotencyKey();
  }, [payload]);

  const edits = (templates: KitTemplateFields[]) =>
    Object.fromEntries(templates.map((t) => [t.template.id, editsOf(t.fields, values[t.template.id])] as const).filter(([, e]) => Object.keys(e).length > 0));

  const launch = async (templates: KitTemplateFields[]) => {
    setBusy(true);
    setError(null);
    try {
      const launched = await call(
        api.POST('/api/v1/kits/{id}/launches', {
          params: { path: { id: kitId }, header: { 'Idempotency-Key': key.current } },
          body: {
            partnerId: partner.id,
            edits: edits(templates) as unknown as Record<string, never>,
            ...(audienceId ? { audienceId } : {}),
            // A local time without an offset: the API reads it in the partner's time zone.
            ...(audienceId && sendAt ? { sendAt } : {}),
          },
        }),
      );
      const audience = audiences.data?.items.find((a) => a.id === audienceId);
      notify(audience ? `Launched for ${partner.name}; the email to ${audience.name} is scheduled.` : `Launched for ${partner.name}.`);
      navigate(`/launches/${launched.id}`);
    } catch (e) {
      const err = toApiError(e);
      setError(err);
      setBusy(false);
      const existing = err.details.launchId;
      if (err.code === 'KIT_ALREADY_LAUNCHED' && typeof existing === 'string') {
        notify(`${partner.name} already has a live launch of this kit.`, 'info');
        return;
      }
      notify(err.code === 'LAUNCH_BLOCKED' ? 'The launch is blocked: fill the fields marked below.' : err.summary, 'error');
      // Keyboard and screen reader users land on the first field to fix.
      if (err.code === 'LAUNCH_BLOCKED' || Object.keys(err.fields).length > 0) window.setTimeout(() => document.querySelector<HTMLElement>('.launch-panel [aria-invalid="true"]')?.focus(), 0);
    }
  };

  return (
    <Async state={state}>
      {({ kit, templates }) => {
        const blocking = (kit.assetIssues ?? []).filter((i) => i.blocking);
        const fieldProblem = (templateId: string, fieldKey: string) => error?.fieldMessage(`edits.${templateId}.${fieldKey}`);
        const placed = (name: string) => name === 'audienceId' || name === 'sendAt' || templates.some((t) => t.fields.some((f) => name === `edits.${t.template.id}.${f.key}`));
        const unplaced = error ? Object.entries(error.fields).filter(([name]) => !placed(name)) : [];
        const hasEmail = templates.some((t) => t.template.kind === 'email');
        const existing = error?.code === 'KIT_ALREADY_LAUNCHED' && typeof error.details.launchId === 'string' ? error.details.launchId : null;
        return (
          <>
            <p className="muted">
              Version {kit.version.version} · available {windowText(kit.version.startsAt, kit.version.endsAt)}
            </p>
            {blocking.length > 0 && (
              <p className="notice" role="note">
                {blocking.map((i) => i.title ?? i.assetId).join(', ')} {blocking.length === 1 ? 'is' : 'are'} withdrawn from the library: the kit cannot launch until {blocking.length === 1 ? 'it is' : 'they are'} replaced.
              </p>
            )}
            {templates.every((t) => t.fields.length === 0) && <p className="muted">Nothing to fill: every template takes the partner’s profile and the kit’s defaults.</p>}
            {templates
              .filter((t) => t.fields.length > 0)
              .map((t) => (
                <fieldset key={t.template.id} className="fieldset">
                  <legend>
                    {t.template.name} <span className="muted">({TEMPLATE_KIND_LABELS[t.template.kind]})</span>
                  </legend>
                  {t.fields.map((f) => (
                    <EditableInput
                      key={f.key}
                      id={`concierge-${t.template.id}-${f.key}`}
                      testId={`concierge-field-${t.template.key}-${f.key}`}
                      field={f}
                      value={values[t.template.id]?.[f.key] ?? f.default ?? ''}
                      problem={fieldProblem(t.template.id, f.key)}
                      onChange={(v) => setValues((all) => ({ ...all, [t.template.id]: { ...all[t.template.id], [f.key]: v } }))}
                    />
                  ))}
                </fieldset>
              ))}
            {hasEmail ? (
              <ConciergeAudience
                partner={partner}
                audiences={audiences}
                audienceId={audienceId}
                sendAt={sendAt}
                onAudience={setAudienceId}
                onSendAt={setSendAt}
                audienceError={error?.fieldMessage('audienceId')}
                sendAtError={error?.fieldMessage('sendAt')}
              />
            ) : (
              <p className="muted">This kit has no email: the launch makes their links, banners and landing page.</p>
            )}
            {error && (
              <div className="form-error" role="alert" data-testid="launch-blockers">
                {existing ? (
                  <p>
                    {partner.name} already has a live launch of this kit: <Link to={`/launches/${existing}`}>open it</Link>.
                  </p>
                ) : (
                  <p>{error.code === 'LAUNCH_BLOCKED' ? 'The launch is blocked by the fields marked above.' : error.summary}</p>
                )}
                {unplaced.length > 0 && (
                  <ul>
                    {unplaced.map(([name, problems]) => (
                      <li key={name}>
                        <code>{name}</code> {problems.join(' ')}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            <button type="button" className="button primary" onClick={() => void launch(templates)} disabled={busy || blocking.length > 0} aria-busy={busy} data-testid="launch-on-behalf">
              {busy ? 'Launching…' : `Launch for ${partner.name}`}
            </button>
          </>
        );
      }}
    </Async>
  );
}

/** Who the concierge launch emails, and when: one of the partner's audiences (names and sizes only) at a time in the partner's zone. */
function ConciergeAudience({
  partner,
  audiences,
  audienceId,
  sendAt,
  onAudience,
  onSendAt,
  audienceError,
  sendAtError,
}: {
  partner: Partner;
  audiences: Loaded<{ items: PartnerAudience[]; nextCursor: string | null }>;
  audienceId: string;
  sendAt: string;
  onAudience: (id: string) => void;
  onSendAt: (value: string) => void;
  audienceError: string | undefined;
  sendAtError: string | undefined;
}) {
  const chosen = audiences.data?.items.find((a) => a.id === audienceId);
  return (
    <fieldset className="fieldset">
      <legend>Email (optional)</legend>
      <Async state={audiences}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted" data-testid="concierge-no-audience">
              {partner.name} has no audience yet: the launch sends no email. Their admins create audiences from their contacts.
            </p>
          ) : (
            <>
              <Field
                id="concierge-audience"
                label="Email this audience of theirs"
                help={
                  chosen
                    ? `${chosen.sendable} of the ${chosen.matching} contacts it matches agreed to hear from ${partner.name} and have not unsubscribed; only they are emailed, in ${partner.name}’s name.`
                    : `The email goes out in ${partner.name}’s name to the contacts of the audience who agreed to hear from them.`
                }
                error={audienceError}
              >
                {(describedBy, invalid) => (
                  <select id="concierge-audience" value={audienceId} onChange={(e) => onAudience(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} data-testid="concierge-audience">
                    <option value="">No email now (links and landing page only)</option>
                    {items.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name} ({a.sendable} to email)
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="concierge-send-at" label="Send at" help={`In ${partner.name}’s time zone (${partner.timeZone}). Leave empty to send right away.`} error={sendAtError}>
                {(describedBy, invalid) => (
                  <input
                    id="concierge-send-at"
                    type="datetime-local"
                    value={sendAt}
                    onChange={(e) => onSendAt(e.target.value)}
                    disabled={!audienceId}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    data-testid="concierge-send-at"
                  />
                )}
              </Field>
            </>
          )
        }
      </Async>
    </fieldset>
  );
}
