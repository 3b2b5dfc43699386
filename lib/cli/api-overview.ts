/**
 * `npx tsx lib/cli/api-overview.ts [--check]` — the API overview of lib/ARCHITECTURE.md, generated
 * from the package's public surface: every name that `@factor-index/lib` exports (lib/index.ts),
 * namespace by namespace, grouped by the module that defines it, with its kind and the first
 * sentence of its doc comment. The overview is written between the `<!-- api:start -->` and
 * `<!-- api:end -->` markers of lib/ARCHITECTURE.md; `--check` only compares and exits 1 when the
 * page is out of date (the unit tests run the same comparison).
 *
 * The surface is read with the TypeScript compiler (the project's devDependency), following
 * re-exports to the declaring module, so the page cannot list a name the package does not
 * export, nor miss one. Order: namespaces as lib/index.ts lists them, modules by path, names in
 * code-unit order; nothing depends on the machine.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { EXIT, parseOptions, runCli, wantsHelp } from "./args";

const USAGE = "Usage: npx tsx lib/cli/api-overview.ts [--check]";
const START = "<!-- api:start -->";
const END = "<!-- api:end -->";

/** One exported name: where it is declared, what it is, its doc comment's first sentence. */
interface ApiEntry {
  name: string;
  kind: string;
  module: string;
  summary: string;
}

function kindOf(decl: ts.Declaration | undefined): string {
  if (!decl) return "value";
  if (ts.isFunctionDeclaration(decl)) return "function";
  if (ts.isClassDeclaration(decl)) return "class";
  if (ts.isInterfaceDeclaration(decl)) return "interface";
  if (ts.isTypeAliasDeclaration(decl)) return "type";
  if (ts.isEnumDeclaration(decl)) return "enum";
  if (ts.isVariableDeclaration(decl)) {
    const init = decl.initializer;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return "function";
    return "const";
  }
  if (ts.isModuleDeclaration(decl) || ts.isSourceFile(decl)) return "namespace";
  return "value";
}

/** The first sentence of a doc comment, on one line, at most 120 characters. */
function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const m = /^(.*?\.)(\s|$)/.exec(flat);
  let s = m ? m[1] : flat;
  if (s.length > 120) s = `${s.slice(0, 117).trimEnd()}…`;
  return s.replace(/\|/g, "\\|");
}

/**
 * The doc comment written for the declaration itself, or undefined when it has no JSDoc of its
 * own (then the checker's documentation, e.g. of an overload, is used). TypeScript attaches every
 * JSDoc block before a statement to it, so the first declaration of a file without imports also
 * "has" the module's header comment; a block separated from the declaration by a blank line is
 * a header, not the declaration's doc, and is left out.
 */
function ownDoc(decl: ts.Declaration | undefined): string | undefined {
  if (!decl) return undefined;
  const docs = ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc);
  if (docs.length === 0) return undefined;
  const statement = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
  const text = decl.getSourceFile().text;
  const start = statement.getStart();
  const own = docs.filter((d) => !/\n[ \t]*\r?\n/.test(text.slice(d.end, start)));
  if (own.length === 0) return "";
  return ts.getTextOfJSDocComment(own[own.length - 1].comment) ?? "";
}

function resolve(checker: ts.TypeChecker, sym: ts.Symbol): ts.Symbol {
  return sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
}

function entriesOf(checker: ts.TypeChecker, syms: readonly ts.Symbol[], libDir: string): ApiEntry[] {
  const out: ApiEntry[] = [];
  for (const exp of syms) {
    const target = resolve(checker, exp);
    const decl = target.declarations?.[0];
    const file = decl?.getSourceFile().fileName ?? "";
    out.push({
      name: exp.getName(),
      kind: kindOf(decl),
      module: relative(libDir, file).replace(/\\/g, "/"),
      summary: firstSentence(ownDoc(decl) ?? ts.displayPartsToString(target.getDocumentationComment(checker))),
    });
  }
  return out.sort((a, b) =>
    a.module < b.module ? -1 : a.module > b.module ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

function section(title: string, entries: readonly ApiEntry[]): string[] {
  const lines = [`### ${title}`, ""];
  let module = "";
  for (const e of entries) {
    if (e.module !== module) {
      if (module !== "") lines.push("");
      module = e.module;
      lines.push(`\`lib/${module}\``, "");
    }
    lines.push(`- \`${e.name}\` (${e.kind})${e.summary ? `: ${e.summary}` : ""}`);
  }
  lines.push("");
  return lines;
}

/** The generated overview (Markdown, without the markers) for the checkout at `root`. */
export function apiOverview(root: string): string {
  const libDir = join(root, "lib");
  const index = join(libDir, "index.ts");
  const program = ts.createProgram([index], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(index);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`api-overview: cannot read ${index}`);
  const top = checker.getExportsOfModule(moduleSymbol);
  const namespaces: ts.Symbol[] = [];
  const direct: ts.Symbol[] = [];
  for (const s of top) {
    const target = resolve(checker, s);
    if (target.flags & ts.SymbolFlags.ValueModule) namespaces.push(s);
    else direct.push(s);
  }
  let count = 0;
  const lines: string[] = [];
  const directEntries = entriesOf(checker, direct, libDir);
  count += directEntries.length;
  lines.push(...section('top level (`import { show, plot, … } from "@factor-index/lib"`)', directEntries));
  for (const ns of namespaces) {
    const entries = entriesOf(checker, checker.getExportsOfModule(resolve(checker, ns)), libDir);
    count += entries.length;
    lines.push(...section(`\`${ns.getName()}\``, entries));
  }
  return [
    `Generated by \`npx tsx lib/cli/api-overview.ts\` from lib/index.ts: ${count} names in ${namespaces.length} namespaces and the top level.`,
    "",
    ...lines,
  ]
    .join("\n")
    .trimEnd();
}

/** `page` with the text between the markers replaced by `overview`. */
export function withOverview(page: string, overview: string): string {
  const a = page.indexOf(START);
  const b = page.indexOf(END);
  if (a < 0 || b < a) throw new Error(`api-overview: lib/ARCHITECTURE.md needs the markers ${START} and ${END}`);
  return `${page.slice(0, a + START.length)}\n${overview}\n${page.slice(b)}`;
}

function main(argv: string[]): number {
  if (wantsHelp(argv)) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const { check } = parseOptions(argv, { check: { type: "boolean" } });
  const root = join(__dirname, "..", "..");
  const pagePath = join(root, "lib", "ARCHITECTURE.md");
  const page = readFileSync(pagePath, "utf8");
  const next = withOverview(page, apiOverview(root));
  if (check) {
    if (next === page) {
      console.log("lib/ARCHITECTURE.md: API overview up to date");
      return EXIT.ok;
    }
    console.error("lib/ARCHITECTURE.md: API overview out of date; run npx tsx lib/cli/api-overview.ts");
    return EXIT.failure;
  }
  writeFileSync(pagePath, next);
  console.log(`wrote the API overview of lib/ARCHITECTURE.md`);
  return EXIT.ok;
}

if (require.main === module) runCli("api-overview", main, { usage: USAGE });
