/**
 * A WHERE clause built from optional filters, with numbered parameters:
 * `w.and(\`partner_id = ${w.param(id)}\`)`, then `query(\`… ${w.where()} …\`, w.params)`.
 */
export class SqlConditions {
  private readonly conditions: string[] = [];

  /** `params` may hold parameters the query binds before the conditions (`$1`, …). */
  constructor(readonly params: unknown[] = []) {}

  /** Binds a value and answers its placeholder (`$n`); use it as often as the SQL needs it. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** `WHERE a AND b`, or nothing without conditions. */
  where(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }

  get empty(): boolean {
    return this.conditions.length === 0;
  }
}
