/**
 * A click counts as a person's when neither a bot nor a mail security scanner made it. Every
 * "filtered clicks" figure uses this one rule: in SQL through `humanClickSql`, in code through
 * `isHumanClick`.
 */
export function isHumanClick(click: { bot: boolean; scanner: boolean }): boolean {
  return !click.bot && !click.scanner;
}

/** The rule as a SQL condition over a `link_clicks` row, its columns qualified by `alias` when given. */
export function humanClickSql(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `NOT ${column('bot')} AND NOT ${column('scanner')}`;
}
