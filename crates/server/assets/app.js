// Tandem dashboard: a single page in plain JavaScript over the JSON API.
// Pages are chosen by the URL hash (#/series?indicator=…); every element is
// built with textContent (never innerHTML), so stored text cannot inject
// markup.
(function () {
  "use strict";

  var DICT = window.TANDEM_I18N;
  var lang = localStorage.getItem("tandem.lang") || (navigator.language || "en").slice(0, 2);
  if (!DICT[lang]) lang = "en";
  var app = document.getElementById("app");
  var enc = new TextEncoder();
  var dec = new TextDecoder();

  // ---- helpers ----------------------------------------------------------

  function t(key, vars) {
    var s = (DICT[lang] && DICT[lang][key]) || DICT.en[key] || key;
    if (vars) Object.keys(vars).forEach(function (k) { s = s.split("{" + k + "}").join(String(vars[k])); });
    return s;
  }

  // h("div", {class: "x", onclick: f}, child, "text", [more])
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else if (k === "text") el.textContent = v;
      else el.setAttribute(k, v === true ? "" : v);
    });
    for (var i = 2; i < arguments.length; i++) add(el, arguments[i]);
    return el;
  }
  function add(el, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) c.forEach(function (x) { add(el, x); });
    else el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  // A server run with `--access token` is opened as /#token=TOKEN: the
  // token is kept in this tab's session storage (and taken out of the
  // address) and sent with every API call as `Authorization: Bearer`.
  var TOKEN_KEY = "tandem.token";
  var given = /^#token=([^&]+)/.exec(location.hash);
  if (given) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(given[1]));
    history.replaceState(null, "", location.pathname + location.search + "#/");
  }
  function withToken(headers) {
    var token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = "Bearer " + token;
    return headers;
  }

  // A download link; with a token it is fetched with it and saved from memory.
  function download(href, label) {
    return h("a", { href: href, download: "", onclick: function (e) {
      if (!sessionStorage.getItem(TOKEN_KEY)) return;
      e.preventDefault();
      fetch(href, { headers: withToken({}) }).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + r.statusText);
        return r.blob();
      }).then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = h("a", { href: url, download: href.replace(/^.*format=/, "figures.") });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      }).catch(function (err) { alert(err.message); });
    } }, label);
  }

  function api(path) {
    return fetch(path, { headers: withToken({ Accept: "application/json" }) }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error((body && body.error) || r.status + " " + r.statusText);
        return body;
      });
    });
  }

  function qs(obj) {
    var parts = [];
    Object.keys(obj).forEach(function (k) {
      if (obj[k] !== undefined && obj[k] !== null && obj[k] !== "") parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(obj[k]));
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function numberText(x, digits) {
    return x.toLocaleString(lang === "ru" ? "ru-RU" : "en-US", { maximumFractionDigits: digits === undefined ? 2 : digits });
  }

  // 3390000000 USD → "3.39 bn USD"; 18.2 percent → "18.2 %"
  function human(value, unit) {
    if (value === null || value === undefined) return "–";
    var u = { percent: "%", percent_point: "pp", times: "×" }[unit] || unit || "";
    var a = Math.abs(value), s = "", v = value;
    if (a >= 1e9) { v = value / 1e9; s = " " + t("scale.bn"); }
    else if (a >= 1e6) { v = value / 1e6; s = " " + t("scale.mln"); }
    else if (a >= 1e4) { v = value / 1e3; s = " " + t("scale.thousand"); }
    return numberText(v, 3) + s + (u ? " " + u : "");
  }
  function qualified(value, approx, unit, valueMax) {
    var q = approx && approx !== "exact" ? t("approx." + approx) + " " : "";
    var range = valueMax !== null && valueMax !== undefined ? "–" + human(valueMax, unit) : "";
    return q + human(value, unit) + range;
  }
  // The sides as extraction found them, never a guessed pair: a figure
  // whose text names no side says so, and a directed figure whose first
  // side is not named (investment into KZ from unnamed investors) is not
  // shown as KZ's own.
  function sides(o) {
    if (o.subject && o.partner) return o.subject + "–" + o.partner;
    if (o.subject) return o.subject;
    if (o.partner) return t("sides.to", { p: o.partner });
    return t("sides.none");
  }
  // The pair as the API writes it (KZ-UZ, KZ, ?-KZ, -): the series page's key.
  function pairKey(o) {
    if (o.subject && o.partner) return o.subject + "-" + o.partner;
    if (o.subject) return o.subject;
    return o.partner ? "?-" + o.partner : "-";
  }
  // A pair key the API accepts as a `pair` filter, else undefined.
  function apiPair(key) { return /^[A-Z]{2}(-[A-Z]{2})?$/.test(key || "") ? key : undefined; }
  function periodText(p) { return p || t("period.none"); }
  // "10 — cereals"; `none` (or null) is the figures about no particular goods.
  function productName(code) {
    if (code === null || code === undefined || code === "none") return t("product.none");
    var name = DICT[lang]["hs." + code] || DICT.en["hs." + code];
    return name ? code + " — " + name : t("product.hs", { code: code });
  }
  // What a figure says beside its value: period, sides and goods (each as found).
  function figureMeta(f) {
    return [periodText(f.period), sides(f)].concat(f.product ? [productName(f.product)] : []).join(" · ");
  }
  function clip(text) { return text.length > 240 ? text.slice(0, 240) + "…" : text; }
  function indName(id) { return t("ind." + id); }
  function langName(code) { return t("lang." + code); }

  function docLink(record) {
    var d = record.document;
    var label = (d.title || d.name) + (d.date ? " (" + d.date + ")" : "");
    return h("a", { href: "#/doc/" + encodeURIComponent(d.id) + qs({ fig: record.id }), class: "doclink" }, label);
  }

  function sourceList(sources) {
    return h("ul", { class: "sources" }, sources.map(function (s) {
      return h("li", { "data-figure": String(s.id) },
        h("span", { class: "val" }, qualified(s.value, s.approx, s.unit, s.value_max)), " ",
        h("span", { class: "meta" }, figureMeta(s)), " ",
        docLink(s), " ",
        h("q", { class: "sentence" }, clip(s.sentence)),
        h("span", { class: "span" }, " [" + s.start + "…" + s.end + ")"));
    }));
  }

  function table(headers, rows, cls) {
    return h("div", { class: "table-wrap" }, h("table", { class: cls || "" },
      h("thead", null, h("tr", null, headers.map(function (x) { return h("th", null, x); }))),
      h("tbody", null, rows)));
  }

  function loading() { clear(app); add(app, h("p", { class: "muted" }, t("ui.loading"))); }
  function fail(e) { clear(app); add(app, h("p", { class: "error", role: "alert" }, t("ui.error") + ": " + e.message)); }

  function select(id, options, value, onchange) {
    return h("select", { id: id, onchange: onchange }, options.map(function (o) {
      return h("option", { value: o[0], selected: o[0] === value }, o[1]);
    }));
  }

  // The goods filter: any goods, no particular goods, then every HS chapter
  // present in the store (from /api/stats), by code.
  function productSelect(id, stats, value, onchange) {
    var codes = stats.figures_per_product.map(function (p) { return p[0]; }).filter(Boolean).sort();
    if (value && value !== "none" && codes.indexOf(value) < 0) codes.push(value);
    return select(id, [["", t("product.any")], ["none", t("product.none")]].concat(codes.map(function (c) { return [c, productName(c)]; })),
      value || "", onchange);
  }

  var INDICATORS = ["trade.turnover", "trade.export", "trade.import", "investment", "projects", "jobs", "enterprises", "freight", "gdp", "population", "area", "agreements", "other"];
  var DIRECTED = ["trade.export", "trade.import", "investment", "enterprises"];
  var MEASURES = ["level", "change_pct", "share_pct", "ratio", "change_abs"];

  // ---- router -----------------------------------------------------------

  function parseHash() {
    var raw = location.hash.replace(/^#/, "") || "/";
    var q = raw.indexOf("?");
    var path = q < 0 ? raw : raw.slice(0, q);
    var params = {};
    if (q >= 0) raw.slice(q + 1).split("&").forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf("=");
      params[decodeURIComponent(i < 0 ? kv : kv.slice(0, i))] = i < 0 ? "" : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
    });
    return { parts: path.split("/").filter(Boolean), params: params };
  }

  function route() {
    var r = parseHash();
    var page = r.parts[0] || "overview";
    document.querySelectorAll("#nav a").forEach(function (a) {
      a.classList.toggle("active", a.getAttribute("data-page") === ({ doc: "documents", project: "projects" }[page] || page));
    });
    document.body.setAttribute("data-page", page);
    var pages = { overview: overview, series: series, figures: figures, conflicts: conflicts, targets: targets, documents: documents, doc: docPage, search: search,
      timeline: timeline, projects: projects, project: projectPage };
    (pages[page] || overview)(r.params, r.parts);
    window.scrollTo(0, 0);
  }

  function translateStatic() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.getAttribute("data-i18n")); });
    document.getElementById("lang-switch").value = lang;
  }

  // ---- overview ---------------------------------------------------------

  // The knowledge base's counts (facts, conflicts, checks, targets) come
  // once the server has built it for the store as it is: until then they
  // are those of an earlier state ("…" before the first), and the page
  // asks again every few seconds while it is shown.
  var overviewTimer = null;

  function overview() {
    clearTimeout(overviewTimer);
    if (!app.querySelector(".cards")) loading();
    var shown = location.hash;
    api("/api/stats").then(function (s) {
      if (location.hash !== shown) return;
      clear(app);
      var known = function (n) { return n === null ? "…" : n; };
      var cards = [["overview.documents", s.documents], ["overview.figures", s.figures], ["overview.facts", known(s.facts)],
        ["overview.conflicts", known(s.conflicts), "#/conflicts"],
        ["overview.checks_failed", s.checks === null ? "…" : s.checks_failed + " / " + s.checks, "#/conflicts"],
        ["overview.targets", known(s.targets), "#/targets"]];
      if (!s.knowledge_current) overviewTimer = setTimeout(function () { if (location.hash === shown) overview(); }, 5000);
      var langs = s.per_language.map(function (p) { return p[0]; });
      var years = s.per_year.map(function (p) { return p[0]; });
      var cell = {};
      s.per_language_year.forEach(function (r) { cell[r[0] + "|" + r[1]] = r[2]; });
      var maxInd = Math.max.apply(null, s.figures_per_indicator.map(function (p) { return p[1]; }).concat([1]));
      add(app, [
        h("h1", null, t("overview.title")),
        h("div", { class: "cards" }, cards.map(function (c) {
          var inner = [h("div", { class: "num" }, String(c[1])), h("div", { class: "label" }, t(c[0]))];
          return c[2] ? h("a", { class: "card", href: c[2] }, inner) : h("div", { class: "card" }, inner);
        })),
        h("h2", null, t("overview.by_lang_year")),
        table([t("doc.language")].concat(years).concat([t("overview.total")]),
          langs.map(function (l) {
            var total = 0;
            return h("tr", null, h("th", null, langName(l)), years.map(function (y) {
              var n = cell[l + "|" + y] || 0; total += n;
              return h("td", { class: n ? "" : "muted" }, String(n));
            }), h("td", { class: "strong" }, String(total)));
          }), "matrix"),
        h("h2", null, t("overview.by_indicator")),
        h("div", { class: "bars" }, s.figures_per_indicator.map(function (p) {
          return h("a", { class: "bar-row", href: "#/series" + qs({ indicator: p[0] }) },
            h("span", { class: "bar-label" }, indName(p[0])),
            h("span", { class: "bar-track" }, h("span", { class: "bar", style: "width:" + (100 * p[1] / maxInd).toFixed(1) + "%" })),
            h("span", { class: "bar-num" }, String(p[1])));
        })),
        h("p", { class: "exports" }, t("overview.export"), " ",
          ["csv", "jsonl", "parquet"].map(function (f) { return [download("/api/export/figures?format=" + f, f.toUpperCase()), " "]; }))
      ]);
    }).catch(fail);
  }

  // ---- series -----------------------------------------------------------

  var chart = null;

  function series(params) {
    loading();
    var indicator = params.indicator || "trade.turnover";
    var measure = params.measure || "level";
    Promise.all([api("/api/series" + qs({ indicator: indicator, measure: measure })), api("/api/targets" + qs({ indicator: indicator }))]).then(function (res) {
      var all = res[0].series;
      var uniq = function (list, key) {
        var out = [];
        list.forEach(function (x) { var k = key(x); if (out.indexOf(k) < 0) out.push(k); });
        return out;
      };
      var goodsKey = function (x) { return x.product || "none"; };
      // What the address asks for is shown, or shown as missing: never
      // swapped for another pair, goods or unit. Only an unasked choice
      // takes a default.
      var pick = function (asked, options, preferred) {
        if (asked) return asked;
        return options.indexOf(preferred) >= 0 ? preferred : options[0];
      };
      var pairs = uniq(all, pairKey);
      var asked = params.pair;
      if (asked && pairs.indexOf(asked) < 0 && DIRECTED.indexOf(indicator) < 0) {
        var flipped = asked.split("-").reverse().join("-");
        if (pairs.indexOf(flipped) >= 0) asked = flipped;
      }
      var pair = pick(asked, pairs, "KZ-UZ");
      var ofPair = all.filter(function (s) { return pairKey(s) === pair; });
      var products = uniq(ofPair, goodsKey);
      var product = pick(params.product, products, "none");
      var ofProduct = ofPair.filter(function (s) { return goodsKey(s) === product; });
      var units = uniq(ofProduct, function (s) { return s.unit; });
      var unit = pick(params.unit, units, units[0]);
      // The news line is the series; the official statistics of the same
      // selection are drawn beside it (or alone, when the news says nothing).
      var ofUnit = ofProduct.filter(function (s) { return s.unit === unit; });
      var isOfficial = function (s) { return s.source_kind === "official"; };
      var chosen = ofUnit.filter(function (s) { return !isOfficial(s); })[0] || ofUnit[0];
      var official = chosen && !isOfficial(chosen) ? ofUnit.filter(isOfficial)[0] : null;
      var withAsked = function (options, value, label) {
        return value && !options.some(function (o) { return o[0] === value; }) ? options.concat([[value, label(value)]]) : options;
      };
      var pairLabel = function (key) {
        var s = all.filter(function (x) { return pairKey(x) === key; })[0];
        return s ? sides(s) : key;
      };
      var go = function (change) {
        var p = { indicator: indicator, measure: measure, pair: pair, product: product, unit: unit };
        Object.keys(change).forEach(function (k) { p[k] = change[k]; });
        if (change.indicator || change.measure) { delete p.pair; delete p.product; delete p.unit; }
        if (change.pair) { delete p.product; delete p.unit; }
        if (change.product) delete p.unit;
        location.hash = "#/series" + qs(p);
      };
      clear(app);
      add(app, [
        h("h1", null, t("series.title")),
        h("div", { class: "controls" },
          h("label", null, t("series.indicator"), select("sel-indicator",
            INDICATORS.map(function (i) { return [i, indName(i)]; }), indicator, function (e) { go({ indicator: e.target.value }); })),
          h("label", null, t("series.measure"), select("sel-measure",
            MEASURES.map(function (m) { return [m, t("measure." + m)]; }), measure,
            function (e) { go({ measure: e.target.value }); })),
          h("label", null, t("series.pair"), select("sel-pair", withAsked(pairs.map(function (p) { return [p, pairLabel(p)]; }), pair, String), pair,
            function (e) { go({ pair: e.target.value }); })),
          h("label", null, t("series.product"), select("sel-product", withAsked(products.map(function (p) { return [p, productName(p)]; }), product, productName), product,
            function (e) { go({ product: e.target.value }); })),
          h("label", null, t("series.unit"), select("sel-unit", withAsked(units.map(function (u) { return [u, u]; }), unit, String), unit,
            function (e) { go({ unit: e.target.value }); })))
      ]);
      if (!chosen) { add(app, h("p", { class: "muted" }, t("series.none"))); return; }
      var target = res[1].targets.filter(function (tg) {
        return tg.unit === chosen.unit && tg.measure === chosen.measure && pairKey(tg) === pairKey(chosen) && goodsKey(tg) === goodsKey(chosen);
      })[0];
      var title = indName(chosen.indicator) + " " + sides(chosen) + (chosen.product ? ", " + productName(chosen.product) : "") + ", " + chosen.unit;
      var detail = h("div", { id: "point-sources", class: "panel" }, h("p", { class: "muted" }, t("series.click")));
      var showPoint = function (pt) {
        clear(detail);
        add(detail, [h("h3", null, t("series.sources_of", { period: pt.period }) + ": " + qualified(pt.reported.value, pt.reported.approx, chosen.unit)),
          pt.conflict ? h("p", { class: "disagree" }, t("series.disagree")) : null,
          sourceList(pt.sources)]);
        detail.scrollIntoView({ block: "nearest" });
      };
      var box = h("div", { id: "chart", class: "chart", role: "img", "aria-label": title });
      add(app, [h("h2", null, title), box,
        h("div", { class: "legend-extra" },
          h("span", { class: "key yearly" }, t("series.yearly")), h("span", { class: "key partyear" }, t("series.partyear")),
          official ? h("span", { class: "key official" }, t("series.official")) : null,
          target ? h("span", { class: "key target" }, t("series.target") + ": " + human(target.current.value, chosen.unit) + " " + t("targets.by", { year: target.current.year })) : null),
        detail,
        table([t("series.period"), t("series.reported"), t("series.official"), t("series.gap"), t("series.sources"), t("series.documents"), ""],
          chosen.points.map(function (pt) {
            var row = h("tr", { class: "clickable" + (pt.conflict ? " conflict" : ""), "data-period": pt.period, onclick: function () { showPoint(pt); } },
              h("td", null, pt.period), h("td", null, qualified(pt.reported.value, pt.reported.approx, chosen.unit)),
              h("td", { class: "official" }, pt.official == null ? "" : human(pt.official, chosen.unit)),
              h("td", { class: "gap" }, pt.gap_pct == null ? "" : (pt.gap_pct > 0 ? "+" : "") + pt.gap_pct.toFixed(1) + "%"),
              h("td", null, String(pt.sources.length)), h("td", null, String(pt.documents)),
              h("td", null, pt.conflict ? h("a", { href: "#/conflicts" + qs({ indicator: chosen.indicator, pair: apiPair(pair), product: product }), class: "badge bad" }, t("series.conflict")) : "",
                pt.before_its_period ? h("span", { class: "badge warn", title: t("series.before_period_hint") }, t("series.before_period")) : ""));
            // A point whose sources disagree lists every one of them, not only the reported value.
            return pt.conflict ? [row, h("tr", { class: "point-sources", "data-period": pt.period },
              h("td", { colspan: "7" }, h("span", { class: "disagree" }, t("series.disagree")), sourceList(pt.sources)))] : row;
          }), "points")]);
      drawChart(box, chosen, target, showPoint, official);
    }).catch(fail);
  }

  // ---- figures ----------------------------------------------------------

  // Every figure as extracted, filtered by indicator, goods and kind: what
  // the text does not state is shown as not stated.
  function figures(params) {
    loading();
    var limit = 50, offset = Number(params.offset) || 0;
    var q = { indicator: params.indicator, product: params.product, kind: params.kind };
    Promise.all([api("/api/figures" + qs({ indicator: q.indicator, product: q.product, kind: q.kind, limit: limit, offset: offset })), api("/api/stats")]).then(function (res) {
      var page = res[0], stats = res[1];
      var go = function (change) {
        var p = { indicator: q.indicator, product: q.product, kind: q.kind };
        Object.keys(change).forEach(function (k) { p[k] = change[k]; });
        location.hash = "#/figures" + qs(p);
      };
      clear(app);
      add(app, [
        h("h1", null, t("figures.title")),
        h("div", { class: "controls" },
          h("label", null, t("series.indicator"), select("fig-indicator",
            [["", t("ui.all")]].concat(INDICATORS.map(function (i) { return [i, indName(i)]; })), q.indicator || "",
            function (e) { go({ indicator: e.target.value }); })),
          h("label", null, t("series.product"), productSelect("fig-product", stats, q.product || "", function (e) { go({ product: e.target.value }); })),
          h("label", null, t("figures.kind"), select("fig-kind",
            [["", t("ui.all")]].concat(["actual", "target", "forecast"].map(function (k) { return [k, t("kind." + k)]; })), q.kind || "",
            function (e) { go({ kind: e.target.value }); }))),
        page.figures.length ? table([t("figures.figure"), t("field.indicator"), t("field.sides"), t("field.period"), t("field.product"), t("figures.document")],
          page.figures.map(function (f) {
            return h("tr", { "data-figure": String(f.id) },
              h("td", { class: "strong nowrap" }, qualified(f.value, f.approx, f.unit, f.value_max)),
              h("td", null, indName(f.indicator), h("br"), h("span", { class: "muted" }, t("measure." + f.measure) + " · " + t("kind." + f.kind))),
              h("td", { class: "sides" + (f.subject || f.partner ? "" : " not-stated") }, sides(f)),
              h("td", { class: "period" + (f.period ? " nowrap" : " not-stated") }, periodText(f.period)),
              h("td", { class: "product" + (f.product ? "" : " muted") }, f.product ? productName(f.product) : "—"),
              h("td", null, docLink(f), h("q", { class: "sentence" }, clip(f.sentence))));
          }), "figures") : h("p", { class: "muted" }, t("ui.none")),
        pager(page.total, limit, offset, function (o) { return "#/figures" + qs({ indicator: q.indicator, product: q.product, kind: q.kind, offset: o }); })
      ]);
    }).catch(fail);
  }

  // The width inside the chart box's padding.
  function chartWidth(box) {
    var cs = getComputedStyle(box);
    var inner = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return Math.max(260, Math.floor(inner) || 600);
  }

  function drawChart(box, s, target, onPoint, official) {
    if (chart) { chart.destroy(); chart = null; }
    var xs = [], yearly = [], part = [], tline = [], oline = [], byX = {}, officialX = {};
    var pts = s.points.slice();
    var last = null;
    pts.forEach(function (p) { if (p.yearly && !p.before_its_period) last = p; });
    var xsSet = {};
    // Years sit mid-year, part-years at the end of their last month, so
    // that "2025-01..2025-09" stands three quarters into 2025.
    var xOf = function (p) { return p.yearly ? Number(p.period) + 0.5 : p.x; };
    pts.forEach(function (p) { xsSet[xOf(p)] = true; byX[xOf(p)] = p; });
    // the official statistics: one point per period they give
    (official ? official.points : []).forEach(function (p) { xsSet[xOf(p)] = true; officialX[xOf(p)] = p; });
    var tx = null;
    if (target && last) { tx = target.current.year + 0.5; xsSet[tx] = true; }
    xs = Object.keys(xsSet).map(Number).sort(function (a, b) { return a - b; });
    xs.forEach(function (x) {
      var p = byX[x];
      // An "actual" stated before its period began is only a marker, not part of the line.
      var inLine = p && p.yearly && !p.before_its_period;
      yearly.push(inLine ? p.reported.value : null);
      part.push(p && !inLine ? p.reported.value : null);
      oline.push(officialX[x] ? officialX[x].reported.value : null);
      tline.push(target && last ? (x === xOf(last) ? last.reported.value : (x === tx ? target.current.value : null)) : null);
    });
    var width = chartWidth(box);
    var opts = {
      width: width, height: Math.min(360, Math.max(220, Math.round(width * 0.5))),
      scales: { x: { time: false } },
      axes: [
        { values: function (u, vals) { return vals.map(function (v) { return Number.isInteger(v) ? String(v) : ""; }); } },
        { size: 100, values: function (u, vals) { return vals.map(function (v) { return human(v, "").trim(); }); } }
      ],
      cursor: { drag: { x: false, y: false } },
      legend: { show: false },
      series: [
        {},
        { label: t("series.yearly"), stroke: "#1f6feb", width: 2, spanGaps: true, points: { size: 8, fill: "#1f6feb" } },
        { label: t("series.partyear"), stroke: "transparent", points: { show: true, size: 9, stroke: "#d97706", fill: "#fff", width: 2 } },
        { label: t("series.target"), stroke: "#15803d", width: 2, dash: [8, 6], spanGaps: true, points: { show: true, size: 8, fill: "#15803d" } },
        { label: t("series.official"), stroke: "#7c3aed", width: 2, dash: [3, 3], spanGaps: true, points: { show: true, size: 7, fill: "#7c3aed" } }
      ],
      hooks: { draw: [function (u) { placeMarkers(u, box, xs, byX, target, tx, onPoint, officialX); }] }
    };
    chart = new uPlot(opts, [xs, yearly, part, tline, oline], box);
  }

  // Clickable buttons laid over the canvas at each point: keyboard- and
  // test-friendly, one per fact.
  function placeMarkers(u, box, xs, byX, target, tx, onPoint, officialX) {
    box.querySelectorAll(".pt").forEach(function (b) { b.remove(); });
    var over = u.over;
    var marker = function (x, y, cls, label, period, onclick) {
      var b = h("button", {
        class: "pt " + cls, title: label, "aria-label": label, "data-period": period, onclick: onclick,
        style: "left:" + u.valToPos(x, "x") + "px;top:" + u.valToPos(y, "y") + "px"
      });
      over.appendChild(b);
    };
    // A period with both a news point and an official one gets one marker
    // (the two would lie on top of each other): it lists the sources of both.
    xs.forEach(function (x) {
      var p = byX[x];
      if (!p) return;
      var o = officialX[x];
      var both = o ? Object.assign({}, p, { sources: p.sources.concat(o.sources) }) : p;
      marker(x, p.reported.value, (p.yearly ? "yearly" : "partyear") + (p.conflict ? " conflict" : "") + (o ? " with-official" : ""),
        p.period + ": " + human(p.reported.value, "") + (o ? "; " + t("series.official") + ": " + human(o.reported.value, "") : ""),
        p.period, function () { onPoint(both); });
    });
    Object.keys(officialX).forEach(function (key) {
      if (byX[key]) return;
      var p = officialX[key];
      marker(Number(key), p.reported.value, "official", t("series.official") + " " + p.period + ": " + human(p.reported.value, ""),
        p.period, function () { onPoint(p); });
    });
    if (target && tx !== null) {
      var c = target.current;
      marker(tx, c.value, "target", t("series.target") + " " + c.year + ": " + human(c.value, ""), "target", function () {
        onPoint({ period: t("series.target") + " " + c.year, reported: { value: c.value, approx: c.approx }, sources: c.sources });
      });
    }
  }

  // ---- conflicts and checks --------------------------------------------

  function conflicts(params) {
    loading();
    var q = { indicator: params.indicator, pair: params.pair, product: params.product, tolerance: params.tolerance };
    Promise.all([api("/api/conflicts" + qs(q)), api("/api/checks" + qs(q)), api("/api/stats")]).then(function (res) {
      var c = res[0], k = res[1];
      var tol = Math.round(c.tolerance.relative * 10000) / 100;
      var go = function (form) {
        location.hash = "#/conflicts" + qs({ indicator: params.indicator, pair: params.pair, product: form.elements.product.value, tolerance: form.elements.tol.value });
      };
      var goods = productSelect("conflict-product", res[2], params.product || "", function (e) { go(e.target.form); });
      goods.setAttribute("name", "product");
      clear(app);
      add(app, [
        h("h1", null, t("conflicts.title")),
        h("form", { class: "controls", onsubmit: function (e) { e.preventDefault(); go(e.target); } },
          h("label", null, t("series.product"), goods),
          h("label", null, t("conflicts.tolerance"), h("input", { name: "tol", type: "number", min: "0", max: "99", step: "0.5", value: String(tol) })),
          h("button", { type: "submit" }, t("ui.show"))),
        h("p", { class: "muted" }, t("conflicts.intro", { tol: tol })),
        c.conflicts.length ? table([t("conflicts.fact"), t("series.period"), t("series.reported"), t("conflicts.values"), t("series.sources")],
          c.conflicts.map(function (f) {
            return h("tr", { class: "conflict-row" },
              h("td", null, indName(f.indicator), h("br"), h("span", { class: "muted" }, [sides(f)].concat(f.product ? [productName(f.product)] : [])
                .concat([t("measure." + f.measure), t("kind." + f.kind)]).join(" · "))),
              h("td", null, f.period),
              h("td", { class: "strong" }, qualified(f.reported.value, f.reported.approx, f.unit), h("br"),
                h("span", { class: "muted" }, f.reported.agreeing_documents + "/" + f.documents)),
              h("td", null, f.values.map(function (v) { return h("div", null, qualified(v.value, v.approx, f.unit, v.value_max) + " ×" + v.documents); })),
              h("td", null, sourceList(f.sources)));
          }), "conflicts") : h("p", { class: "muted" }, t("ui.none")),
        h("h2", { id: "checks" }, t("checks.title") + " (" + k.passed + " ✓, " + k.failed + " ✗)"),
        k.checks.length ? table([t("checks.check"), t("series.period"), t("checks.stated"), t("checks.implied"), t("checks.discrepancy"), t("checks.result"), t("checks.inputs")],
          k.checks.map(function (ch) {
            var du = ch.discrepancy_unit === "percent_point" ? " pp" : " %";
            return h("tr", { class: ch.pass ? "pass" : "fail" },
              h("td", null, t("checks." + ch.check), h("br"), h("span", { class: "muted" }, indName(ch.indicator) + " " + sides(ch) + (ch.product ? " · " + productName(ch.product) : ""))),
              h("td", null, ch.period),
              h("td", null, human(ch.stated, ch.unit)), h("td", null, human(ch.implied, ch.unit)),
              h("td", null, (ch.discrepancy > 0 ? "+" : "") + numberText(ch.discrepancy, 2) + du),
              h("td", null, h("span", { class: "badge " + (ch.pass ? "good" : "bad") }, t(ch.pass ? "checks.pass" : "checks.fail"))),
              h("td", null, h("details", null, h("summary", null, ch.inputs.map(function (i) { return i.role; }).join(" · ")),
                ch.inputs.map(function (i) {
                  return h("div", { class: "input" }, h("strong", null, i.role + " " + i.period + ": " + qualified(i.value, i.approx, i.unit)), sourceList(i.sources));
                }))));
          }), "checks") : h("p", { class: "muted" }, t("ui.none"))
      ]);
    }).catch(fail);
  }

  // ---- targets ----------------------------------------------------------

  function targets() {
    loading();
    api("/api/targets").then(function (res) {
      clear(app);
      add(app, h("h1", null, t("targets.title")));
      if (!res.targets.length) { add(app, h("p", { class: "muted" }, t("ui.none"))); return; }
      add(app, h("div", { class: "targets" }, res.targets.map(function (tg) {
        var c = tg.current, p = tg.progress;
        var share = p ? Math.max(0, Math.min(1, p.share)) : 0;
        var status = !p ? t("targets.no_actual") : p.reached ? t("targets.reached")
          : p.required_growth_pct !== null ? t("targets.need", { growth: numberText(p.required_growth_pct, 1), years: p.years_left }) : t("targets.passed");
        return h("section", { class: "target card-wide" },
          h("h2", null, h("a", { href: "#/series" + qs({ indicator: tg.indicator, measure: tg.measure, pair: pairKey(tg), product: tg.product || "none", unit: tg.unit }) },
            indName(tg.indicator) + " " + sides(tg) + (tg.product ? ", " + productName(tg.product) : ""))),
          h("p", { class: "goal" }, qualified(c.value, c.approx, tg.unit, c.value_max) + " " + t("targets.by", { year: c.year })),
          p ? h("div", { class: "progress", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(Math.round(share * 100)) },
            h("div", { class: "fill" + (p.reached ? " done" : ""), style: "width:" + (share * 100).toFixed(1) + "%" })) : null,
          p ? h("p", null, t("targets.actual", { value: human(p.actual, tg.unit), year: p.actual_year }) + " · " + t("targets.share", { share: numberText(p.share * 100, 0) })) : null,
          h("p", { class: "status" }, status),
          h("p", { class: "muted" }, t("targets.stated_by", { n: c.documents, first: c.first_stated || t("doc.undated"), last: c.last_stated || t("doc.undated") })),
          h("details", { open: tg.changed }, h("summary", null, t("targets.history") + " (" + tg.history.length + ")"),
            h("ol", { class: "history" }, tg.history.map(function (s) {
              return h("li", null, h("strong", null, qualified(s.value, s.approx, tg.unit) + " " + t("targets.by", { year: s.year })), " — ",
                (s.first_stated || t("doc.undated")), sourceList(s.sources));
            }))));
      })));
    }).catch(fail);
  }

  // ---- documents --------------------------------------------------------

  function documents(params) {
    loading();
    var limit = 50, offset = Number(params.offset) || 0;
    api("/api/documents" + qs({ language: params.language, limit: limit, offset: offset })).then(function (res) {
      clear(app);
      var langs = ["", "kk", "uz-Cyrl", "uz-Latn", "ky", "tg", "ru", "en"];
      add(app, [
        h("h1", null, t("documents.title")),
        h("div", { class: "controls" }, h("label", null, t("doc.language"), select("doc-lang",
          langs.map(function (l) { return [l, l ? langName(l) : t("ui.all")]; }), params.language || "",
          function (e) { location.hash = "#/documents" + qs({ language: e.target.value }); }))),
        table([t("doc.date"), t("doc.title"), t("doc.language"), t("documents.figures")], res.documents.map(function (d) {
          return h("tr", null, h("td", { class: "nowrap" }, d.date || t("doc.undated")),
            h("td", null, h("a", { href: "#/doc/" + encodeURIComponent(d.id) }, d.title || d.name)),
            h("td", null, langName(d.language)), h("td", null, String(d.figures)));
        })),
        pager(res.total, limit, offset, function (o) { return "#/documents" + qs({ language: params.language, offset: o }); })
      ]);
    }).catch(fail);
  }

  function pager(total, limit, offset, href) {
    return h("p", { class: "pager" },
      offset > 0 ? h("a", { href: href(Math.max(0, offset - limit)) }, t("ui.prev")) : null, " ",
      t("ui.page", { from: total ? offset + 1 : 0, to: Math.min(total, offset + limit), total: total }), " ",
      offset + limit < total ? h("a", { href: href(offset + limit) }, t("ui.next")) : null);
  }

  // Splits text at UTF-8 byte offsets (the API's offsets) into a list of
  // [start, end, figure|null] segments and renders figures as <mark>.
  function highlighted(text, figures, focusId) {
    var bytes = enc.encode(text);
    var sorted = figures.slice().sort(function (a, b) { return a.start - b.start; });
    var out = [], pos = 0, focus = null;
    sorted.forEach(function (f) {
      if (f.start < pos || f.end > bytes.length || f.end <= f.start) return;
      out.push(dec.decode(bytes.subarray(pos, f.start)));
      var tip = [t("field.value") + ": " + qualified(f.value, f.approx, f.unit, f.value_max),
        t("field.indicator") + ": " + indName(f.indicator), t("field.measure") + ": " + t("measure." + f.measure),
        t("field.sides") + ": " + sides(f), t("field.kind") + ": " + t("kind." + f.kind),
        t("field.period") + ": " + periodText(f.period)].concat(f.product ? [t("field.product") + ": " + productName(f.product)] : []).join("\n");
      var m = h("mark", { id: "fig-" + f.id, class: "fig kind-" + f.kind, title: tip, tabindex: "0", "data-figure": String(f.id),
        onclick: function () { showFields(f, tip); }, onfocus: function () { showFields(f, tip); } },
        dec.decode(bytes.subarray(f.start, f.end)));
      if (String(f.id) === String(focusId)) { m.classList.add("focus"); focus = m; }
      out.push(m);
      pos = f.end;
    });
    out.push(dec.decode(bytes.subarray(pos)));
    return { nodes: out, focus: focus };
  }

  // The fields of a figure in a panel (touch screens have no hover).
  function showFields(f, tip) {
    var box = document.getElementById("fig-info");
    if (!box) return;
    clear(box);
    add(box, [h("strong", null, f.text), h("button", { type: "button", class: "close", "aria-label": t("ui.close"),
      onclick: function () { box.hidden = true; } }, "×"), h("pre", null, tip)]);
    box.hidden = false;
  }

  function docPage(params, parts) {
    loading();
    var id = parts.slice(1).join("/");
    api("/api/documents/" + encodeURIComponent(id)).then(function (d) {
      clear(app);
      var hl = highlighted(d.text, d.figures, params.fig);
      add(app, [
        h("p", null, h("a", { href: "#/documents", onclick: function (e) { if (history.length > 1) { e.preventDefault(); history.back(); } } }, t("doc.back"))),
        h("h1", { class: "doc-title" }, d.title || d.name),
        h("dl", { class: "meta" },
          h("dt", null, t("doc.date")), h("dd", null, d.date || t("doc.undated")),
          h("dt", null, t("doc.language")), h("dd", null, langName(d.language)),
          h("dt", null, t("doc.name")), h("dd", null, d.name),
          d.url ? [h("dt", null, t("doc.source")), h("dd", null, h("a", { href: d.url, rel: "noopener noreferrer" }, d.url))] : null),
        h("p", { class: "muted" }, t("doc.figures", { n: d.figures.length })),
        h("article", { class: "doc-text", lang: d.language }, hl.nodes),
        h("aside", { id: "fig-info", class: "fig-info", hidden: true, "aria-live": "polite" })
      ]);
      if (hl.focus) { hl.focus.scrollIntoView({ block: "center" }); hl.focus.focus({ preventScroll: true }); }
    }).catch(fail);
  }

  // ---- timeline and projects: shared helpers ------------------------------

  var COUNTRIES = ["KZ", "UZ", "KG", "TJ", "TM"];
  var EVENT_TYPES = ["state_visit", "official_visit", "working_visit", "visit", "summit", "session", "forum", "talks", "phone_call"];
  var STATUSES = ["planned", "agreed", "under_construction", "launched"];
  var SECTORS = ["energy", "industry", "logistics", "transport", "agriculture", "trade", "construction", "mining"];

  function notStated(key) { return h("span", { class: "not-stated" }, t(key || "ui.not_stated")); }
  // The text as given, or "not stated" for what the source leaves out.
  function stated(text) { return text === null || text === undefined || text === "" ? notStated() : text; }
  function whole(n) { return n === null || n === undefined ? null : numberText(n, 0); }
  function countryName(code) { var n = t("country." + code); return n === "country." + code ? code : code + " — " + n; }
  function countryList(codes) { return codes && codes.length ? codes.join("–") : t("sides.none"); }
  // "2 bn USD", or "not stated": a missing value is never filled in.
  function money(value, currency) { return value === null || value === undefined ? notStated() : human(value, currency); }

  // A copy of `obj` with the parameters of `change` added or replaced.
  function merged(obj, change) {
    var out = {};
    [obj, change].forEach(function (o) { Object.keys(o).forEach(function (k) { out[k] = o[k]; }); });
    return out;
  }

  // A row's cells, each labelled with its column (narrow screens show the
  // label beside the cell, the table's head being hidden).
  function labelled(headers, cells) {
    return cells.map(function (c, i) { return h("td", { "data-label": headers[i] }, h("div", null, c)); });
  }

  // A select of the given codes (an asked code not among them is kept).
  function codeSelect(id, codes, value, label, onchange) {
    var all = value && codes.indexOf(value) < 0 ? codes.concat([value]) : codes;
    return select(id, [["", t("ui.all")]].concat(all.map(function (c) { return [c, label(c)]; })), value || "", onchange);
  }

  // A report's source: its document (opened at #/doc/<id>) and sentence.
  function sourceItem(s) {
    var d = s.document;
    return h("li", null,
      h("a", { href: "#/doc/" + encodeURIComponent(d.id), class: "doclink" }, (d.title || d.name) + (d.date ? " (" + d.date + ")" : "")),
      " ", h("span", { class: "muted" }, langName(s.language)),
      h("q", { class: "sentence" }, clip(s.sentence)));
  }

  // "53 agreements · on trade · 2 bn USD · KZ–UZ", what the text does not
  // state said so (a subject only when stated).
  function agreementItem(a) {
    return h("li", { class: "agreement" },
      h("span", { class: "strong" }, a.count !== null && a.count !== undefined ? t("timeline.agreements_n", { n: a.count }) : t("timeline.agreements_some")),
      a.subject ? [" · ", t("field.subject"), ": ", h("q", { class: "subject" }, a.subject)] : null,
      " · ", t("field.value"), ": ", money(a.value, a.currency),
      a.sides && a.sides.length ? " · " + countryList(a.sides) : null,
      a.date ? " · " + a.date : null,
      h("ul", { class: "sources" }, sourceItem(a.source)));
  }

  // ---- timeline ---------------------------------------------------------

  // Events, newest first, each with its agreements and sources.
  function timeline(params) {
    loading();
    var limit = 20, offset = Number(params.offset) || 0;
    var filters = { country: params.country, type: params.type };
    var go = function (change) { location.hash = "#/timeline" + qs(merged(filters, change)); };
    api("/api/events" + qs(merged(filters, { limit: limit, offset: offset }))).then(function (res) {
      clear(app);
      add(app, [
        h("h1", null, t("timeline.title")),
        h("div", { class: "controls" },
          h("label", null, t("label.country"), codeSelect("event-country", COUNTRIES, params.country, countryName,
            function (e) { go({ country: e.target.value }); })),
          h("label", null, t("label.event_type"), codeSelect("event-type", EVENT_TYPES, params.type,
            function (c) { return t("event." + c); }, function (e) { go({ type: e.target.value }); }))),
        res.events.length ? h("ol", { class: "timeline" }, res.events.map(function (ev) {
          var place = [ev.city, ev.place_country].filter(Boolean).join(", ");
          return h("li", { class: "event" },
            h("div", { class: "event-head" },
              h("span", { class: "event-date" }, ev.date || notStated("timeline.undated")), " ",
              h("span", { class: "badge type" }, t("event." + ev.type)), " ",
              h("span", { class: "strong countries" }, countryList(ev.countries))),
            h("dl", { class: "meta" },
              h("dt", null, t("label.place")), h("dd", null, stated(place)),
              ev.participants.length ? [h("dt", null, t("timeline.participants")), h("dd", null, ev.participants.map(function (p) {
                return [p.name, p.office, p.country].filter(Boolean).join(", ");
              }).join("; "))] : null),
            ev.agreements.length ? [h("h3", null, t("timeline.agreements", { n: ev.agreements.length })),
              h("ul", { class: "agreements" }, ev.agreements.map(agreementItem))] : null,
            h("h3", null, t("series.sources")),
            h("ul", { class: "sources" }, ev.sources.map(sourceItem)));
        })) : h("p", { class: "muted" }, t("ui.none")),
        pager(res.total, limit, offset, function (o) { return "#/timeline" + qs(merged(filters, { offset: o })); })
      ]);
    }).catch(fail);
  }

  // ---- projects ---------------------------------------------------------

  function projects(params) {
    loading();
    var limit = 50, offset = Number(params.offset) || 0;
    var filters = { country: params.country, status: params.status, sector: params.sector };
    var go = function (change) { location.hash = "#/projects" + qs(merged(filters, change)); };
    var heads = [t("projects.name"), t("label.sides"), t("label.sector"), t("label.status"), t("label.value"), t("projects.jobs"), t("series.sources")];
    api("/api/projects" + qs(merged(filters, { limit: limit, offset: offset }))).then(function (res) {
      clear(app);
      add(app, [
        h("h1", null, t("projects.title")),
        h("div", { class: "controls" },
          h("label", null, t("label.country"), codeSelect("project-country", COUNTRIES, params.country, countryName,
            function (e) { go({ country: e.target.value }); })),
          h("label", null, t("label.status"), codeSelect("project-status", STATUSES, params.status,
            function (c) { return t("status." + c); }, function (e) { go({ status: e.target.value }); })),
          h("label", null, t("label.sector"), codeSelect("project-sector", SECTORS, params.sector,
            function (c) { return t("sector." + c); }, function (e) { go({ sector: e.target.value }); }))),
        res.projects.length ? table(heads, res.projects.map(function (p) {
          var href = "#/project/" + encodeURIComponent(p.id);
          return h("tr", { class: "clickable", "data-project": String(p.id), onclick: function (e) { if (!e.target.closest("a")) location.hash = href; } },
            labelled(heads, [h("a", { href: href }, p.name), countryList(p.sides), stated(p.sector && t("sector." + p.sector)),
              [stated(p.status && t("status." + p.status)), p.date ? h("span", { class: "muted" }, " (" + p.date + ")") : null],
              money(p.value, p.currency), stated(whole(p.jobs)), String(p.history.length)]));
        }), "projects labelled") : h("p", { class: "muted" }, t("ui.none")),
        pager(res.total, limit, offset, function (o) { return "#/projects" + qs(merged(filters, { offset: o })); })
      ]);
    }).catch(fail);
  }

  function projectPage(params, parts) {
    loading();
    api("/api/projects/" + encodeURIComponent(parts[1] || "")).then(function (p) {
      clear(app);
      var field = function (key, value) { return [h("dt", null, t(key)), h("dd", null, stated(value))]; };
      var heads = [t("doc.date"), t("label.status"), t("label.value"), t("projects.jobs"), t("doc.source")];
      add(app, [
        h("p", null, h("a", { href: "#/projects", onclick: function (e) { if (history.length > 1) { e.preventDefault(); history.back(); } } }, t("doc.back"))),
        h("h1", { class: "doc-title" }, p.name),
        h("dl", { class: "meta project-fields" },
          field("label.sides", p.sides.length ? countryList(p.sides) : null),
          field("label.sector", p.sector && t("sector." + p.sector)),
          field("label.place", p.place),
          field("label.status", p.status && t("status." + p.status)),
          field("projects.as_of", p.date),
          field("label.value", p.value === null ? null : human(p.value, p.currency)),
          field("projects.jobs", whole(p.jobs))),
        h("h2", null, t("projects.history") + " (" + p.history.length + ")"),
        table(heads, p.history.map(function (r) {
          return h("tr", { class: "report" }, labelled(heads, [h("span", { class: "nowrap" }, stated(r.date)), stated(r.status && t("status." + r.status)),
            money(r.value, r.currency), stated(whole(r.jobs)), h("ul", { class: "sources" }, sourceItem(r.source))]));
        }), "project-history labelled")
      ]);
    }).catch(fail);
  }

  // ---- search -----------------------------------------------------------

  function search(params) {
    clear(app);
    var langs = ["kk", "uz-Cyrl", "uz-Latn", "ky", "tg", "ru", "en"];
    var chosen = (params.lang || "").split(",").filter(Boolean);
    var results = h("div", { id: "results" });
    var form = h("form", { class: "search-form", role: "search", onsubmit: function (e) {
      e.preventDefault();
      var el = e.target.elements;
      var ls = langs.filter(function (l) { return el["l-" + l].checked; }).join(",");
      location.hash = "#/search" + qs({ q: el.q.value, lang: ls, from: el.from.value, to: el.to.value, exact: el.exact.checked ? "true" : "" });
    } },
      h("div", { class: "row" },
        h("input", { name: "q", type: "search", value: params.q || "", placeholder: t("search.query"), "aria-label": t("search.query"), maxlength: "500" }),
        h("button", { type: "submit" }, t("search.go"))),
      h("fieldset", null, h("legend", null, t("search.languages")), langs.map(function (l) {
        return h("label", { class: "chk" }, h("input", { type: "checkbox", name: "l-" + l, checked: chosen.indexOf(l) >= 0 }), langName(l));
      })),
      h("div", { class: "row" },
        h("label", null, t("search.from"), h("input", { name: "from", type: "date", value: params.from || "" })),
        h("label", null, t("search.to"), h("input", { name: "to", type: "date", value: params.to || "" })),
        h("label", { class: "chk" }, h("input", { type: "checkbox", name: "exact", checked: params.exact === "true" }), t("search.exact"))));
    add(app, [h("h1", null, t("search.title")), form, results]);
    if (!params.q) return;
    add(results, h("p", { class: "muted" }, t("ui.loading")));
    var limit = 20, offset = Number(params.offset) || 0;
    api("/api/search" + qs({ q: params.q, lang: params.lang, from: params.from, to: params.to, exact: params.exact, limit: limit, offset: offset })).then(function (res) {
      clear(results);
      add(results, h("p", { class: "muted" }, t("search.results", { total: res.total }) +
        (res.concepts && res.concepts.length ? " · " + t("search.concepts", { list: res.concepts.join(", ") }) : "")));
      add(results, h("ol", { class: "hits", start: String(offset + 1) }, res.hits.map(function (hit) {
        return h("li", { class: "hit" },
          h("a", { href: "#/doc/" + encodeURIComponent(hit.id), class: "hit-title" }, hit.title || hit.name),
          h("span", { class: "muted" }, " · " + (hit.date || t("doc.undated")) + " · " + langName(hit.lang)),
          h("p", { class: "snippet" }, snippet(hit.snippet, hit.highlights)));
      })));
      add(results, pager(res.total, limit, offset, function (o) {
        return "#/search" + qs({ q: params.q, lang: params.lang, from: params.from, to: params.to, exact: params.exact, offset: o });
      }));
    }).catch(function (e) {
      clear(results);
      add(results, h("p", { class: "error", role: "alert" }, t("search.unavailable") + ": " + e.message));
    });
  }

  function snippet(text, ranges) {
    var bytes = enc.encode(text), out = [], pos = 0;
    (ranges || []).slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (r) {
      if (r[0] < pos || r[1] > bytes.length) return;
      out.push(dec.decode(bytes.subarray(pos, r[0])));
      out.push(h("b", null, dec.decode(bytes.subarray(r[0], r[1]))));
      pos = r[1];
    });
    out.push(dec.decode(bytes.subarray(pos)));
    return out;
  }

  // ---- start ------------------------------------------------------------

  document.getElementById("lang-switch").addEventListener("change", function (e) {
    lang = e.target.value;
    localStorage.setItem("tandem.lang", lang);
    translateStatic();
    route();
  });
  // A resize only resizes the chart (no reload): the markers follow
  // through uPlot's draw hook.
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      if (!chart || !document.body.contains(chart.root)) return;
      var box = chart.root.parentNode;
      var width = chartWidth(box);
      chart.setSize({ width: width, height: Math.min(360, Math.max(220, Math.round(width * 0.5))) });
    }, 150);
  });
  window.addEventListener("hashchange", route);
  translateStatic();
  route();
})();
