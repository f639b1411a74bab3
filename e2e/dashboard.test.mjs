// End-to-end tests of the Tandem dashboard in headless Chromium.
// Run by e2e/run.sh, which starts `tandem serve` and sets TANDEM_URL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = (process.env.TANDEM_URL || "").replace(/\/$/, "");
const SHOTS = process.env.SCREENSHOT_DIR || "artifacts/screenshots";
const EXE = process.env.CHROMIUM || "/usr/bin/chromium";
if (!BASE) throw new Error("TANDEM_URL is not set: run e2e/run.sh");
mkdirSync(SHOTS, { recursive: true });

let browser;
const problems = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: EXE,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
});

// A fresh page of the given width and interface language; page errors,
// console errors and failed requests are collected and fail the test.
async function open(width, lang) {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 800 : 900 } });
  await context.addInitScript((l) => localStorage.setItem("tandem.lang", l), lang);
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  return page;
}

async function go(page, hash, ready) {
  await page.goto(`${BASE}/${hash}`);
  await page.waitForSelector(ready, { timeout: 15000 });
}

// Wide pages are shot whole; narrow ones as the first screen a phone shows.
async function shot(page, name) {
  const narrow = page.viewportSize().width < 500;
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: !narrow });
}

function noProblems() {
  const seen = problems.splice(0);
  assert.deepEqual(seen, [], seen.join("\n"));
}

// Fits a 375 px screen: nothing wider than the viewport.
async function fitsWidth(page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client + 1, `page is ${scroll}px wide in a ${client}px viewport`);
  const hidden = await page.evaluate(() => [...document.querySelectorAll("#nav a")]
    .filter((a) => a.getBoundingClientRect().right > document.documentElement.clientWidth)
    .map((a) => a.textContent));
  assert.deepEqual(hidden, [], "every menu entry is on screen");
}

const PAGES = [
  ["overview", "#/", ".cards .card"],
  ["series", "#/series?indicator=trade.turnover&pair=KZ-UZ&measure=level&unit=USD", "#chart .pt"],
  ["conflicts", "#/conflicts", "table.conflicts tbody tr"],
  ["targets", "#/targets", ".target .goal"],
  ["documents", "#/documents", "table tbody tr a"],
  ["document", "#/doc/2025-02-11_tovarooborot-kz-uz-2024", "article.doc-text mark.fig"],
  ["search", "#/search?q=%D1%82%D0%BE%D0%B2%D0%B0%D1%80%D0%BE%D0%BE%D0%B1%D0%BE%D1%80%D0%BE%D1%82", ".hit"],
];

test("overview shows counts per language, year and indicator", async () => {
  const page = await open(1280, "en");
  await go(page, "#/", ".cards .card");
  const docs = Number(await page.locator(".card .num").first().textContent());
  assert.ok(docs > 0, "documents counted");
  assert.ok(await page.locator("table.matrix tbody tr").count() >= 5, "one row per language");
  assert.ok(await page.locator(".bar-row").count() >= 3, "figures per indicator");
  assert.equal(await page.locator("#nav a.active").textContent(), "Overview");
  await page.context().close();
  noProblems();
});

