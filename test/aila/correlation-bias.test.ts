import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import {
  biasKktCertificate,
  CORRELATION_DEGREE_ANGLES,
  type CorrelationDegree,
  correlationBias,
  correlationDegreeAngle,
  projectCircularCone,
  projectConeFace,
} from "../../lib/aila/correlation-bias";
import { createRng } from "../../lib/random";
import { assertClose as close } from "../helpers";

const deg = Math.PI / 180;

test("projectCircularCone: inside, outside, polar (hand-computed)", () => {
  const e = [1, 0];
  const p = projectCircularCone([0, 1], e, 45 * deg);
  close(p[0], 0.5);
  close(p[1], 0.5);
  assert.deepEqual(Array.from(projectCircularCone([1, 0.5], e, 45 * deg)), [1, 0.5]);
  assert.deepEqual(Array.from(projectCircularCone([-1, 0.1], e, 45 * deg)), [0, 0]);
});

test("correlationBias: rotation to the bound in risk space, proportions within groups, sum kept", () => {
  // group A: assets 0-2 (σ 0.1, wU 1 each) → X_A = 0.3; group B: assets 3-4 (σ 0.2, wU 0.75) → X_B = 0.3
  // standard index only in group A: X_b ∝ (1, 0); angle(X_U, X_b) = 45° > θ = 30°
  const r = correlationBias({
    wU: [1, 1, 1, 0.75, 0.75],
    standard: [0.5, 0.5, 0, 0, 0],
    vols: [0.1, 0.1, 0.1, 0.2, 0.2],
    groups: ["A", "A", "A", "B", "B"],
    maxAngle: 30 * deg,
  });
  assert.equal(r.applied, true);
  close(r.angleBefore, 45 * deg);
  close(r.angleAfter, 30 * deg, 1e-9);
  // projection k·(cos30, sin30) with k = 0.3(cos30 + sin30): group scale factors (c+s)c and (c+s)s
  const c = Math.cos(30 * deg);
  const s = Math.sin(30 * deg);
  const raw = [1, 1, 1, 0.75, 0.75].map((w, i) => w * (c + s) * (i < 3 ? c : s));
  const f = 4.5 / raw.reduce((a, b) => a + b, 0);
  for (let i = 0; i < 5; i++) close(r.weights[i], raw[i] * f, 1e-9);
  close(
    r.weights.reduce((a, b) => a + Math.abs(b), 0),
    4.5,
  );
});

test("correlationBias: no admissible direction or too few assets → wU unchanged; bad bound → error", () => {
  const wU = [1, 1, -1, -1, 1];
  const args = { standard: [1, 1, 1, 1, 0], vols: [0.1, 0.1, 0.1, 0.1, 0.1], groups: [0, 0, 1, 1, 2] };
  // X_U = (0.2, −0.2, 0.1); the 10° cone around X_b ∝ (2, 2, 0) needs X_B > 0 but the signs need X_B ≤ 0
  const r = correlationBias({ wU, ...args, maxAngle: 10 * deg });
  assert.equal(r.applied, false);
  assert.deepEqual(Array.from(r.weights), wU);
  assert.equal(correlationBias({ wU: [1, 1, 0, 0, 1], ...args, maxAngle: 10 * deg }).applied, false);
  assert.throws(() => correlationBias({ wU, ...args, maxAngle: 2 }), /maxAngle.*must be in \[0, π\/2\)/);
});

