import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * The static half of the rule the storage and mail services enforce at run time (they throw under
 * test when called inside a transaction): no `transaction(...)` callback in libs/<lib>/src calls
 * S3 (`this.storage`) or SMTP (`this.mail`), directly or through a method of its own class. The
 * run-time guard covers what the suites exercise; this covers the rest of the code.
 */
const LIBS = path.resolve(__dirname, '../../..');
const IO_FIELDS = new Set(['storage', 'mail']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** `this.<name>` */
function thisMember(node: ts.Node): string | null {
  return ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword ? node.name.text : null;
}

/** What a piece of code calls: `this.storage.x()` / `this.mail.x()` as "io:storage.x", `this.method()` as "method". */
function callsIn(node: ts.Node): string[] {
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const own = thisMember(n.expression);
      const field = thisMember(n.expression.expression);
      if (own) found.push(own);
      else if (field && IO_FIELDS.has(field)) found.push(`io:${field}.${n.expression.name.text}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** The I/O each method of the class reaches through its own methods. */
function ioOfMethods(cls: ts.ClassDeclaration): Map<string, string[]> {
  const direct = new Map<string, string[]>();
  for (const member of cls.members) {
    if ((ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member)) && member.name && ts.isIdentifier(member.name)) direct.set(member.name.text, callsIn(member));
  }
  const resolved = new Map<string, string[]>();
  const resolve = (name: string, seen: Set<string>): string[] => {
    if (resolved.has(name)) return resolved.get(name)!;
    if (seen.has(name)) return [];
    seen.add(name);
    const io = (direct.get(name) ?? []).flatMap((call) => (call.startsWith('io:') ? [call] : resolve(call, seen).map((x) => `${x} via ${call}`)));
    resolved.set(name, io);
    return io;
  };
  for (const name of direct.keys()) resolve(name, new Set());
  return resolved;
}

function violations(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visitClass = (cls: ts.ClassDeclaration): void => {
    const methods = ioOfMethods(cls);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'transaction') {
        const callback = n.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
        if (callback) {
          const io = callsIn(callback).flatMap((call) => (call.startsWith('io:') ? [call] : (methods.get(call) ?? []).map((x) => `${x} via ${call}`)));
          const line = source.getLineAndCharacterOfPosition(n.getStart()).line + 1;
          for (const x of io) out.push(`${path.relative(LIBS, file)}:${line} ${x.replace(/^io:/, '')}`);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(cls);
  };
  const walk = (n: ts.Node): void => {
    if (ts.isClassDeclaration(n)) visitClass(n);
    ts.forEachChild(n, walk);
  };
  walk(source);
  return out;
}

describe('no S3 or SMTP inside a database transaction', () => {
  it('no transaction callback in the libs calls storage or mail, directly or through its own class', () => {
    const files = fs.readdirSync(LIBS).flatMap((lib) => (fs.existsSync(path.join(LIBS, lib, 'src')) ? sourceFiles(path.join(LIBS, lib, 'src')) : []));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(violations)).toEqual([]);
  });

  it('finds a call made inside a transaction, also through a helper method', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'io-tx-'));
    const file = path.join(dir, 'example.service.ts');
    fs.writeFileSync(
      file,
      `class Example {
        async direct() { await this.dataSource.transaction(async (m) => { await this.storage.put('k', b, 't'); }); }
        async helper() { await this.dataSource.transaction((m) => this.store(m)); }
        async after() { await this.dataSource.transaction(async (m) => 1); await this.mail.send(x); }
        private async store(m) { await this.storage.delete('k'); }
      }`,
    );
    try {
      expect(violations(file).map((v) => v.replace(/^.*example\.service\.ts:/, ''))).toEqual(['2 storage.put', '3 storage.delete via store']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
