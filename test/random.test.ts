import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../lib/random";

test("createRng: same seed, same sequence; different seed, different sequence", () => {
  const a = createRng(7);
  const b = createRng(7);
  const c = createRng(8);
  const xa = Array.from({ length: 5 }, () => a.uniform());
  const xb = Array.from({ length: 5 }, () => b.uniform());
  const xc = Array.from({ length: 5 }, () => c.uniform());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
});

test("createRng: normal() has mean ≈ 0 and variance ≈ 1", () => {
  const r = createRng(1);
  const n = 20000;
  const xs = Array.from({ length: n }, () => r.normal());
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(v - 1) < 0.05, `variance ${v}`);
});

test("createRng: int() stays within bounds and rejects a non-integer seed", () => {
  const r = createRng(3);
  for (let i = 0; i < 1000; i++) {
    const k = r.int(2, 5);
    assert.ok(k >= 2 && k <= 5 && Number.isInteger(k));
  }
  assert.throws(() => createRng(1.5), /seed must be an integer/);
});
