// `npm run build` and, with `--changed`, the build before `npm run demo` and `npm run dev`. The
// steps, in order: the widget (vite.config.ts → dist/ipsafezone-login.js and its chunks), the login
// page's one-module script (the same config with IPSAFEZONE_WIDGET_BUILD=inline →
// dist/assets/login-page.js), the admin/profile bundles (vite.pages.config.ts → dist/assets/), the
// login page's first forms rendered for the server (login-page/first-forms.ts →
// dist/login-first-forms.json), the brotli and gzip forms (scripts/compress-assets.ts), and the
// server compiled to build/ (scripts/build-server.mjs, tsc).
//
// Without flags every step runs, as a clean clone, CI and a release need. With `--changed` a step
// runs only when its build stamp (scripts/build-stamps.ts) no longer holds — a source, config or
// the lockfile differs from what it last built from, or an output went missing or was rewritten —
// so an unchanged tree starts the demo in a few seconds instead of a minute. The Vite steps record
// the files Vite actually read (its module graph), the server step every file under tsconfig.build.json's
// folders plus whatever else tsc emitted into build/, the compress step the files it compressed and
// the modules of the compress script. A step that runs again deletes the outputs of its previous
// run it no longer writes (old hashed chunks). `--only=widget,pages` limits the run to those steps
// (`bundles`: all but the server). scripts/dev.ts calls runBuild() on every change.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Plugin } from 'vite';
import { compressAll, compressJobs } from './compress-assets.js';
import {
  filesUnder,
  forgetStamp,
  makeStamp,
  readStamp,
  staleReason,
  writeStamp,
  type StepFiles,
} from './build-stamps.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const at = (...parts: string[]) => join(root, ...parts);

/** Read by every step: a dependency or compiler setting that changes may change any output. */
const SHARED_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json'].map((p) => at(p));
/** Files Vite reads besides the modules (it loads these .env files when present). */
const VITE_ENV_FILES = ['.env', '.env.local', '.env.production', '.env.production.local'];

interface Step {
  name: string;
  /** Settings besides the files that decide the output (kept in the stamp). */
  key: string;
  run: () => Promise<StepFiles>;
}

/** A `vite build` with the given config and environment, recording what it read and wrote. */
function viteStep(name: string, configFile: string, env: Record<string, string> = {}): Step {
  return {
    name,
    key: JSON.stringify({ configFile, env }),
    run: async () => {
      const { build } = await import('vite');
      const read = new Set<string>();
      const wrote: string[] = [];
      const recorder: Plugin = {
        name: 'ipsafezone-build-stamp',
        writeBundle(options, bundle) {
          for (const id of this.getModuleIds()) {
            const file = id.split('?')[0] ?? '';
            if (id.includes('\0') || !isAbsolute(file) || !file.startsWith(root + sep)) continue;
            if (file.includes(`${sep}node_modules${sep}`)) continue;
            read.add(file);
          }
          const dir = resolve(root, options.dir ?? 'dist');
          for (const fileName of Object.keys(bundle)) wrote.push(join(dir, fileName));
        },
      };
      const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
      Object.assign(process.env, env);
      try {
        await build({ root, configFile: at(configFile), plugins: [recorder] });
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
      if (wrote.length === 0) throw new Error(`vite build --config ${configFile} wrote nothing`);
      return {
        modules: read,
        inputs: [at(configFile), ...VITE_ENV_FILES.map((f) => at(f)), ...SHARED_INPUTS],
        outputs: wrote,
      };
    },
  };
}

/** The relative modules `file` imports, and theirs (`./x.js` is the source `./x.ts`). */
function localModules(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file) || !existsSync(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const [, spec] of source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const target = resolve(dirname(file), spec ?? '');
    localModules(target.endsWith('.js') ? target.replace(/\.js$/, '.ts') : target, seen);
  }
  return seen;
}

const compressStep: Step = {
  name: 'compress',
  key: 'brotli and gzip',
  run: () => {
    const jobs = compressJobs(root);
    if (jobs.length === 0) throw new Error('Nothing to compress: the Vite builds wrote nothing.');
    const outputs = compressAll(jobs);
    const script = at('scripts', 'compress-assets.ts');
    const modules = [...localModules(script)].filter((m) => m !== script);
    return Promise.resolve({
      modules,
      inputs: [script, ...jobs.map((j) => j.source), ...SHARED_INPUTS],
      outputs,
    });
  },
};

