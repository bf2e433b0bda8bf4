// The check harness shared by interop.mjs and files.mjs: register checks, run them in order, print one line each
// ("ok N - name" / "not ok N - name" and the reason), exit with status 1 at the first failure, or after all of them
// with INTEROP_KEEP_GOING=1.

import assert from "node:assert/strict";
import { inspect } from "node:util";

export function createChecks(suite, { explain = () => [] } = {}) {
  const checks = [];
  const check = (name, fn) => checks.push({ name, fn });

  async function run(target) {
    const keepGoing = process.env.INTEROP_KEEP_GOING === "1";
    console.log(`${suite}: ${checks.length} checks against ${target}`);
    const failed = [];
    for (const [position, { name, fn }] of checks.entries()) {
      const index = position + 1;
      try {
        await fn();
        console.log(`ok ${index} - ${name}`);
      } catch (error) {
        console.log(`not ok ${index} - ${name}`);
        console.log(String(error?.message ?? error).replace(/^/gm, "    "));
        if (!(error instanceof assert.AssertionError)) {
          console.log(inspect(error, { depth: 4 }).replace(/^/gm, "    "));
          for (const line of explain()) {
            console.log(`    ${line}`);
          }
        }
        failed.push(index);
        if (!keepGoing) {
          console.log(`${suite}: FAILED at check ${index} of ${checks.length}`);
          process.exit(1);
        }
      }
    }
    if (failed.length > 0) {
      console.log(`${suite}: ${checks.length - failed.length} passed, ${failed.length} failed (${failed.join(", ")})`);
      process.exit(1);
    }
    console.log(`${suite}: all ${checks.length} checks passed`);
  }

  return { check, run };
}

// Awaits a promise that must reject, and returns its error.
export async function rejection(promise) {
  let value;
  try {
    value = await promise;
  } catch (error) {
    return error;
  }
  return assert.fail(`expected a rejection, but the call resolved to ${inspect(value)}`);
}
