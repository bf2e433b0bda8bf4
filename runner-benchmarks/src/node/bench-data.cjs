// The benchmark's data, shared by the Node servers: the ~24 KB document of the `hi` workload, with the same records,
// key order and values as dev.runner.bench.BenchData.items().
"use strict";

const pad = (i) => String(i).padStart(3, "0");
const items = [];
for (let i = 0; i < 200; i++) {
  items.push({
    active: i % 3 === 0,
    email: `user${pad(i)}@bench.test`,
    id: i,
    name: `item-${pad(i)}`,
    note: `row ${pad(i)}`,
    score: i + 0.25,
    tags: ["alpha", "beta"],
  });
}

module.exports = { items };
