import type { Schemas } from '../api/types';

export type Contact = Schemas['ContactView'];

export type ImportCreated = Schemas['ImportCreatedView'];

export type ImportReport = Schemas['ImportReportView'];

export type ImportRow = Schemas['ImportRowView'];

export type AudienceView = Schemas['AudienceView'];

export type AudienceFilter = Schemas['AudienceFilterDto'];

export type Consent = Contact['consentStatus'];

export const CONSENTS: Consent[] = ['granted', 'pending', 'denied', 'unknown'];
