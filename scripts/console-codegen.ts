/**
 * Generates the admin console's typed GraphQL documents (console/src/gql/) from the committed SDL
 * (STYLE §29) with graphql-codegen's client preset: each `graphql(`…`)` document in console/src
 * becomes a TypedDocumentNode with its result and variables types. Run by `npm run build` and
 * `npm run typecheck` (output not committed), so a schema change that breaks a console query fails
 * both. The preset is driven through @graphql-codegen/core rather than the codegen CLI, whose
 * loaders require a newer Node.js than package.json's engines promise.
 */
import { codegen } from '@graphql-codegen/core';
import { preset } from '@graphql-codegen/client-preset';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { buildSchema, parse } from 'graphql';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..');
const SOURCES = join(ROOT, 'console', 'src');
const OUTPUT = join(SOURCES, 'gql');

const CONFIG = {
  enumType: 'const',
  useTypeImports: true,
  skipTypename: true,
  scalars: { DateTimeISO: 'string', JSON: 'unknown', JSONObject: 'Record<string, unknown>' },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === OUTPUT ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The `graphql(`…`)` documents of one file, found by the TypeScript parser (no interpolation allowed). */
function documentsOf(file: string): Types.DocumentFile[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Types.DocumentFile[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'graphql') {
      const [argument] = node.arguments;
      if (!argument || !ts.isNoSubstitutionTemplateLiteral(argument)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        throw new Error(
          `${relative(ROOT, file)}:${line + 1}: graphql() takes one template literal without \${}`,
        );
      }
      found.push({ location: relative(ROOT, file), rawSDL: argument.text, document: parse(argument.text) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

async function main(): Promise<void> {
  const sdl = readFileSync(join(ROOT, 'schema', 'identity.graphql'), 'utf8');
  const schemaAst = buildSchema(sdl, { assumeValidSDL: true });
  const documents = sourceFiles(SOURCES).flatMap(documentsOf);
  const outputs = await preset.buildGeneratesSection({
    baseOutputDir: `${OUTPUT}/`,
    schema: parse(sdl),
    schemaAst,
    documents,
    plugins: [],
    pluginMap: {},
    config: CONFIG,
    presetConfig: { fragmentMasking: false },
  });
  const files = await Promise.all(
    outputs.map(async (output) => ({ path: output.filename, content: await codegen(output) })),
  );
  rmSync(OUTPUT, { recursive: true, force: true });
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.content);
  }
  console.log(`console codegen: ${documents.length} documents → ${relative(ROOT, OUTPUT)}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
