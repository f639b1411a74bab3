// The knowledge-layer and export commands of the `tandem` binary against
// the store e2e/run.sh ingested (TANDEM_BIN, TANDEM_DB).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = process.env.TANDEM_BIN;
const DB = process.env.TANDEM_DB;
if (!BIN || !DB) throw new Error("TANDEM_BIN and TANDEM_DB must be set: run e2e/run.sh");

function tandem(...args) {
  const r = spawnSync(BIN, ["--db", DB, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("series prints yearly and part-year points with source counts", () => {
  const r = tandem("series", "--indicator", "trade.turnover", "--pair", "KZ-UZ");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^trade\.turnover KZ-UZ level actual \(USD\)/m);
  assert.match(r.out, /^\s+2024\s+\S.*\d+\s+\d+/m);
  assert.match(r.out, /^\s+2025-01\.\.2025-09\s.*part-year/m);
  const json = JSON.parse(tandem("series", "--indicator", "trade.turnover", "--pair", "UZ-KZ", "--json").out);
  assert.equal(json[0].subject, "KZ", "an unordered pair is normalised");
  const p2024 = json[0].points.find((p) => p.period === "2024");
  assert.ok(p2024.sources.length >= 2 && p2024.sources[0].document.name, "points carry their sources");
});

test("conflicts list sources and the checks pass or fail", () => {
  const r = tandem("conflicts", "--checks", "--pair", "KZ-UZ");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^\d+ conflicts \(tolerance 2 %\)/m);
  assert.match(r.out, /^\d+ checks, \d+ failed/m);
  assert.match(r.out, /\[(pass|FAIL)\] trade_sum KZ-UZ/);
  const json = JSON.parse(tandem("conflicts", "--checks", "--json").out);
  assert.ok(json.conflicts.length > 0);
  assert.ok(json.conflicts.every((c) => c.sources.length >= 2));
  const loose = JSON.parse(tandem("conflicts", "--json", "--tolerance", "50").out);
  assert.ok(loose.conflicts.length < json.conflicts.length, "a wider tolerance leaves fewer conflicts");
});

test("targets show the goal, progress and history", () => {
  const r = tandem("targets", "--pair", "KZ-UZ");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /trade\.turnover KZ-UZ level: 10 bn USD by 2030/);
  assert.match(r.out, /% reached/);
  assert.match(r.out, /history: .*by 2020.*→.*by 2030/);
});

test("export writes csv, jsonl and parquet with the API's filters", () => {
  const dir = mkdtempSync(join(tmpdir(), "tandem-export-"));
  try {
    const csv = tandem("export", "figures", "--format", "csv", "--language", "kk");
    assert.equal(csv.code, 0, csv.err);
    const lines = csv.out.trim().split("\n");
    assert.ok(lines[0].startsWith("id,document_id,document_name,"));
    assert.ok(lines.length > 5);
    const jsonl = tandem("export", "figures", "--format", "jsonl", "--indicator", "trade.export");
    const rows = jsonl.out.trim().split("\n").map((l) => JSON.parse(l));
    assert.ok(rows.length > 0 && rows.every((r) => r.indicator === "trade.export"));
    const out = join(dir, "figures.parquet");
    const pq = tandem("export", "figures", "--format", "parquet", "--out", out);
    assert.equal(pq.code, 0, pq.err);
    const bytes = readFileSync(out);
    assert.equal(bytes.subarray(0, 4).toString(), "PAR1");
    assert.equal(bytes.subarray(bytes.length - 4).toString(), "PAR1");
    const bad = tandem("export", "figures", "--indicator", "nonsense");
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /unknown indicator/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("events name their sources; events and agreements export with their own filters", () => {
  const dir = mkdtempSync(join(tmpdir(), "tandem-export-events-"));
  try {
    const ev = tandem("events", "--json");
    assert.equal(ev.code, 0, ev.err);
    const records = ev.out.trim().split("\n").map((l) => JSON.parse(l));
    assert.ok(records.length > 0, "the sample corpus reports events");
    for (const r of records) {
      for (const s of r.sources) {
        assert.ok(s.document.name && s.document.path && s.language, JSON.stringify(s));
      }
    }
    const csv = tandem("export", "events", "--format", "csv");
    assert.equal(csv.code, 0, csv.err);
    const lines = csv.out.trim().split("\n");
    assert.ok(lines[0].startsWith("date,type,countries,"));
    assert.equal(lines.length, records.length + 1, "one row per event");
    const kz = tandem("export", "events", "--format", "jsonl", "--country", "KZ");
    const rows = kz.out.trim() ? kz.out.trim().split("\n").map((l) => JSON.parse(l)) : [];
    assert.ok(rows.every((r) => r.countries.split(",").includes("KZ")));
    const out = join(dir, "agreements.parquet");
    const pq = tandem("export", "agreements", "--format", "parquet", "--out", out);
    assert.equal(pq.code, 0, pq.err);
    const bytes = readFileSync(out);
    assert.equal(bytes.subarray(0, 4).toString(), "PAR1");
    const bad = tandem("export", "events", "--indicator", "trade.export");
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /--indicator does not apply to events/);
    const badType = tandem("export", "agreements", "--type", "party");
    assert.notEqual(badType.code, 0);
    assert.match(badType.err, /unknown type `party`/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
