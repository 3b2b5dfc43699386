import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { correlationBias, projectCircularCone } from "../../lib/index/correlation-bias";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
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
  assert.throws(() => correlationBias({ wU, ...args, maxAngle: 2 }), /maxAngle must be in \[0, π\/2\)/);
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
      assert.ok(r.angleAfter <= theta * deg + 1e-7, `angle ${r.angleAfter} > ${theta * deg}`);
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
