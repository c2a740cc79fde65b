// Prints the README's role table from the permissions table (paste it between the role-table markers).
import { roleTableMarkdown } from '@app/core';

process.stdout.write(`${roleTableMarkdown()}\n`);
