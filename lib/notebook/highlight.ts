/**
 * Syntax highlighting of TypeScript cell sources for the HTML export, by TypeScript's own scanner
 * (the `typescript` package the project already uses, so no extra dependency and the same
 * tokens as the compiler): keywords, strings and template literals, numbers, comments, regular
 * expressions and capitalised type-like names become `<span class="tok-…">`; everything else is
 * escaped text. The output, stripped of its tags and unescaped, is the source exactly.
 */
import { escapeHtml } from "./table-format";

type TS = typeof import("typescript");

let tsModule: TS | undefined;
const ts = (): TS => {
  tsModule ??= require("typescript") as TS;
  return tsModule;
};

/** Highlighted HTML of a TypeScript source (see the module comment). */
export function highlightTypeScript(src: string): string {
  const t = ts();
  const K = t.SyntaxKind;
  const scanner = t.createScanner(t.ScriptTarget.Latest, false, t.LanguageVariant.Standard, src);
  const out: string[] = [];
  const templates: number[] = []; // brace depth at each open `${`
  let depth = 0;
  let prev: number = K.Unknown; // previous significant token, to tell a regex from a division
  const endsExpression = (k: number) =>
    k === K.Identifier ||
    k === K.CloseParenToken ||
    k === K.CloseBracketToken ||
    k === K.CloseBraceToken ||
    k === K.NumericLiteral ||
    k === K.BigIntLiteral ||
    k === K.StringLiteral ||
    k === K.NoSubstitutionTemplateLiteral ||
    k === K.TemplateTail ||
    k === K.ThisKeyword ||
    k === K.PlusPlusToken ||
    k === K.MinusMinusToken;
  let pos = 0;
  for (let k = scanner.scan(); k !== K.EndOfFileToken; k = scanner.scan()) {
    if ((k === K.SlashToken || k === K.SlashEqualsToken) && !endsExpression(prev)) k = scanner.reScanSlashToken();
    if (k === K.OpenBraceToken) depth++;
    if (k === K.CloseBraceToken) {
      if (templates.length && templates[templates.length - 1] === depth) {
        k = scanner.reScanTemplateToken(false);
        if (k === K.TemplateTail) templates.pop();
      } else depth--;
    }
    if (k === K.TemplateHead) templates.push(depth);
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    if (start > pos) out.push(escapeHtml(src.slice(pos, start)));
    const text = src.slice(start, end);
    let cls = "";
    if (k === K.SingleLineCommentTrivia || k === K.MultiLineCommentTrivia) cls = "com";
    else if (
      k === K.StringLiteral ||
      k === K.NoSubstitutionTemplateLiteral ||
      k === K.TemplateHead ||
      k === K.TemplateMiddle ||
      k === K.TemplateTail
    )
      cls = "str";
    else if (k === K.NumericLiteral || k === K.BigIntLiteral) cls = "num";
    else if (k === K.RegularExpressionLiteral) cls = "re";
    else if (k >= K.FirstKeyword && k <= K.LastKeyword) cls = "kw";
    else if (k === K.Identifier && /^[A-Z][A-Za-z0-9]*$/.test(text) && /[a-z]/.test(text)) cls = "type";
    out.push(cls ? `<span class="tok-${cls}">${escapeHtml(text)}</span>` : escapeHtml(text));
    pos = end;
    if (
      k !== K.WhitespaceTrivia &&
      k !== K.NewLineTrivia &&
      k !== K.SingleLineCommentTrivia &&
      k !== K.MultiLineCommentTrivia
    )
      prev = k;
  }
  if (pos < src.length) out.push(escapeHtml(src.slice(pos)));
  return out.join("");
}
