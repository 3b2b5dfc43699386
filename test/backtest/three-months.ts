/** The hand-made three-month case shared by the backtest tests. */
import type { PredictionMonth } from "../../lib/backtest";

// Hand-made three-month case. Each row is "as of" the end of its month: the returns are those of
// the month itself, the label / prediction / probabilities are about the NEXT month.
//   month     A     B     C   label(next)  pred(next)  p(A,B,C)
//   2020-01   1     2     3   B            A           .5 .3 .2
//   2020-02  -1     4     0   C            C           .1 .2 .7
//   2020-03   2     1     5   A            B           .2 .5 .3
// Expected (hand-computed) returns table, one row per month that has a previous prediction:
//   2020-02: best = B (label of Jan) → 4; pred = A (Jan's prediction) → −1;
//            proba = .5·(−1) + .3·4 + .2·0 = 0.7
//   2020-03: best = C → 5; pred = C → 5; proba = .1·2 + .2·1 + .7·5 = 3.9
export const threeMonths = (): PredictionMonth[] => [
  {
    date: "2020-01-31",
    returns: { A: 1, B: 2, C: 3 },
    bestFactorNextMonth: "B",
    predicted: "A",
    probabilities: { A: 0.5, B: 0.3, C: 0.2 },
  },
  {
    date: "2020-02-29",
    returns: { A: -1, B: 4, C: 0 },
    bestFactorNextMonth: "C",
    predicted: "C",
    probabilities: { A: 0.1, B: 0.2, C: 0.7 },
  },
  {
    date: "2020-03-31",
    returns: { A: 2, B: 1, C: 5 },
    bestFactorNextMonth: "A",
    predicted: "B",
    probabilities: { A: 0.2, B: 0.5, C: 0.3 },
  },
];
