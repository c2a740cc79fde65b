export * from './campaigns.module';
export * from './eligibility';
export * from './kit-version.entity';
export * from './kit.dto';
export * from './kit.entity';
export * from './kit.service';
export * from './launch.entity';
export * from './launch.service';
