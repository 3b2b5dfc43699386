/**
 * JSON serialisation of a {@link BoosterModel} in XGBoost 1.7's JSON model layout
 * (`learner.learner_model_param`, `learner.objective`, `learner.gradient_booster.model.{trees,
 * tree_info}`, each tree as parallel node arrays), plus a `factorIndex` block with the training
 * hyper-parameters. float32 values are written as the exact decimal of the float32, so loading gives
 * bit-identical trees and predictions. Models saved by Python xgboost 1.7 (`Booster.save_model`
 * with a `.json` name) load as well (their hyper-parameters are not in the file; defaults are used).
 */
import { type BoosterModel, type BoosterObjective, type BoosterParams, DEFAULT_BOOSTER_PARAMS } from "./booster-exact";

/** The serialised form (a plain JSON-compatible object). */
export interface BoosterJSON {
  learner: {
    learner_model_param: { base_score: string; num_class: string; num_feature: string; num_target: string };
    objective: { name: string };
    gradient_booster: {
      name: "gbtree";
      model: {
        gbtree_model_param: { num_trees: string; num_parallel_tree: string; size_leaf_vector: string };
        trees: TreeJSON[];
        tree_info: number[];
      };
    };
  };
  version: number[];
  factorIndex?: { params: BoosterParams };
}

interface TreeJSON {
  id: number;
  left_children: number[];
  right_children: number[];
  parents: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[];
  base_weights: number[];
  loss_changes: number[];
  sum_hessian: number[];
  tree_param: { num_nodes: string; num_feature: string; num_deleted: string; size_leaf_vector: string };
}

/** Serialises a model (see the module comment). */
export function boosterToJSON(model: BoosterModel): BoosterJSON {
  const p = model.params;
  return {
    learner: {
      learner_model_param: {
        base_score: String(p.baseScore),
        num_class: p.objective === "multi:softprob" ? String(p.numClass) : "0",
        num_feature: String(model.numFeature),
        num_target: "1",
      },
      objective: { name: p.objective },
      gradient_booster: {
        name: "gbtree",
        model: {
          gbtree_model_param: { num_trees: String(model.trees.length), num_parallel_tree: "1", size_leaf_vector: "0" },
          trees: model.trees.map((t, id) => ({
            id,
            left_children: Array.from(t.left),
            right_children: Array.from(t.right),
            parents: Array.from(t.parent),
            split_indices: Array.from(t.splitIndex),
            split_conditions: Array.from(t.splitConditions),
            default_left: Array.from(t.defaultLeft),
            base_weights: Array.from(t.baseWeights),
            loss_changes: Array.from(t.lossChanges),
            sum_hessian: Array.from(t.sumHessian),
            tree_param: {
              num_nodes: String(t.left.length),
              num_feature: String(model.numFeature),
              num_deleted: "0",
              size_leaf_vector: "0",
            },
          })),
          tree_info: Array.from(model.treeInfo),
        },
      },
    },
    version: [1, 7, 4],
    factorIndex: { params: { ...p } },
  };
}

function numArray(v: unknown, what: string, n?: number): number[] {
  if (!Array.isArray(v) || v.some((e) => typeof e !== "number"))
    throw new Error(`boosterFromJSON: ${what} must be an array of numbers`);
  if (n !== undefined && v.length !== n)
    throw new Error(`boosterFromJSON: ${what} has ${v.length} entries, expected ${n}`);
  return v as number[];
}

/**
 * Reads a model written by {@link boosterToJSON} or by Python xgboost 1.7 (`save_model("m.json")`,
 * gbtree booster, objective binary:logistic or multi:softprob, no categorical splits). Throws on
 * anything else, naming the offending field.
 */
export function boosterFromJSON(json: unknown): BoosterModel {
  const j = (typeof json === "string" ? JSON.parse(json) : json) as Partial<BoosterJSON>;
  const learner = j?.learner;
  if (!learner?.gradient_booster?.model) throw new Error("boosterFromJSON: not an XGBoost JSON model (no learner)");
  const objective = learner.objective?.name as BoosterObjective;
  if (objective !== "binary:logistic" && objective !== "multi:softprob")
    throw new Error(
      `boosterFromJSON: objective ${String(objective)} is not supported (binary:logistic, multi:softprob)`,
    );
  const mp = learner.learner_model_param;
  const numFeature = Number(mp.num_feature);
  const numClass = objective === "multi:softprob" ? Number(mp.num_class) : 2;
  const params: BoosterParams = j.factorIndex?.params
    ? { ...j.factorIndex.params }
    : { ...DEFAULT_BOOSTER_PARAMS, objective, numClass, baseScore: Number(mp.base_score) };
  params.baseScore = Number(mp.base_score);
  const m = learner.gradient_booster.model;
  const trees = m.trees.map((t, i) => {
    const n = Number(t.tree_param.num_nodes);
    const w = `trees[${i}]`;
    const parents = numArray(t.parents, `${w}.parents`, n);
    return {
      left: Int32Array.from(numArray(t.left_children, `${w}.left_children`, n)),
      right: Int32Array.from(numArray(t.right_children, `${w}.right_children`, n)),
      parent: Int32Array.from(parents),
      splitIndex: Int32Array.from(numArray(t.split_indices, `${w}.split_indices`, n)),
      splitConditions: Float32Array.from(numArray(t.split_conditions, `${w}.split_conditions`, n)),
      defaultLeft: Uint8Array.from(numArray(t.default_left, `${w}.default_left`, n)),
      baseWeights: Float32Array.from(numArray(t.base_weights, `${w}.base_weights`, n)),
      lossChanges: Float32Array.from(numArray(t.loss_changes, `${w}.loss_changes`, n)),
      sumHessian: Float32Array.from(numArray(t.sum_hessian, `${w}.sum_hessian`, n)),
    };
  });
  const treeInfo = Int32Array.from(numArray(m.tree_info, "tree_info", trees.length));
  for (const t of trees)
    for (let k = 0; k < t.left.length; k++)
      if (t.left[k] !== -1 && (t.splitIndex[k] < 0 || t.splitIndex[k] >= numFeature))
        throw new Error(`boosterFromJSON: split feature ${t.splitIndex[k]} outside 0..${numFeature - 1}`);
  return { params, numFeature, trees, treeInfo };
}