test("correlationBias: random cases — bound met, signs and sum kept, no sampled admissible direction is closer", () => {
  const arb = fc.record({
    x: fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 6, maxLength: 6 }),
    b: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 6 }),
    theta: fc.integer({ min: 5, max: 80 }),
  });
  let applied = 0;
  fc.assert(
    fc.property(arb, ({ x, b, theta }) => {
      const wU = x.map((v) => (v === 0 ? 0.01 : v / 100));
      const groups = [0, 0, 1, 2, 3, 3];
      const vols = [0.2, 0.3, 0.25, 0.15, 0.2, 0.1];
      const standard = b.map((v) => v / 100 + 0.001);
      const r = correlationBias({ wU, standard, vols, groups, maxAngle: theta * deg });
      for (const w of r.weights) assert.ok(Number.isFinite(w));
      if (!r.applied) return;
      applied++;
      assert.ok(r.angleAfter <= theta * deg + 1e-12, `angle ${r.angleAfter} > ${theta * deg}`);
      for (let i = 0; i < 6; i++) assert.ok(r.weights[i] * wU[i] >= 0, "sign changed");
      close(
        r.weights.reduce((a, v) => a + Math.abs(v), 0),
        wU.reduce((a, v) => a + Math.abs(v), 0),
        1e-9,
      );
      // group space: our direction vs random admissible directions
      const X = (w: ArrayLike<number>) => {
        const o = [0, 0, 0, 0];
        for (let i = 0; i < 6; i++) o[groups[i]] += vols[i] * w[i];
        return o;
      };
      const XU = X(wU);
      const Xb = X(standard);
      const cos = (p: number[], q: number[]) =>
        p.reduce((s, v, i) => s + v * q[i], 0) /
        Math.sqrt(p.reduce((s, v) => s + v * v, 0) * q.reduce((s, v) => s + v * v, 0));
      const best = cos(X(r.weights), XU);
      let seed = 1;
      const rnd = () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      for (let k = 0; k < 2000; k++) {
        const d = XU.map((u) => (u > 0 ? rnd() : u < 0 ? -rnd() : 0));
        if (d.every((v) => v === 0)) continue;
        if (Math.acos(Math.min(1, cos(d, Xb))) > theta * deg) continue;
        assert.ok(cos(d, XU) <= best + 1e-9, `sampled direction closer: ${cos(d, XU)} > ${best}`);
      }
    }),
    { numRuns: 100, seed: 3 },
  );
  assert.ok(applied >= 20, `bias applied on only ${applied} of 100 cases`);
});

// Hand-computed case for every degree: five active longs in five groups (σ 1) orthogonal to the
// standard index, which holds only a sixth, inactive asset. X_U = (1,1,1,1,1,0), e = ±e₆, so
// ⟨X_U, e⟩ = 0 and the projection onto the θ-cone is (2.5 … no: ‖X_U‖·sin θ)·(cos θ·e + sin θ·X_U/√5):
// the five active weights become √5·s/(√5·s + c) each and the new one ±5c/(√5·s + c) (Σ|w| = 5).
const handCase = (preference: "positive" | "negative", theta: number) =>
  correlationBias({
    wU: [1, 1, 1, 1, 1, 0],
    standard: [0, 0, 0, 0, 0, 1],
    vols: [1, 1, 1, 1, 1, 1],
    groups: [0, 1, 2, 3, 4, 5],
    preference,
    maxAngle: theta,
  });

test("correlation degrees: 75°, 60°, 45°, 30° by default, caller angles accepted", () => {
  assert.deepEqual(
    CORRELATION_DEGREE_ANGLES.map((a) => Math.round(a / deg)),
    [75, 60, 45, 30],
  );
  close(correlationDegreeAngle(2), Math.PI / 3);
  close(correlationDegreeAngle(1, [0.1, 0.2, 0.3, 0.4]), 0.1);
  assert.throws(() => correlationDegreeAngle(5 as CorrelationDegree), /degree.*must be 1, 2, 3 or 4/);
});

for (const degree of [1, 2, 3, 4] as const) {
  for (const preference of ["positive", "negative"] as const) {
    test(`correlationBias ${preference}, degree ${degree}: hand-computed weights, correlation at the bound`, () => {
      const theta = correlationDegreeAngle(degree);
      const r = handCase(preference, theta);
      const c = Math.cos(theta);
      const s = Math.sin(theta);
      assert.equal(r.applied, true);
      assert.equal(r.reason, "applied");
      assert.equal(r.added, 1);
      const den = Math.sqrt(5) * s + c;
      for (let i = 0; i < 5; i++) close(r.weights[i], (Math.sqrt(5) * s) / den, 1e-12);
      close(r.weights[5], ((preference === "positive" ? 1 : -1) * 5 * c) / den, 1e-12);
      close(Math.cos(r.angleBefore), 0, 1e-15);
      // risk-model correlation with the standard index: +cos θ or −cos θ
      close(Math.cos(r.angleAfter), preference === "positive" ? c : -c, 1e-12);
      assert.ok(r.certificate?.ok);
      close(r.certificate?.mu ?? Number.NaN, 0, Number.POSITIVE_INFINITY);
    });
  }
}

test("correlationBias: universe 'active' cannot use the inactive constituent → no admissible direction", () => {
  const r = correlationBias({
    wU: [1, 1, 1, 1, 1, 0],
    standard: [0, 0, 0, 0, 0, 1],
    vols: [1, 1, 1, 1, 1, 1],
    groups: [0, 1, 2, 3, 4, 5],
    maxAngle: correlationDegreeAngle(1),
    universe: "active",
  });
  assert.equal(r.applied, false);
  assert.equal(r.reason, "no-admissible-direction");
  assert.deepEqual(Array.from(r.weights), [1, 1, 1, 1, 1, 0]);
  // not eligible (e.g. on holiday) has the same effect
  const h = correlationBias({
    wU: [1, 1, 1, 1, 1, 0],
    standard: [0, 0, 0, 0, 0, 1],
    vols: [1, 1, 1, 1, 1, 1],
    groups: [0, 1, 2, 3, 4, 5],
    maxAngle: correlationDegreeAngle(1),
    eligible: [true, true, true, true, true, false],
  });
  assert.equal(h.reason, "no-admissible-direction");
});

