/**
 * A data folder with k times the embedded sample's universe, for the scaling benchmark
 * (bench/pipeline-scale.bench.ts): every index member is repeated as k instruments
 * ("<RIC>" for copy 0, "C<c>.<RIC>" for copy c ≥ 1) with the same membership dates, and every
 * numeric field of copy c is the sample's value times a fixed factor 0.8 + 0.4·frac(c·φ) (φ the
 * golden ratio), so copies differ but stay plausible. history.csv and display_names.csv are the
 * sample's. Deterministic; nothing random.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

const SAMPLE = path.join(__dirname, "..", "data", "sample");

/** Writes the folder; returns the number of instruments per date and the bytes of fields.csv. */
export function writeScaledUniverse(dir: string, k: number): { names: number; fieldsBytes: number } {
  mkdirSync(dir, { recursive: true });
  const read = (f: string) => readFileSync(path.join(SAMPLE, f), "utf8").replace(/\r\n/g, "\n").trimEnd().split("\n");
  const ric = (r: string, c: number) => (c === 0 ? r : `C${c}.${r}`);
  const factor = (c: number) => (c === 0 ? 1 : 0.8 + 0.4 * ((c * 0.6180339887498949) % 1));

  const cons = read("constituents.csv");
  const consOut = [cons[0]];
  for (const line of cons.slice(1)) {
    const [index, date, r] = line.split(",");
    for (let c = 0; c < k; c++) consOut.push(`${index},${date},${ric(r, c)}`);
  }
  writeFileSync(path.join(dir, "constituents.csv"), `${consOut.join("\n")}\n`);

  const fields = read("fields.csv");
  const header = fields[0].split(",");
  const sector = header.indexOf("TR.TRBCECONOMICSECTOR");
  const date = header.indexOf("Date");
  const parts: string[] = [`${fields[0]}\n`];
  let bytes = parts[0].length;
  for (const line of fields.slice(1)) {
    // the sample has no quoted cells (sector names contain no commas)
    const cells = line.split(",");
    for (let c = 0; c < k; c++) {
      const f = factor(c);
      const out = cells.map((v, j) => {
        if (j === 0) return ric(v, c);
        if (j === sector || j === date || v === "" || v === "NaN") return v;
        return c === 0 ? v : String(Math.fround(Number(v) * f));
      });
      const text = `${out.join(",")}\n`;
      parts.push(text);
      bytes += text.length;
    }
  }
  writeFileSync(path.join(dir, "fields.csv"), parts.join(""));
  for (const f of ["history.csv", "display_names.csv"])
    writeFileSync(path.join(dir, f), readFileSync(path.join(SAMPLE, f)));
  return { names: 30 * k, fieldsBytes: bytes };
}
