// The docs name files and folders of the code; a rename that forgets them fails here, so the map a
// newcomer reads stays the map of the code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docs = [
  'README.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Repository paths a doc names in full: source files by their extension, and `src/` folders. */
function namedPaths(text: string): string[] {
  const found = text.match(/\b(?:server|kiosk|shared|sandbox|e2e|prisma|scripts)\/[\w./-]+/g) ?? [];
  return [...new Set(found.map((p) => p.replace(/[.,:;]+$/, '')))].filter(
    (p) => /\.(ts|tsx|mjs|cjs|sql|prisma|json|md|css|html)$/.test(p) || /\/src\/[\w/-]*\/$/.test(p),
  );
}

describe('the docs', () => {
  it.each(docs)('%s names only files that exist', (file) => {
    const missing = namedPaths(read(file)).filter((p) => !existsSync(path.join(root, p)));
    expect(missing, `${file} names paths that are gone`).toEqual([]);
  });

  it('docs/architecture.md maps every folder of server/src', () => {
    const map = read('docs/architecture.md');
    const folders = readdirSync(path.join(root, 'server/src'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'generated')
      .map((d) => `${d.name}/`);
    expect(folders.filter((folder) => !map.includes(`\`${folder}`))).toEqual([]);
  });
});