test("correlationBias negative: active longs of a constituent group are cut to zero, signs never flip", () => {
  // groups: A = {0 long, 1 inactive constituent}, B = {2 long}, C = {3, 4 long}, D = {5 long}.
  // Negative preference at 45°: X(b) = (1, 0, 0, 0) (asset 1 only); X_U = (1, 1, 2, 1) (Σ|wU| = 5).
  // Group A may be long (asset 0) or short (asset 1): face free. The projection of X_U onto the
  // 45° cone around −e₁ with the other groups ≥ 0: y = (−t, u·(1,2,1)/√6 …) — checked by KKT and
  // against the hand value: for x = (1, v) with v = (1,2,1), ‖v‖ = √6, axis −e₁: t = −1, r = √6,
  // k = t·c + r·s = (√6 − 1)/√2, y = k·(−c, s·v/√6).
  const r = correlationBias({
    wU: [1, 0, 1, 1, 1, 1],
    standard: [0, 1, 0, 0, 0, 0],
    vols: [1, 1, 1, 1, 1, 1],
    groups: ["A", "A", "B", "C", "C", "D"],
    preference: "negative",
    maxAngle: 45 * deg,
  });
  assert.equal(r.applied, true);
  const c = Math.SQRT1_2;
  const k = (Math.sqrt(6) - 1) * c;
  const yA = -k * c;
  const yv = [1, 2, 1].map((v) => (k * c * v) / Math.sqrt(6));
  // asset 0 (long) cannot carry a negative exposure → 0; asset 1 (constituent) takes yA
  const raw = [0, yA, yv[0], yv[1] / 2, yv[1] / 2, yv[2]];
  const f = 5 / raw.reduce((a, v) => a + Math.abs(v), 0);
  for (let i = 0; i < 6; i++) close(r.weights[i], raw[i] * f, 1e-12);
  close(r.angleAfter, Math.PI - 45 * deg, 1e-12);
  assert.equal(r.added, 1);
});

test("correlationBias: already within the bound, or too few active assets → unchanged", () => {
  const base = { standard: [1, 1, 1, 1, 1], vols: [1, 1, 1, 1, 1], groups: [0, 1, 2, 3, 4] };
  const w = correlationBias({ wU: [1, 1, 1, 1, 0.5], ...base, maxAngle: 30 * deg });
  assert.equal(w.reason, "within-bound");
  const n = correlationBias({ wU: [-1, -1, -1, -1, -0.5], ...base, preference: "negative", maxAngle: 30 * deg });
  assert.equal(n.reason, "within-bound");
  const f = correlationBias({ wU: [1, 1, 1, 1, 0], ...base, maxAngle: 30 * deg });
  assert.equal(f.reason, "too-few-active");
  assert.throws(
    () => correlationBias({ wU: [1, 1, 1, 1, 1], ...base, maxAngle: 0.5, preference: "up" as "positive" }),
    /preference.*"positive" or "negative"/,
  );
});

