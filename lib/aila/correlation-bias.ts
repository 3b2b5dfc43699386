/**
 * Optional standard-index correlation preference (AiLA methodology, reference 003, "Index
 * correlation" and "Standard index bias"): on days with at least 5 assets of non-zero wU, move wU
 * to the weights closest in angle to it whose risk-model correlation with the standard index
 * (BCOM/GSCI-like weights b) is at least cos θ (positive preference) or at most −cos θ (negative
 * preference); active weights keep their signs, the gross sum Σ|w| = Σ|wU| is kept.
 *
 * ## Risk space
 * Same block risk model as n-effective.ts: assets of one group have correlation 1, groups are
 * uncorrelated, so a weight vector w has group exposures X_g(w) = Σ_{i∈g} σ_i·w_i and
 * wᵀΣw = ‖X(w)‖². The cosine of the angle between X(w) and X(b) is therefore the correlation of
 * the two portfolios' returns under that model, and the preference is an angle bound:
 *   positive:  ∠(X(w),  X(b)) ≤ θ      negative:  ∠(X(w), −X(b)) ≤ θ.
 *
 * ## Degrees of correlation
 * The document names four degrees but gives no numbers. `CORRELATION_DEGREE_ANGLES` spaces them in
 * equal steps of 15° of risk-space angle between "no preference" (90°) and "replicate the
 * standard index" (0°): degree 1 = 75° (|ρ| ≥ 0.259), 2 = 60° (0.5), 3 = 45° (0.707),
 * 4 = 30° (0.866). Every caller may pass its own angles.
 *
 * ## Which assets (the document: "all available assets associated with the standard index")
 * Active assets (wU_i ≠ 0, σ_i > 0) may change size but not sign. With `universe: "standard"`
 * (default) an inactive standard-index constituent (b_i > 0, σ_i > 0, `eligible`) may also take a
 * weight, with the preference's sign (long for positive, short for negative); with
 * `universe: "active"` only active assets move. Each group g can then reach the exposures of a
 * face F_g: all reals (it holds allowed longs and shorts), [0, ∞), (−∞, 0] or {0}.
 *
 * ## Exact solution
 * The angle to X_U = X(wU) is scale free, so — exactly as in constrained-weights.ts (Moreau) —
 * the best direction is the Euclidean projection y* of X_U onto the closed convex cone
 * C = SOC(e, θ) ∩ F, with e = ±X(b)/‖X(b)‖. Writing the KKT conditions with the multiplier μ ≥ 0 of
 * h(y) = cos θ·‖y‖ − ⟨e, y⟩ ≤ 0 gives y*·(1 + μ cos θ/‖y*‖) = P_F(X_U + μe) (F is a cone, so its
 * normal cone is scale invariant): y* points along z(μ) = P_F(X_U + μe), for the μ at which
 * ∠(z(μ), e) = θ (μ = 0 when X_U already meets the bound). μ is bracketed and bisected, then
 * computed in closed form on the support S of z (there z_S = X_U,S + μ e_S, so cos∠ = cos θ is a
 * quadratic: μ = (−a + cos θ·√((bq − a²)/(b − cos²θ)))/b with a = ⟨X_U,S, e_S⟩, b = ‖e_S‖²,
 * q = ‖X_U,S‖²), and y* = ⟨X_U, z⟩/‖z‖²·z. The solution is accepted only with a KKT certificate
 * (`biasKktCertificate`, independent of how y* was found): y* ∈ C, ⟨X_U − y*, y*⟩ = 0, and
 * X_U − y* = μ∇h(y*) + v with μ ≥ 0 and v in the normal cone of F at y*. KKT conditions are
 * sufficient for a convex problem, so a certified y* is the global optimum. No admissible
 * direction leaves wU unchanged (reason "no-admissible-direction"): C = {0} (‖P_F(e)‖ ≤ cos θ),
 * or P_C(X_U) = 0, i.e. every direction within the bound is at 90° or more from wU — a local
 * SLSQP fit would then turn the portfolio against its own signals (seen in the SciPy fixtures:
 * 145° from wU), which we decline to do.
 *
 * ## Back to weights
 * Group g with y*_g of the sign of X_U,g: its active weights of that sign are scaled so that
 * they carry y*_g minus the exposure of its opposite-signed active weights, which keep their wU
 * (a single-signed group is scaled by y*_g/X_U,g, keeping wU's proportions; a long/short group
 * whose net X_U,g is nearly 0 does not blow up). Otherwise the group's exposure goes to its
 * assets allowed that sign: its
 * active ones of that sign in proportion to |wU_i| if there are any, else its eligible
 * constituents in proportion to b_i; the group's other assets go to 0. Finally w is rescaled to
 * Σ|w| = Σ|wU|. Because the angle problem is scale free the sum is always kept when the bias is
 * applied (the document's "cannot be guaranteed" refers to SciPy's local fit); assets without a
 * volatility keep their wU and take no part.
 *
 * Units: weights fractions, σ annualised fractions, angles in radians; `angleBefore/After` are
 * angles to +X(b), so cos(angle) is the risk-model correlation with the standard index.
 */