test("a chart point leads to its source document, figure highlighted", async () => {
  const page = await open(1280, "en");
  await go(page, "#/series?indicator=trade.turnover&pair=KZ-UZ&measure=level&unit=USD", "#chart .pt");
  assert.ok(await page.locator("#chart canvas").count() >= 1, "uPlot drew a canvas");
  const points = page.locator("#chart .pt.yearly");
  assert.ok(await points.count() >= 3, "yearly points are clickable");
  assert.equal(await page.locator("#chart .pt.target").count(), 1, "the target line ends at the target");
  await page.locator("#chart .pt.yearly[data-period=\"2024\"]").click();
  const link = page.locator("#point-sources a.doclink").first();
  await link.waitFor();
  const href = await link.getAttribute("href");
  const figId = new URL(BASE + "/" + href.replace(/^#/, "")).searchParams.get("fig");
  assert.ok(figId, `source link carries a figure id: ${href}`);
  await link.click();
  await page.waitForSelector("mark.fig.focus");
  assert.equal(await page.locator("mark.fig.focus").getAttribute("data-figure"), figId);
  const tip = await page.locator("mark.fig.focus").getAttribute("title");
  assert.match(tip, /indicator: Trade turnover/);
  assert.match(tip, /period: /);
  // Touch screens have no hover: a tap shows the fields in a panel.
  await page.locator("mark.fig.focus").click();
  await page.waitForSelector("#fig-info:not([hidden])");
  assert.match(await page.locator("#fig-info").textContent(), /indicator: Trade turnover/);
  await shot(page, "document-from-chart-en");
  await page.context().close();
  noProblems();
});

test("conflicts list every source and the checks show pass or fail", async () => {
  const page = await open(1280, "en");
  await go(page, "#/conflicts", "table.conflicts tbody tr");
  const firstRow = page.locator("table.conflicts tbody tr").first();
  assert.ok(await firstRow.locator("ul.sources li").count() >= 2, "a conflict has at least two sources");
  assert.ok(await page.locator("table.checks tbody tr").count() >= 1, "checks are listed");
  assert.ok(await page.locator("table.checks .badge").count() >= 1);
  await page.context().close();
  noProblems();
});

test("targets show progress bars and history", async () => {
  const page = await open(1280, "en");
  await go(page, "#/targets", ".target .goal");
  assert.ok(await page.locator(".target .progress").count() >= 1, "at least one target has progress");
  const goals = await page.locator(".target .goal").allTextContents();
  assert.ok(goals.some((g) => /by 20\d\d/.test(g)), goals.join(" | "));
  await page.context().close();
  noProblems();
});

test("search finds documents across languages and opens one", async () => {
  const page = await open(1280, "en");
  await go(page, "#/search", "form.search-form");
  await page.fill("input[name=q]", "товарооборот");
  await page.click("form.search-form button[type=submit]");
  await page.waitForSelector(".hit");
  const langs = new Set(await page.locator(".hit .muted").allTextContents());
  assert.ok(await page.locator(".hit").count() >= 2, "several hits");
  assert.ok(langs.size >= 1);
  await page.check("input[name=l-ru]");
  await page.click("form.search-form button[type=submit]");
  await page.waitForFunction(() => location.hash.includes("lang=ru"));
  await page.waitForSelector(".hit");
  const filtered = await page.locator(".hit .muted").allTextContents();
  assert.ok(filtered.every((t) => t.includes("Russian")), filtered.join(" | "));
  // Date filter: only documents dated from 2025 on.
  await page.fill("input[name=from]", "2025-01-01");
  await page.click("form.search-form button[type=submit]");
  await page.waitForFunction(() => location.hash.includes("from=2025-01-01"));
  await page.waitForSelector(".hit");
  const dated = await page.locator(".hit .muted").allTextContents();
  assert.ok(dated.every((t) => / · 2025/.test(t)), dated.join(" | "));
  await page.locator(".hit a.hit-title").first().click();
  await page.waitForSelector("article.doc-text");
  await page.context().close();
  noProblems();
});

for (const lang of ["en", "ru"]) {
  for (const width of [1280, 375]) {
    test(`every page renders in ${lang} at ${width}px`, async () => {
      const page = await open(width, lang);
      for (const [name, hash, ready] of PAGES) {
        await go(page, hash, ready);
        if (width === 375) await fitsWidth(page);
        await shot(page, `${name}-${lang}-${width === 375 ? "375" : "wide"}`);
      }
      const nav = await page.locator("#nav a").first().textContent();
      assert.equal(nav, lang === "ru" ? "Обзор" : "Overview");
      await page.context().close();
      noProblems();
    });
  }
}

test("the language switch changes the interface", async () => {
  const page = await open(1280, "en");
  await go(page, "#/targets", ".target .goal");
  await page.selectOption("#lang-switch", "ru");
  await page.waitForFunction(() => (document.querySelector("h1") || {}).textContent === "Цели");
  assert.equal(await page.getAttribute("html", "lang"), "ru");
  const goal = await page.locator(".target .goal").first().textContent();
  assert.match(goal, /к \d{4} году/);
  await page.context().close();
  noProblems();
});
