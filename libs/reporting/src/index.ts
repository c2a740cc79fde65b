export * from './dashboard.dto';
export * from './dashboard.service';
export * from './reporting.module';
