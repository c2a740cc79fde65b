export * from './dashboard.dto';
export * from './dashboard.service';
export * from './partner-metrics.dto';
export * from './partner-metrics.service';
export * from './reporting.module';