import { ArgumentError } from "../validation";

/** Correlation preference of the standard-index bias. */
export type CorrelationPreference = "positive" | "negative";
/** Degrees of correlation 1 (weakest) … 4 (strongest). */
export type CorrelationDegree = 1 | 2 | 3 | 4;
/** Names of the degrees (notebook tables). */
export const CORRELATION_DEGREE_NAMES: Readonly<Record<CorrelationDegree, string>> = {
  1: "weak",
  2: "moderate",
  3: "strong",
  4: "very strong",
};
/** Default maximum risk-space angle of each degree: 75°, 60°, 45°, 30° (see module comment). */
export const CORRELATION_DEGREE_ANGLES: readonly [number, number, number, number] = [75, 60, 45, 30].map(
  (d) => (d * Math.PI) / 180,
) as unknown as readonly [number, number, number, number];

/** Angle of a degree, with optional caller angles [degree 1 … degree 4] in radians. */
export function correlationDegreeAngle(degree: CorrelationDegree, angles = CORRELATION_DEGREE_ANGLES): number {
  if (![1, 2, 3, 4].includes(degree))
    throw new ArgumentError({
      where: "correlationDegreeAngle",
      argument: "degree",
      value: degree,
      problem: "must be 1, 2, 3 or 4",
    });
  return angles[degree - 1];
}

/** Euclidean projection onto the circular cone {x : ∠(x, e) ≤ θ}, e a unit vector, 0 ≤ θ < π/2. */
export function projectCircularCone(x: ArrayLike<number>, e: ArrayLike<number>, theta: number): Float64Array {
  const n = x.length;
  let t = 0;
  for (let i = 0; i < n; i++) t += x[i] * e[i];
  const v = Float64Array.from(x, (xi, i) => xi - t * e[i]);
  let r = 0;
  for (let i = 0; i < n; i++) r += v[i] * v[i];
  r = Math.sqrt(r);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  if (r * c <= t * s) return Float64Array.from(x); // inside
  if (t * c + r * s <= 0) return new Float64Array(n); // in the polar cone
  const k = t * c + r * s; // length of the projection
  return Float64Array.from({ length: n }, (_, i) => k * (c * e[i] + (r > 0 ? (s * v[i]) / r : 0)));
}

/** Face of one coordinate: 2 = any real, 1 = ≥ 0, −1 = ≤ 0, 0 = held at 0. */
export type FaceCode = 2 | 1 | -1 | 0;

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const projectFace = (z: ArrayLike<number>, face: ArrayLike<number>) =>
  Float64Array.from(z, (v, g) =>
    face[g] === 2 ? v : face[g] === 1 ? Math.max(0, v) : face[g] === -1 ? Math.min(0, v) : 0,
  );

