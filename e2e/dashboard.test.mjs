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
  ["goods-series", "#/series?indicator=trade.export&pair=KZ-UZ&measure=level&product=10&unit=tonne", "tr.point-sources li"],
  ["figures", "#/figures?product=10", "table.figures tbody tr"],
  ["conflicts", "#/conflicts", "table.conflicts tbody tr"],
  ["targets", "#/targets", ".target .goal"],
  ["documents", "#/documents", "table tbody tr a"],
  ["document", "#/doc/2025-02-11_tovarooborot-kz-uz-2024", "article.doc-text mark.fig"],
  ["search", "#/search?q=%D1%82%D0%BE%D0%B2%D0%B0%D1%80%D0%BE%D0%BE%D0%B1%D0%BE%D1%80%D0%BE%D1%82", ".hit"],
  ["timeline", "#/timeline", "ol.timeline li.event ul.sources a.doclink"],
  ["projects", "#/projects", "table.projects tbody tr[data-project] a"],
  ["project", "#/project/2", "table.project-history tbody tr.report a.doclink"],
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

test("the series page draws the official statistics beside the news, with the gap", async () => {
  const page = await open(1280, "en");
  await go(page, "#/series?indicator=trade.turnover&pair=KZ-UZ&measure=level&unit=USD", "#chart .pt.with-official");
  // examples/corpus/ru/2025_stat-kz-tovarooborot-ca.csv gives KZ–UZ turnover 2017–2024
  // (a year with a news point too has one marker for both)
  const alone = await page.locator("#chart .pt.official").count();
  const shared = await page.locator("#chart .pt.with-official").count();
  assert.equal(alone + shared, 8, "one official point per year of the table");
  assert.ok(shared >= 1, "the news of 2024 share their marker with the statistics");
  assert.equal(await page.locator(".legend-extra .key.official").textContent(), "Official statistics");
  const row = page.locator("table.points tr[data-period=\"2024\"]:not(.point-sources)");
  assert.match(await row.locator("td.official").textContent(), /^4\.0\d* bn USD$/);
  assert.match(await row.locator("td.gap").textContent(), /^[+-]\d+\.\d%$/);
  // the shared marker of 2024 opens the news sources and the statistics table's row
  await page.locator("#chart .pt.with-official[data-period=\"2024\"]").click();
  await page.waitForSelector("#point-sources li");
  assert.match(await page.locator("#point-sources").textContent(), /4045,9/);
  await shot(page, "series-official-en");
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

// The documents about goods come from e2e/goods_fixture.py: wheat (HS 10)
// and cement (HS 25) exports of KZ to UZ, 1.2 and 1.5 mln t of wheat in
// 2024 from two documents, a monthly wheat figure with no period, coal
// freight (HS 27) with neither period nor sides.
const WHEAT = "#/series?indicator=trade.export&pair=KZ-UZ&measure=level&product=10&unit=tonne";

test("the goods filter lists the HS chapters in the data and narrows the figures", async () => {
  const page = await open(1280, "en");
  await go(page, "#/figures", "table.figures tbody tr");
  const options = await page.locator("#fig-product option").allTextContents();
  for (const label of ["any goods", "no particular goods", "10 — cereals", "25 — salt, stone, cement", "27 — mineral fuels, oil, gas, electricity"]) {
    assert.ok(options.includes(label), `${label} in ${options.join(" | ")}`);
  }
  // Waits until every listed figure's goods start with `prefix`.
  const listed = (prefix) => page.waitForFunction((p) => {
    const cells = [...document.querySelectorAll("table.figures td.product")].map((td) => td.textContent);
    return cells.length > 0 && cells.every((c) => c.startsWith(p));
  }, prefix);
  await page.selectOption("#fig-product", "25");
  await listed("25");
  assert.ok(await page.evaluate(() => location.hash.includes("product=25")));
  const goods = await page.locator("table.figures td.product").allTextContents();
  assert.deepEqual(goods, ["25 — salt, stone, cement"]);
  await page.selectOption("#fig-product", "none");
  await listed("—");
  assert.equal(await page.locator("#fig-product").inputValue(), "none");
  // On the series page the goods are a choice of their own: wheat and cement never share a line.
  await go(page, WHEAT, "#chart .pt");
  const series = await page.locator("#sel-product option").allTextContents();
  assert.ok(series.includes("10 — cereals") && series.includes("25 — salt, stone, cement"), series.join(" | "));
  await page.selectOption("#sel-product", "25");
  await page.waitForFunction(() => /25 — salt/.test((document.querySelector("main h2") || {}).textContent || "")
    && document.querySelector("#chart .pt"));
  assert.match(await page.locator("main h2").first().textContent(), /Exports KZ–UZ, 25 — salt, stone, cement, tonne/);
  assert.equal(await page.locator("#chart .pt").count(), 1, "one cement point");
  assert.equal(await page.locator("#chart .pt.conflict").count(), 0, "cement does not disagree with wheat");
  await page.context().close();
  noProblems();
});

test("a series point whose sources disagree shows every source", async () => {
  for (const width of [1280, 375]) {
    const page = await open(width, "en");
    await go(page, WHEAT, "tr.point-sources li");
    const listed = page.locator("tr.point-sources[data-period=\"2024\"] ul.sources li");
    assert.equal(await listed.count(), 2, "both wheat sources are listed without a click");
    const values = await listed.locator(".val").allTextContents();
    assert.deepEqual(values.sort(), ["1.2 mln tonne", "1.5 mln tonne"]);
    const docs = await listed.locator("a.doclink").allTextContents();
    assert.ok(docs.some((d) => d.startsWith("Kazakhstan ships wheat")) && docs.some((d) => d.startsWith("Экспорт пшеницы")), docs.join(" | "));
    assert.match(await listed.first().locator("q.sentence").textContent(), /wheat|пшеницы/);
    assert.match(await page.locator("tr.point-sources .disagree").textContent(), /Sources disagree/);
    // The chart marker of the point opens the same list, every source with its value.
    await page.locator("#chart .pt.conflict[data-period=\"2024\"]").click();
    await page.waitForSelector("#point-sources li");
    assert.equal(await page.locator("#point-sources li").count(), 2);
    assert.match(await page.locator("#point-sources").textContent(), /Sources disagree/);
    const one = await page.locator("tr[data-period=\"2023\"]:not(.point-sources)").count();
    assert.equal(one, 1, "an agreed point is one row");
    if (width === 375) await fitsWidth(page);
    await shot(page, `series-disagreeing-point-en-${width === 375 ? "375" : "wide"}`);
    await page.context().close();
  }
  noProblems();
});

test("what the text does not state is shown as not stated, never guessed", async () => {
  for (const [lang, period, sidesNone] of [["en", "period not stated", "sides not stated"], ["ru", "период не указан", "стороны не указаны"]]) {
    const page = await open(1280, lang);
    await go(page, "#/figures?product=10", "table.figures tbody tr");
    const monthly = page.locator("table.figures tbody tr", { hasText: "120" });
    assert.equal(await monthly.locator("td.period").textContent(), period);
    assert.equal(await monthly.locator("td.sides").textContent(), "KZ", "only the side the text names");
    await go(page, "#/figures?product=27", "table.figures tbody tr");
    await page.waitForFunction(() => [...document.querySelectorAll("table.figures td.product")]
      .every((td) => td.textContent.startsWith("27")));
    const coal = page.locator("table.figures tbody tr").first();
    assert.equal(await coal.locator("td.period").textContent(), period);
    assert.equal(await coal.locator("td.sides").textContent(), sidesNone);
    // The document page says the same in a figure's fields.
    await coal.locator("a.doclink").click();
    await page.waitForSelector("mark.fig.focus");
    const tip = await page.locator("mark.fig.focus").getAttribute("title");
    assert.ok(tip.includes(period) && tip.includes(sidesNone), tip);
    assert.ok(!/2025/.test(tip), `no document date stands in for the period: ${tip}`);
    await page.context().close();
  }
  noProblems();
});

// Events and projects of examples/corpus: eight events (none dated by its
// reports), three with agreements signed at them, among them the KZ–UZ
// forum of 2024 (53 agreements worth 2 bn USD); four projects, #2 (the
// «Орталық Азия» centre) reported by three documents.
test("the timeline lists events with their sources and agreements, filtered by country and type", async () => {
  for (const width of [1280, 375]) {
    const page = await open(width, "en");
    await go(page, "#/timeline", "ol.timeline li.event");
    const events = page.locator("ol.timeline li.event");
    const all = await events.count();
    assert.ok(all >= 5, `events listed: ${all}`);
    assert.equal(await page.locator("#nav a.active").textContent(), "Timeline");
    assert.match(await page.locator(".pager").textContent(), new RegExp(`1–${all} of ${all}`));
    // No report dates these events: the page says so instead of taking a document's date.
    const dates = await page.locator("li.event .event-date").allTextContents();
    assert.ok(dates.every((d) => d === "date not stated"), dates.join(" | "));
    // The forum and its agreements, each with the document it was read from.
    const forum = events.filter({ has: page.locator(".badge.type", { hasText: /^forum$/ }) });
    assert.equal(await forum.count(), 1);
    assert.equal(await forum.locator(".countries").textContent(), "KZ–UZ");
    const deals = await forum.locator("li.agreement").allTextContents();
    // (the headline's "agreements signed at the forum" are the same 53, one record)
    assert.equal(deals.length, 1, deals.join(" | "));
    assert.ok(deals[0].startsWith("53 agreements · value: 2 bn USD · KZ–UZ"), deals.join(" | "));
    // A place the reports give, else "not stated".
    const places = await page.locator("li.event dl.meta dd").allTextContents();
    assert.ok(places.includes("Андижан, UZ") && places.includes("not stated"), places.join(" | "));
    if (width === 375) await fitsWidth(page);
    await shot(page, `timeline-agreements-en-${width === 375 ? "375" : "wide"}`);
    // The event's source opens its document.
    const source = forum.locator(":scope > ul.sources a.doclink").first();
    const href = await source.getAttribute("href");
    assert.match(href, /^#\/doc\/[0-9a-f]+$/);
    await source.click();
    await page.waitForSelector("article.doc-text");
    assert.equal(await page.locator("h1.doc-title").textContent(), "Mintaqalararo forumda ikki milliard dollarlik kelishuvlar imzolandi");
    // A country filter narrows the list, through the address.
    await go(page, "#/timeline", "ol.timeline li.event");
    await page.selectOption("#event-country", "KG");
    await page.waitForFunction(() => {
      const listed = [...document.querySelectorAll("li.event .countries")];
      return location.hash.includes("country=KG") && listed.length > 0 && listed.every((c) => c.textContent.includes("KG"));
    });
    const kg = await page.locator("li.event .countries").allTextContents();
    // (the Kyrgyz report on trade with Kazakhstan names no meeting: "2024-жылдын
    // жыйынтыгы боюнча" is "by the results of 2024", no session)
    assert.deepEqual(kg.sort(), ["KG–UZ"]);
    // ... and so does the event type, the country kept.
    await page.selectOption("#event-type", "state_visit");
    await page.waitForFunction(() => location.hash.includes("type=state_visit") && document.querySelector(".pager"));
    assert.equal(await page.locator("li.event").count(), 0, "no state visit of KG in the sample corpus");
    assert.equal((await page.locator(".pager").textContent()).trim(), "0–0 of 0");
    assert.ok(await page.evaluate(() => location.hash.includes("country=KG")));
    await go(page, "#/timeline?type=state_visit", "li.event");
    const visits = await page.locator("li.event .badge.type").allTextContents();
    assert.ok(visits.length === 3 && visits.every((v) => v === "state visit"), visits.join(" | "));
    await page.context().close();
  }
  noProblems();
});

test("the timeline in Russian", async () => {
  const page = await open(375, "ru");
  await go(page, "#/timeline?country=UZ", "ol.timeline li.event");
  assert.equal(await page.locator("h1").textContent(), "Хроника");
  assert.equal(await page.locator("li.event .event-date").first().textContent(), "дата не указана");
  const deals = await page.locator("li.agreement").allTextContents();
  assert.ok(deals.some((d) => d.startsWith("соглашений: 53 · значение: 2 млрд USD")), deals.join(" | "));
  assert.ok((await page.locator("#event-type option").allTextContents()).includes("форум"));
  await fitsWidth(page);
  await shot(page, "timeline-uz-ru-375");
  await page.context().close();
  noProblems();
});

test("the projects table leads to a project's history and its sources", async () => {
  for (const [lang, width] of [["en", 1280], ["ru", 375]]) {
    const page = await open(width, lang);
    await go(page, "#/projects", "table.projects tbody tr[data-project]");
    const rows = page.locator("table.projects tbody tr");
    assert.equal(await rows.count(), 4, "four projects in the sample corpus");
    const centre = page.locator("table.projects tr[data-project=\"2\"]");
    const cells = await centre.locator("td").allTextContents();
    const notStated = lang === "ru" ? "не указано" : "not stated";
    assert.deepEqual(cells, ["Орталық Азия", "KZ–UZ", lang === "ru" ? "промышленность" : "industry",
      (lang === "ru" ? "строится" : "under construction") + " (2025-11-24)", notStated, notStated, "3"]);
    if (width === 375) {
      await fitsWidth(page);
      assert.equal(await centre.locator("td").nth(4).getAttribute("data-label"), "Стоимость");
    }
    await shot(page, `projects-table-${lang}-${width === 375 ? "375" : "wide"}`);
    // Filters: a status narrows the table, through the address.
    await page.selectOption("#project-status", "launched");
    await page.waitForFunction(() => location.hash.includes("status=launched")
      && document.querySelectorAll("table.projects tbody tr").length === 1);
    assert.equal(await page.locator("table.projects tbody tr td").first().textContent(), "Марказий Осиё");
    await page.selectOption("#project-status", "");
    await page.selectOption("#project-sector", "trade");
    await page.waitForFunction(() => location.hash.includes("sector=trade")
      && document.querySelectorAll("table.projects tbody tr").length === 1);
    await page.selectOption("#project-sector", "");
    await page.selectOption("#project-country", "KZ");
    await page.waitForFunction(() => location.hash === "#/projects?country=KZ"
      && document.querySelectorAll("table.projects tbody tr").length === 3);
    // A row opens the project: its fields and its history, oldest first, each report with its source.
    await page.locator("table.projects tr[data-project=\"2\"] td").nth(2).click();
    await page.waitForSelector("table.project-history tr.report");
    assert.equal(await page.locator("#nav a.active").textContent(), lang === "ru" ? "Проекты" : "Projects");
    assert.equal(await page.locator("h1").textContent(), "Орталық Азия");
    const labels = await page.locator("dl.project-fields dt").allTextContents();
    assert.deepEqual(labels, lang === "ru"
      ? ["Стороны", "Отрасль", "Место", "Статус", "Статус на дату", "Стоимость", "Рабочие места"]
      : ["Sides", "Sector", "Place", "Status", "Status as of", "Value", "Jobs"]);
    const fields = await page.locator("dl.project-fields dd").allTextContents();
    assert.deepEqual(fields, ["KZ–UZ", lang === "ru" ? "промышленность" : "industry", notStated,
      lang === "ru" ? "строится" : "under construction", "2025-11-24", notStated, notStated]);
    const reports = page.locator("table.project-history tr.report");
    assert.equal(await reports.count(), 3);
    const first = await reports.first().locator("td").allTextContents();
    assert.equal(first[0], "2024-06-21");
    assert.equal(first[1], lang === "ru" ? "строится" : "under construction");
    assert.equal(first[2], notStated, "no value is guessed");
    assert.equal(await reports.nth(1).locator("td").nth(1).textContent(), notStated, "a report stating no status");
    if (width === 375) await fitsWidth(page);
    await shot(page, `project-history-${lang}-${width === 375 ? "375" : "wide"}`);
    const link = reports.first().locator("a.doclink");
    assert.match(await link.getAttribute("href"), /^#\/doc\/[0-9a-f]+$/);
    await link.click();
    await page.waitForSelector("article.doc-text");
    assert.match(await page.locator("h1.doc-title").textContent(), /«Орталық Азия» халықаралық өнеркәсіптік/);
    await page.context().close();
  }
  noProblems();
});
