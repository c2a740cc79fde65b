import { Foundation1795200000000 } from './1795200000000-foundation';
import { Templates1795240000000 } from './1795240000000-templates';
import { Campaigns1795250000000 } from './1795250000000-campaigns';
import { Contacts1795260000000 } from './1795260000000-contacts';
import { Links1795270000000 } from './1795270000000-links';
import { Leads1795280000000 } from './1795280000000-leads';
import { Mailing1795290000000 } from './1795290000000-mailing';
import { Nurture1795300000000 } from './1795300000000-nurture';
import { Deals1795310000000 } from './1795310000000-deals';
import { Mdf1795320000000 } from './1795320000000-mdf';
import { Assets1795330000000 } from './1795330000000-assets';
import { Reporting1795340000000 } from './1795340000000-reporting';
import { MailReliability1795390000000 } from './1795390000000-mail-reliability';
import { MdfFileNames1795400000000 } from './1795400000000-mdf-file-names';
import { JobOutbox1795410000000 } from './1795410000000-job-outbox';

/** Every migration, oldest first. A new migration is added here as well as in its file. */
export const MIGRATIONS = [Foundation1795200000000, Templates1795240000000, Campaigns1795250000000, Contacts1795260000000, Links1795270000000, Leads1795280000000, Mailing1795290000000, Nurture1795300000000, Deals1795310000000, Mdf1795320000000, Assets1795330000000, Reporting1795340000000, MailReliability1795390000000, MdfFileNames1795400000000, JobOutbox1795410000000];
