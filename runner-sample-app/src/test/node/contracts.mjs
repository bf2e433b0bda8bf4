// Fetches the sample app's TypeScript declarations (GET {base}/types.d.ts, with the token) and compiles two
// consumers with the TypeScript compiler from npm, `tsc --noEmit`: contracts/good.ts must compile, and
// contracts/bad.ts must fail with one error on each line marked "wrong", and nowhere else.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [baseUrl, token] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

const answer = await fetch(`${baseUrl}/types.d.ts`, { headers: { "x-runner-token": token } });
assert.equal(answer.status, 200, "GET types.d.ts");
assert.match(answer.headers.get("content-type"), /^application\/typescript/);
const declarations = await answer.text();
writeFileSync(join(here, "contracts", "runner-types.d.ts"), declarations);
console.log(`ok - fetched ${declarations.length} characters of declarations`);

function compile(file) {
  try {
    const out = execFileSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "--strict", "--target", "ES2022",
      "--module", "NodeNext", "--moduleResolution", "NodeNext", "--lib", "ES2022,DOM", "--skipLibCheck",
      join("contracts", file)], { cwd: here, encoding: "utf8" });
    return { ok: true, out };
  } catch (failure) {
    return { ok: false, out: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}

const good = compile("good.ts");
assert.ok(good.ok, `contracts/good.ts must compile:\n${good.out}`);
console.log("ok - tsc --noEmit accepts contracts/good.ts");

const bad = compile("bad.ts");
assert.ok(!bad.ok, "contracts/bad.ts must not compile");
const wrongLines = readFileSync(join(here, "contracts", "bad.ts"), "utf8").split("\n")
  .map((line, index) => (line.includes("// wrong:") ? index + 1 : 0)).filter((line) => line > 0);
const errorLines = [...bad.out.matchAll(/bad\.ts\((\d+),\d+\): error TS\d+/g)].map((match) => Number(match[1]));
for (const line of wrongLines) {
  assert.ok(errorLines.includes(line), `tsc reports no error on line ${line} of bad.ts:\n${bad.out}`);
}
for (const line of errorLines) {
  assert.ok(wrongLines.includes(line), `tsc reports an unexpected error on line ${line} of bad.ts:\n${bad.out}`);
}
console.log(`ok - tsc --noEmit refuses contracts/bad.ts on each of its ${wrongLines.length} wrong lines, and only there`);
