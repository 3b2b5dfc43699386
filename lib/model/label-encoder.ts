/**
 * LabelEncoder as scikit-learn's: the classes are the distinct labels in sorted order (strings by
 * UTF-16 code unit, as numpy sorts ASCII; numbers ascending) and each label is encoded as the index
 * of its class. The article encodes the best-factor names this way (In[30]), so class 0 is
 * "total_return_1m_leverage", 1 "…profitability", and so on alphabetically.
 */
import { NotFittedError } from "../validation";

export class LabelEncoder<T extends string | number = string> {
  private cls: T[] | null = null;

  /** Learns the sorted distinct labels. NaN labels are an error. */
  fit(labels: readonly T[]): this {
    if (labels.length === 0) throw new Error("LabelEncoder.fit: no labels");
    labels.forEach((v, i) => {
      if (typeof v === "number" && Number.isNaN(v)) throw new Error(`LabelEncoder.fit: label ${i} is NaN`);
      if (typeof v !== "number" && typeof v !== "string")
        throw new Error(`LabelEncoder.fit: label ${i} is ${String(v)}`);
    });
    const distinct = [...new Set(labels)];
    distinct.sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : a < b ? -1 : a > b ? 1 : 0));
    this.cls = distinct;
    return this;
  }

  /** Class index of each label; an unseen label is an error naming it. */
  transform(labels: readonly T[]): number[] {
    const classes = this.classes;
    const index = new Map<T, number>(classes.map((c, i) => [c, i]));
    return labels.map((v, i) => {
      const k = index.get(v);
      if (k === undefined) throw new Error(`LabelEncoder.transform: label ${i} (${String(v)}) was not seen in fit`);
      return k;
    });
  }

  fitTransform(labels: readonly T[]): number[] {
    return this.fit(labels).transform(labels);
  }

  /** Labels of class indices. */
  inverseTransform(codes: readonly number[]): T[] {
    const classes = this.classes;
    return codes.map((k, i) => {
      if (!Number.isInteger(k) || k < 0 || k >= classes.length)
        throw new Error(`LabelEncoder.inverseTransform: code ${i} (${k}) is not in 0..${classes.length - 1}`);
      return classes[k];
    });
  }

  /** The sorted classes (throws before `fit`). */
  get classes(): T[] {
    if (!this.cls) throw new NotFittedError("LabelEncoder", "not fitted yet (call fit first)");
    return this.cls;
  }
}