/** KKT certificate of a projection y of x onto SOC(e, θ) ∩ F (see module comment). */
export interface BiasCertificate {
  ok: boolean;
  /** Multiplier of the angle constraint (≥ 0). */
  mu: number;
  /** Largest violation, relative to ‖x‖: of y ∈ F, of ⟨x − y, y⟩ = 0, of stationarity, of v's signs. */
  face: number;
  orthogonality: number;
  stationarity: number;
  normalCone: number;
  /** ∠(y, e) − θ (radians; ≤ 1e-12 required). */
  angleExcess: number;
}

/**
 * Check the KKT conditions of y = P_C(x), C = SOC(e, θ) ∩ F, with tolerance `tol` relative to ‖x‖
 * (default 1e-9) and 1e-12 rad on the angle. μ is the least-squares multiplier on the coordinates
 * where the face leaves y free; the rest of x − y − μ∇h must lie in F's normal cone at y.
 */
export function biasKktCertificate(
  x: ArrayLike<number>,
  e: ArrayLike<number>,
  theta: number,
  face: ArrayLike<number>,
  y: ArrayLike<number>,
  tol = 1e-9,
): BiasCertificate {
  const G = x.length;
  const nx = Math.sqrt(dot(x, x)) || 1;
  const ny = Math.sqrt(dot(y, y));
  const c = Math.cos(theta);
  let faceViol = 0;
  for (let g = 0; g < G; g++) {
    const v = y[g];
    const bad = face[g] === 1 ? Math.max(0, -v) : face[g] === -1 ? Math.max(0, v) : face[g] === 0 ? Math.abs(v) : 0;
    faceViol = Math.max(faceViol, bad / nx);
  }
  const angle = ny > 0 ? Math.acos(Math.max(-1, Math.min(1, dot(y, e) / ny))) : Number.NaN;
  const d = Float64Array.from(x, (v, g) => v - y[g]);
  const orth = Math.abs(dot(d, y)) / (nx * nx);
  const free = (g: number) => face[g] === 2 || (face[g] !== 0 && y[g] !== 0);
  let mu = 0;
  const grad = Float64Array.from(e, (eg, g) => (ny > 0 ? (c * y[g]) / ny - eg : 0));
  if (angle > theta - 1e-10) {
    let num = 0;
    let den = 0;
    for (let g = 0; g < G; g++)
      if (free(g)) {
        num += d[g] * grad[g];
        den += grad[g] * grad[g];
      }
    mu = den > 0 ? num / den : 0;
  }
  let stat = 0;
  let normal = 0;
  for (let g = 0; g < G; g++) {
    const r = d[g] - mu * grad[g];
    if (free(g)) stat = Math.max(stat, Math.abs(r) / nx);
    else if (face[g] === 1) normal = Math.max(normal, Math.max(0, r) / nx);
    else if (face[g] === -1) normal = Math.max(normal, Math.max(0, -r) / nx);
  }
  const muBad = Math.max(0, -mu) / nx;
  const angleExcess = angle - theta;
  return {
    ok:
      ny > 0 &&
      faceViol <= tol &&
      orth <= tol &&
      stat <= tol &&
      normal <= tol &&
      muBad <= tol &&
      angleExcess <= 1e-12 &&
      !Number.isNaN(angle),
    mu,
    face: faceViol,
    orthogonality: orth,
    stationarity: stat,
    normalCone: normal,
    angleExcess,
  };
}

/**
 * Euclidean projection of x onto SOC(e, θ) ∩ F (e a unit vector, 0 ≤ θ < π/2, F given by face
 * codes), by the one-multiplier method of the module comment. Returns null when C = {0}, when
 * P_C(x) = 0 (x in the polar cone: no admissible direction has a positive inner product with x)
 * or no root is found; the caller certifies the result with `biasKktCertificate`.
 */