test("projectConeFace + KKT certificate on 2,000 random cases; no sampled admissible point is closer", () => {
  const rng = createRng(11);
  let certified = 0;
  let empty = 0;
  for (let k = 0; k < 2000; k++) {
    const G = 2 + Math.floor(rng.uniform() * 9);
    const face = Int8Array.from({ length: G }, () => [2, 1, 1, -1, -1, 0][Math.floor(rng.uniform() * 6)]);
    const x = Float64Array.from(face, (f) => (f === 2 ? rng.normal() : f === 0 ? 0 : f * Math.abs(rng.normal())));
    const b = Float64Array.from({ length: G }, () => rng.uniform() * (rng.uniform() < 0.3 ? 0 : 1));
    const nb = Math.hypot(...b);
    if (!(nb > 0) || x.every((v) => v === 0)) continue;
    const e = b.map((v) => v / nb);
    const theta = (5 + rng.uniform() * 80) * deg;
    const res = projectConeFace(x, e, theta, face);
    if (!res) {
      empty++;
      // either C = {0} (the face's closest direction to e is outside the cone) or P_C(x) = 0
      // (x in the polar cone: no point of C has a positive inner product with x)
      const pe = e.map((v, g) =>
        face[g] === 2 ? v : face[g] === 1 ? Math.max(0, v) : face[g] === -1 ? Math.min(0, v) : 0,
      );
      if (Math.hypot(...pe) <= Math.cos(theta) + 1e-12) continue;
      for (let s = 0; s < 300; s++) {
        const z = Float64Array.from(e, (v, g) => {
          const t = 2 * v + rng.normal();
          return face[g] === 2 ? t : face[g] === 1 ? Math.max(0, t) : face[g] === -1 ? Math.min(0, t) : 0;
        });
        const nz = Math.hypot(...z);
        if (!(nz > 0) || z.reduce((a, v, g) => a + v * e[g], 0) / nz < Math.cos(theta)) continue;
        const xz = z.reduce((a, v, g) => a + v * x[g], 0);
        assert.ok(xz <= 1e-12 * nz * Math.hypot(...x), `case ${k}: no projection, yet ⟨z, x⟩ = ${xz} > 0 for z in C`);
      }
      continue;
    }
    const cert = biasKktCertificate(x, e, theta, face, res.y);
    assert.ok(cert.ok, `case ${k}: ${JSON.stringify(cert)}`);
    certified++;
    // independent check: random points of C are never closer to x than y
    const dist = (z: ArrayLike<number>) => Math.hypot(...Array.from(z, (v, g) => v - x[g]));
    const dy = dist(res.y);
    for (let s = 0; s < 200; s++) {
      const z = Float64Array.from(res.y, (v, g) => {
        const t = v + 0.3 * rng.normal();
        return face[g] === 2 ? t : face[g] === 1 ? Math.max(0, t) : face[g] === -1 ? Math.min(0, t) : 0;
      });
      const nz = Math.hypot(...z);
      if (!(nz > 0)) continue;
      const cz = z.reduce((a, v, g) => a + v * e[g], 0) / nz;
      if (cz < Math.cos(theta)) continue;
      assert.ok(dist(z) >= dy - 1e-12, `case ${k}: a sampled point of C is closer (${dist(z)} < ${dy})`);
    }
  }
  assert.ok(certified > 800, `certified ${certified}`);
  assert.ok(empty > 20, `empty cones ${empty}`);
});

test("biasKktCertificate rejects a feasible point that is not the projection", () => {
  const x = [1, 1];
  const e = [1, 0];
  const theta = 30 * deg;
  const y = projectCircularCone(x, e, theta);
  assert.ok(biasKktCertificate(x, e, theta, [2, 2], y).ok);
  const wrong = projectCircularCone([1, 0.2], e, theta); // inside the cone, but not P(x)
  assert.equal(biasKktCertificate(x, e, theta, [2, 2], wrong).ok, false);
});

test("correlationBias vs SciPy SLSQP (60 committed cases): never a larger angle to wU, bound and sum held", () => {
  const fx = JSON.parse(readFileSync("test/fixtures/index/correlation-bias-slsqp.json", "utf8")) as {
    cases: {
      wU: number[];
      standard: number[];
      vols: number[];
      groups: number[];
      preference: "positive" | "negative";
      maxAngle: number;
      universe: "standard" | "active";
      slsqpAngle: number;
    }[];
  };
  let none = 0;
  for (const [k, c] of fx.cases.entries()) {
    const r = correlationBias(c);
    if (r.reason === "no-admissible-direction") {
      // we leave wU unchanged when no direction within the bound is positively correlated with it;
      // SLSQP then indeed finds only directions at 90° or more from wU
      none++;
      assert.ok(c.slsqpAngle >= Math.PI / 2 - 1e-9, `case ${k}: SLSQP found ${c.slsqpAngle} < 90°`);
      continue;
    }
    // the angle to wU in risk space; SLSQP's best of 9 starts is feasible (violation ≤ 1e-9)
    assert.ok(r.angleToWU <= c.slsqpAngle + 1e-9, `case ${k}: ${r.angleToWU} > SLSQP ${c.slsqpAngle} (${r.reason})`);
    const bound = c.preference === "positive" ? r.angleAfter : Math.PI - r.angleAfter;
    assert.ok(bound <= c.maxAngle + 1e-12, `case ${k}: bound missed by ${bound - c.maxAngle}`);
    close(
      r.weights.reduce((a, v) => a + Math.abs(v), 0),
      c.wU.reduce((a, v) => a + Math.abs(v), 0),
      1e-12,
    );
    for (let i = 0; i < c.wU.length; i++) assert.ok(r.weights[i] * c.wU[i] >= 0, `case ${k}: sign of asset ${i}`);
  }
  assert.ok(none < 15, `${none} cases without an admissible direction`);
});
