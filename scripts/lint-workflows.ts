/**
 * `npm run -s lint:workflows [files...]`: checks GitHub Actions workflows (default: every
 * .github/workflows/*.yml) with @actions/workflow-parser, GitHub's own parser and workflow schema
 * (the one behind the Actions editor support): YAML syntax, unknown or missing keys, value types,
 * `${{ }}` expressions, and job references (`needs`). Prints one line per problem and exits 1 when
 * there is any. Run through tsx: the parser imports its JSON schema the way bundlers allow.
 * test/unit/release-workflow.test.ts runs it on the real workflow and on broken ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The problems GitHub would report for one workflow file; empty when it is valid. */
export async function lintWorkflow(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const problems = parsed.context.errors.getErrors().map((e) => e.message);
  if (problems.length === 0 && parsed.value) {
    // Conversion checks what the schema cannot: job references, matrix and concurrency shapes.
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) problems.push(e.Message);
  }
  if (problems.length === 0 && !parsed.value) problems.push(`${name}: the file holds no workflow`);
  return [...new Set(problems)];
}

async function main(): Promise<void> {
  const dir = join(root, '.github', 'workflows');
  const files = process.argv.slice(2);
  if (files.length === 0)
    for (const f of readdirSync(dir).sort()) if (/\.ya?ml$/.test(f)) files.push(join(dir, f));
  if (files.length === 0) throw new Error(`no workflow files in ${relative(process.cwd(), dir)}`);
  let failed = 0;
  for (const file of files) {
    const name = relative(process.cwd(), file) || file;
    const problems = await lintWorkflow(name, readFileSync(file, 'utf8'));
    for (const p of problems) console.error(p.startsWith(name) ? p : `${name}: ${p}`);
    if (problems.length) failed++;
    else console.log(`${name}: ok`);
  }
  if (failed) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`lint-workflows: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