export function projectConeFace(
  x: ArrayLike<number>,
  e: ArrayLike<number>,
  theta: number,
  face: ArrayLike<number>,
): { y: Float64Array; mu: number } | null {
  const G = x.length;
  const c = Math.cos(theta);
  const z0 = projectFace(x, face);
  const n0 = Math.sqrt(dot(z0, z0));
  if (n0 > 0 && dot(z0, e) >= c * n0) return { y: z0, mu: 0 };
  const pe = projectFace(e, face);
  if (!(Math.sqrt(dot(pe, pe)) > c)) return null;
  const nx = Math.sqrt(dot(x, x));
  // z(μ) = P_F(x + μe) into a reused buffer; cos∠(z(μ), e) (−1 at z = 0)
  const z = new Float64Array(G);
  const at = (mu: number) => {
    for (let g = 0; g < G; g++) {
      const v = x[g] + mu * e[g];
      const f = face[g];
      z[g] = f === 2 ? v : f === 1 ? (v > 0 ? v : 0) : f === -1 ? (v < 0 ? v : 0) : 0;
    }
    let ze = 0;
    let zz = 0;
    for (let g = 0; g < G; g++) {
      ze += z[g] * e[g];
      zz += z[g] * z[g];
    }
    return zz > 0 ? ze / Math.sqrt(zz) : -1;
  };
  const supportOf = () => Array.from(z, (v) => (v !== 0 ? 1 : 0)).join("");
  let lo = 0;
  let hi = nx > 0 ? nx : 1;
  while (at(hi) < c) {
    lo = hi;
    hi *= 2;
    if (hi > 1e15 * (nx || 1)) return null;
  }
  // bisect until z has the same support at both ends (then the root is the closed form below)
  let sHi = supportOf();
  at(lo);
  let sLo = supportOf();
  for (let it = 0; it < 200 && sLo !== sHi && hi - lo > 1e-16 * hi; it++) {
    const mid = 0.5 * (lo + hi);
    const cm = at(mid);
    if (cm < c) {
      lo = mid;
      sLo = supportOf();
    } else {
      hi = mid;
      sHi = supportOf();
    }
  }
  // closed form on the support S of z(hi): z_S = x_S + μe_S, cos∠ = cos θ solved for μ
  at(hi);
  let a = 0;
  let b = 0;
  let q = 0;
  for (let g = 0; g < G; g++)
    if (z[g] !== 0) {
      a += x[g] * e[g];
      b += e[g] * e[g];
      q += x[g] * x[g];
    }
  let mu = hi;
  if (b > c * c) {
    const m = (-a + c * Math.sqrt(Math.max(0, b * q - a * a) / (b - c * c))) / b;
    if (m >= lo * (1 - 1e-12) && m <= hi * (1 + 1e-12)) mu = m;
  }
  const cm = at(mu);
  if (!(cm >= -1)) return null;
  const nz2 = dot(z, z);
  if (!(nz2 > 0)) return null;
  const k = dot(x, z) / nz2;
  if (!(k > 0)) return null;
  return { y: Float64Array.from(z, (v) => k * v), mu };
}

export interface CorrelationBiasInput {
  wU: ArrayLike<number>;
  /** Standard-index weights (long only), same assets. */
  standard: ArrayLike<number>;
  /** Asset volatilities (annualised); NaN or 0 where unknown (such assets keep their wU). */
  vols: ArrayLike<number>;
  groups: ArrayLike<number | string>;
  /** Positive (default) or negative correlation preference. */
  preference?: CorrelationPreference;
  /** Maximum risk-space angle θ to +b (positive) or −b (negative), radians in [0, π/2). */
  maxAngle: number;
  /** Minimum number of assets with wU ≠ 0 (default 5). */
  minActive?: number;
  /** "standard" (default): inactive constituents may take weights; "active": only active assets move. */
  universe?: "standard" | "active";
  /** Assets that may open a position today (default: all); inactive assets that are not eligible stay 0. */
  eligible?: ArrayLike<boolean>;
}

/** Why the bias was or was not applied. */
export type CorrelationBiasReason =
  | "applied"
  | "within-bound"
  | "too-few-active"
  | "no-standard-exposure"
  | "no-admissible-direction"
  | "not-certified";