/** The login page's first forms, rendered by `@lit-labs/ssr` from the widget's templates. */
const firstFormsStep: Step = {
  name: 'first-forms',
  key: '@lit-labs/ssr',
  run: () => {
    // In a process of its own: `npm run dev` runs this step again and again, and a module imported
    // here would keep the widget's words and templates of the first run.
    const render = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "const { writeFirstForms } = await import('./login-page/first-forms.js');" +
          'console.log(writeFirstForms(process.argv[1]));',
        at('dist'),
      ],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (render.status !== 0) throw new Error('login-page/first-forms.ts failed');
    const output = render.stdout.trim();
    const script = at('login-page', 'first-forms.ts');
    const modules = [...localModules(script)].filter((m) => m !== script);
    return Promise.resolve({ modules, inputs: [script, ...SHARED_INPUTS], outputs: [output] });
  },
};

const serverStep: Step = {
  name: 'server',
  key: 'tsc -p tsconfig.build.json',
  run: () => {
    const result = spawnSync(process.execPath, [at('scripts', 'build-server.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('scripts/build-server.mjs failed');
    const config = JSON.parse(readFileSync(at('tsconfig.build.json'), 'utf8')) as {
      include?: string[];
    };
    // tsc emits every file the compiled ones import under its own path in build/ (rootDir is the
    // repository): build/package.json means package.json was read, build/shared/ a shared/ folder.
    const sources = new Set([...(config.include ?? []), ...readdirSync(at('build'))]);
    return Promise.resolve({
      modules: [...sources].flatMap((p) => filesUnder(at(p))),
      inputs: [at('tsconfig.build.json'), at('scripts', 'build-server.mjs'), ...SHARED_INPUTS],
      outputs: filesUnder(at('build')),
    });
  },
};

/** Every step, in the order they must run (compress reads what the Vite steps wrote). */
const STEPS: Step[] = [
  viteStep('widget', 'vite.config.ts'),
  viteStep('widget-inline', 'vite.config.ts', { IPSAFEZONE_WIDGET_BUILD: 'inline' }),
  viteStep('pages', 'vite.pages.config.ts'),
  firstFormsStep,
  compressStep,
  serverStep,
];

/** The step names `only` may hold; `bundles` stands for every step but the server. */
export const STEP_NAMES = STEPS.map((s) => s.name);

export interface BuildOptions {
  /** Run only the steps whose stamp no longer holds (`--changed`). */
  changed: boolean;
  /** Only these steps (and in their order in STEPS). */
  only?: readonly string[];
  /** Progress lines (`build: …`); console.log unless told. */
  log?: (line: string) => void;
}

/** Runs the build; returns the names of the steps that ran. Throws when a step fails. */
export async function runBuild(options: BuildOptions): Promise<string[]> {
  const log = options.log ?? console.log;
  const only = options.only?.flatMap((n) =>
    n === 'bundles' ? STEP_NAMES.filter((s) => s !== 'server') : [n],
  );
  const unknown = only?.filter((n) => !STEP_NAMES.includes(n)) ?? [];
  if (unknown.length > 0) {
    throw new Error(
      `build: no step ${unknown.join(', ')} (steps: ${STEP_NAMES.join(', ')}, bundles)`,
    );
  }
  const started = Date.now();
  const ran: string[] = [];
  for (const step of STEPS.filter((s) => !only || only.includes(s.name))) {
    const previous = readStamp(root, step.name);
    const reason = options.changed ? staleReason(root, previous, step.key) : 'a full build';
    if (reason === null) {
      log(`build: ${step.name} is up to date`);
      continue;
    }
    log(`build: ${step.name} (${reason})`);
    forgetStamp(root, step.name);
    const stamp = makeStamp(root, step.key, await step.run());
    // Outputs of the previous run that this one did not write again (old hashed chunks).
    for (const old of Object.keys(previous?.outputs ?? {})) {
      if (!(old in stamp.outputs)) rmSync(at(old), { force: true });
    }
    writeStamp(root, step.name, stamp);
    ran.push(step.name);
  }
  log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ran;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { changed: { type: 'boolean', default: false }, only: { type: 'string' } },
  });
  const only = values.only?.split(',').map((s) => s.trim());
  await runBuild({ changed: values.changed, ...(only ? { only } : {}) });
}
