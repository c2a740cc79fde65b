import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from './app-config';

describe('.env.example', () => {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', '.env.example'), 'utf8');
  const documented = new Map(
    [...text.matchAll(/^([A-Z0-9_]+)=(.*?)(?:\s+#.*)?$/gm)].map((m) => [m[1]!, m[2]!.trim()]),
  );

  it('documents every variable the config reads, with its default', () => {
    for (const [name, fallback] of Object.entries(CONFIG_VARIABLES)) {
      expect({ name, documented: documented.get(name) }).toEqual({ name, documented: fallback });
    }
  });

  it('documents nothing the config does not read', () => {
    expect([...documented.keys()].filter((name) => !(name in CONFIG_VARIABLES))).toEqual([]);
  });
});