export interface CorrelationBias {
  weights: Float64Array;
  applied: boolean;
  reason: CorrelationBiasReason;
  /** Risk-space angles to +X(b) before and after (radians; cos = risk-model correlation). */
  angleBefore: number;
  angleAfter: number;
  /** Risk-space angle between the new weights and wU (radians; 0 when unchanged). */
  angleToWU: number;
  /** Assets with wU = 0 that received a weight. */
  added: number;
  /** KKT certificate of the projection (null when no projection was needed or possible). */
  certificate: BiasCertificate | null;
}

const angleOf = (x: ArrayLike<number>, z: ArrayLike<number>) => {
  const d = dot(x, z);
  const nx = dot(x, x);
  const nz = dot(z, z);
  if (nx === 0 || nz === 0) return Number.NaN;
  return Math.acos(Math.max(-1, Math.min(1, d / Math.sqrt(nx * nz))));
};

/**
 * Risk-model correlation of a weight vector with the standard index: cos∠(X(w), X(b)) in the
 * block risk model (assets without a volatility left out); NaN when either exposure is zero.
 */
export function standardIndexCorrelation(
  w: ArrayLike<number>,
  standard: ArrayLike<number>,
  vols: ArrayLike<number>,
  groups: ArrayLike<number | string>,
): number {
  const X = new Map<number | string, number>();
  const B = new Map<number | string, number>();
  for (let i = 0; i < w.length; i++) {
    if (!(vols[i] > 0)) continue;
    X.set(groups[i], (X.get(groups[i]) ?? 0) + vols[i] * w[i]);
    B.set(groups[i], (B.get(groups[i]) ?? 0) + vols[i] * standard[i]);
  }
  const keys = [...X.keys()];
  return Math.cos(
    angleOf(
      keys.map((k) => X.get(k)!),
      keys.map((k) => B.get(k)!),
    ),
  );
}

