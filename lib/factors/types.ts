/**
 * Input record of the factor engine: one row of the article's In[7] table. Structurally the same
 * type as `FieldRow` in lib/data/source.ts (the agreed data interface), repeated here so that the
 * factor modules do not depend on the data loaders.
 */
export type FieldRow = Record<string, number | string> & { Instrument: string; Date: string };
