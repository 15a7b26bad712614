// Builds the analyst console into target/webui (or the folder given as the first argument): the
// page, its stylesheet, and src/main.js bundled by esbuild as ES modules. The OIDC client library is
// split into its own chunk, loaded only when config.json asks for OIDC sign-in, so the first view of a
// local run carries none of it. Writes no config.json: the local gateway and the deployment templates
// each serve their own.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '../../../target/webui'));

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: join(here, 'src/main.js') },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  chunkNames: 'chunk-[hash]',
  outdir: out,
  logLevel: 'warning',
});
for (const f of ['index.html', 'app.css']) {
  await copyFile(join(here, f), join(out, f));
}
console.log(`webui: built into ${out}`);
