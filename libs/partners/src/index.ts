export * from './partner.dto';
export * from './partner.entity';
export * from './partner.repository';
export * from './partner.service';
export * from './partners.module';
export * from './tier.entity';
export * from './eligibility';
export * from './partner.view';
