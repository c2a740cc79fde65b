import { ConflictError, DomainError, ForbiddenError } from '@app/core';

export class SequenceStatusError extends ConflictError {
  constructor(message: string) {
    super('SEQUENCE_STATUS', message);
  }
}

export class SequenceInUseError extends ConflictError {
  constructor() {
    super('SEQUENCE_IN_USE', 'This sequence has enrolments; pause it instead of deleting it');
  }
}

/** Enrolment in a kit sequence needs the partner's live launch of the kit (its emails use the launch's edits and links). */
export class NoLiveLaunchError extends ConflictError {
  constructor() {
    super('SEQUENCE_NO_LIVE_LAUNCH', 'Launch the kit (or resume your launch) before enrolling contacts in its sequence');
  }
}

export class EnrolmentStatusError extends ConflictError {
  constructor(status: string) {
    super('ENROLMENT_STATUS', `The enrolment has already ${status === 'completed' ? 'completed' : 'ended'}`);
  }
}

export class EnrolmentCsvError extends DomainError {
  constructor(message: string) {
    super('ENROLMENT_CSV_INVALID', message, 422, { fields: [{ field: 'file', problems: [message] }] });
  }
}

/** The partner-facing programs are the vendor's; a partner cannot enrol anyone into them. */
export class ProgramEnrolmentForbiddenError extends ForbiddenError {
  constructor() {
    super('This sequence is the vendor’s program for partner users; only the vendor enrols into it');
  }
}

/** A kit sequence's recipients are partners' contacts, which only their partner enrols. */
export class ContactEnrolmentForbiddenError extends ForbiddenError {
  constructor() {
    super('Contacts belong to partners: partners enrol their contacts into kit sequences; vendors enrol partner users into partner-facing sequences');
  }
}

/** Why a vendor gets no `ownPartnerScope` for enrolments of contacts: the data is the partner's own. */
export const CONTACT_ENROLMENTS_REFUSAL = 'Enrolments of contacts belong to partners';