/** Apply the standard-index correlation preference to one day's wU (see module comment). */
export function correlationBias(p: CorrelationBiasInput): CorrelationBias {
  const where = "correlationBias";
  if (!(p.maxAngle >= 0 && p.maxAngle < Math.PI / 2))
    throw new ArgumentError({ where, argument: "maxAngle", value: p.maxAngle, problem: "must be in [0, π/2)" });
  const pref = p.preference ?? "positive";
  if (pref !== "positive" && pref !== "negative")
    throw new ArgumentError({
      where,
      argument: "preference",
      value: pref,
      problem: 'must be "positive" or "negative"',
    });
  const universe = p.universe ?? "standard";
  const n = p.wU.length;
  const keyIndex = new Map<number | string, number>();
  const gi = Array.from({ length: n }, (_, i) => {
    const k = p.groups[i];
    let g = keyIndex.get(k);
    if (g === undefined) keyIndex.set(k, (g = keyIndex.size));
    return g;
  });
  const G = keyIndex.size;
  const sPref = pref === "positive" ? 1 : -1;
  // allowed sign per asset: active → sign(wU); eligible inactive constituent → preference sign
  const allowed = new Int8Array(n);
  const XU = new Float64Array(G);
  const Xb = new Float64Array(G);
  let active = 0;
  for (let i = 0; i < n; i++) {
    const s = p.vols[i];
    if (p.wU[i] !== 0) active++;
    if (!(s > 0)) continue;
    XU[gi[i]] += s * p.wU[i];
    Xb[gi[i]] += s * p.standard[i];
    if (p.wU[i] !== 0) allowed[i] = p.wU[i] > 0 ? 1 : -1;
    else if (universe === "standard" && p.standard[i] > 0 && (p.eligible?.[i] ?? true)) allowed[i] = sPref as 1 | -1;
  }
  const before = angleOf(XU, Xb);
  const unchanged = (reason: CorrelationBiasReason, certificate: BiasCertificate | null = null): CorrelationBias => ({
    weights: Float64Array.from(p.wU),
    applied: false,
    reason,
    angleBefore: before,
    angleAfter: before,
    angleToWU: 0,
    added: 0,
    certificate,
  });
  if (active < (p.minActive ?? 5)) return unchanged("too-few-active");
  let nb = 0;
  for (const x of Xb) nb += x * x;
  if (!(nb > 0) || Number.isNaN(before)) return unchanged("no-standard-exposure");
  const withinBound = pref === "positive" ? before <= p.maxAngle : Math.PI - before <= p.maxAngle;
  if (withinBound) return unchanged("within-bound");
  const e = Xb.map((x) => (sPref * x) / Math.sqrt(nb));
  const pos = new Uint8Array(G);
  const neg = new Uint8Array(G);
  for (let i = 0; i < n; i++) {
    if (allowed[i] > 0) pos[gi[i]] = 1;
    if (allowed[i] < 0) neg[gi[i]] = 1;
  }
  const face = Int8Array.from(pos, (ps, g) => (ps && neg[g] ? 2 : ps ? 1 : neg[g] ? -1 : 0));
  const proj = projectConeFace(XU, e, p.maxAngle, face);
  if (!proj) return unchanged("no-admissible-direction");
  const cert = biasKktCertificate(XU, e, p.maxAngle, face, proj.y);
  if (!cert.ok) return unchanged("not-certified", cert);
  const y = proj.y;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) if (!(p.vols[i] > 0)) w[i] = p.wU[i];
  let added = 0;
  const membersOf: number[][] = Array.from({ length: G }, () => []);
  for (let i = 0; i < n; i++) if (p.vols[i] > 0) membersOf[gi[i]].push(i);
  for (let g = 0; g < G; g++) {
    const members = membersOf[g];
    if (y[g] === 0) continue;
    const s = Math.sign(y[g]);
    if (XU[g] !== 0 && s === Math.sign(XU[g])) {
      // same sign as before: the assets of that sign carry y_g minus the opposite side, which
      // keeps its wU (a single-signed group is simply scaled by y_g/X_U,g)
      let same = 0;
      let opp = 0;
      for (const i of members)
        if (p.wU[i] !== 0) {
          if (Math.sign(p.wU[i]) === s) same += p.vols[i] * p.wU[i];
          else opp += p.vols[i] * p.wU[i];
        }
      for (const i of members)
        if (p.wU[i] !== 0) w[i] = Math.sign(p.wU[i]) === s ? (p.wU[i] * (y[g] - opp)) / same : p.wU[i];
      continue;
    }
    const activeSame = members.filter((i) => p.wU[i] !== 0 && allowed[i] === s);
    const use = activeSame.length > 0 ? activeSame : members.filter((i) => p.wU[i] === 0 && allowed[i] === s);
    const size = (i: number) => (activeSame.length > 0 ? Math.abs(p.wU[i]) : p.standard[i]);
    let den = 0;
    for (const i of use) den += p.vols[i] * size(i);
    for (const i of use) {
      w[i] = (s * size(i) * Math.abs(y[g])) / den;
      if (p.wU[i] === 0) added++;
    }
  }
  let sumU = 0;
  let sumW = 0;
  for (let i = 0; i < n; i++) {
    sumU += Math.abs(p.wU[i]);
    sumW += Math.abs(w[i]);
  }
  if (sumW > 0) for (let i = 0; i < n; i++) w[i] = (w[i] * sumU) / sumW + 0;
  const Xw = new Float64Array(G);
  for (let i = 0; i < n; i++) if (p.vols[i] > 0) Xw[gi[i]] += p.vols[i] * w[i];
  // the weights must realise the certified direction: bound met to 1e-12 rad
  if (!(angleOf(Xw, e) <= p.maxAngle + 1e-12)) return unchanged("not-certified", cert);
  return {
    weights: w,
    applied: true,
    reason: "applied",
    angleBefore: before,
    angleAfter: angleOf(Xw, Xb),
    angleToWU: angleOf(Xw, XU),
    added,
    certificate: cert,
  };
}
