export * from './activation-program.service';
export * from './enrolment.service';
export * from './nurture.errors';
export * from './nurture.module';
export * from './nurture.service';
export * from './nurture.types';
export * from './sequence-steps';
export * from './sequence.service';
