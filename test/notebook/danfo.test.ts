import assert from "node:assert/strict";
import { test } from "node:test";
import { danfo } from "../../lib/notebook/danfo";
import { tableBundle } from "../../lib/notebook/display";

test("danfo(): loads danfojs without TensorFlow.js console advice; show() renders its frames like pandas", () => {
  const said: string[] = [];
  const orig = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  for (const k of ["log", "warn", "error", "info"] as const) console[k] = (...a: unknown[]) => said.push(a.join(" "));
  let text: string;
  try {
    const dfd = danfo();
    const df = new dfd.DataFrame({ a: [1, 2, 3], b: [0.5, Number.NaN, 2], s: ["x", "<y>", "z"] });
    df.describe(); // creates tensors: the point where TensorFlow.js would print its banner
    const b = tableBundle(df);
    text = b["text/plain"] as string;
    assert.match(b["text/html"] as string, /&lt;y&gt;/);
  } finally {
    Object.assign(console, orig);
  }
  assert.deepEqual(said, [], "nothing printed");
  // pandas 1.5.3 prints this frame exactly so (strings right-aligned).
  assert.equal(text, "   a    b    s\n0  1  0.5    x\n1  2  NaN  <y>\n2  3  2.0    z");
});
