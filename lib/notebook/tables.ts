/**
 * Table helpers for the notebooks: turn the data structures of lib (labelled matrices) into the
 * column records that `show` displays. Nothing is computed or rescaled here: values keep the
 * units of the input.
 */
import { ArgumentError } from "../validation";

/**
 * A labelled matrix as a column table for `show(table, { index: indexName })`: the first column,
 * `indexName`, holds the row labels; then one column per matrix column, named `colNames[j]`
 * (default: the row labels, for a square matrix such as a correlation matrix), holding
 * `matrix[0][j], matrix[1][j], …`. So row i, column j of the display is `matrix[i][j]`.
 *
 * Throws an `ArgumentError` when the shape does not match the labels (rows ≠ rowNames, a row's
 * length ≠ colNames), or when two columns would get the same name (a repeated column label, or
 * one equal to `indexName`), which would silently drop a column.
 */
export function matrixTable(
  indexName: string,
  rowNames: readonly string[],
  matrix: readonly (readonly number[] | Float64Array)[],
  colNames: readonly string[] = rowNames,
): Record<string, (string | number)[]> {
  const where = "matrixTable";
  if (matrix.length !== rowNames.length)
    throw new ArgumentError({
      where,
      argument: "matrix",
      value: matrix,
      problem: `has ${matrix.length} rows for ${rowNames.length} row names`,
    });
  matrix.forEach((row, i) => {
    if (row.length !== colNames.length)
      throw new ArgumentError({
        where,
        argument: "matrix",
        index: i,
        value: row,
        problem: `has ${row.length} entries for ${colNames.length} column names`,
      });
  });
  const seen = new Set([indexName]);
  for (const c of colNames) {
    if (seen.has(c))
      throw new ArgumentError({ where, argument: "colNames", value: c, problem: "repeats a column name" });
    seen.add(c);
  }
  return Object.fromEntries([[indexName, [...rowNames]], ...colNames.map((c, j) => [c, matrix.map((row) => row[j])])]);
}
