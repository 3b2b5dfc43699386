/** pipeline: the whole notebook-01 chain as one call (CLI and Corrections section), and its views. */

export {
  ARTICLE_CORRECTED,
  ARTICLE_FAITHFUL,
  type ArticleErrata,
  type ArticleErrataInput,
  type ArticleErratumRow,
  articleErrataTable,
  ERRATA,
  type Erratum,
  type ErratumAlias,
  type ErratumArea,
  errataMarkdown,
  erratumById,
  MODEL_CORRECTED,
  MODEL_FAITHFUL,
  type ModelErrata,
  resolveArticleErrata,
} from "../errata";
export * from "./article-pipeline";
export * from "./look-ahead";
export * from "./outputs";
export * from "./study";
export * from "./views";
