//! Scoring against gold figures: a faithful port of
//! `shared/gold/score.py` (same language grouping, same greedy matching in
//! gold order, same rounding and the same printed report).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value};

const FACT_FIELDS: [&str; 6] = ["indicator", "measure", "pair", "kind", "approx", "period"];

/// Precision, recall and F1 of one group (rounded to 4 decimals like the scorer).
#[derive(Debug, Clone, PartialEq)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
    /// True positives.
    pub tp: usize,
    /// Predicted items.
    pub pred: usize,
    /// Gold items.
    pub gold: usize,
}

/// Agreement on the optional `product` field (as `score.py` counts it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProductAccuracy {
    /// Matched figures whose product agrees with the gold one.
    pub agree: usize,
    /// Matched figures compared: the gold line has `product`, and the gold
    /// or the predicted product is not null.
    pub compared: usize,
    /// `agree / compared`, rounded to 4 decimals.
    pub accuracy: f64,
}

/// A gold figure no prediction matched: (doc, text, value, unit).
pub type Miss = (String, String, Value, Value);
/// A wrong field of a matched fact: (doc, text, field, predicted, gold).
pub type Wrong = (String, String, String, String, String);

/// A gold figure with its byte span in the document (if found).
type GoldFigure = (Map<String, Value>, Option<(usize, usize)>);
/// A document's gold: (doc id, language group, figures).
type GoldDoc = (String, &'static str, Vec<GoldFigure>);
/// A prediction with its byte span.
type Predicted<'a> = (&'a Map<String, Value>, (usize, usize));

/// The scores of a set of predictions.
#[derive(Debug, Clone)]
pub struct Scores {
    /// Figure layer, per language group and `all`.
    pub figures: BTreeMap<String, Prf>,
    /// Fact layer, per language group and `all`.
    pub facts: BTreeMap<String, Prf>,
    /// Accuracy of each fact field among matched facts, in field order.
    pub field_accuracy: Vec<(String, Option<f64>)>,
    /// Agreement on `product` among matched figures whose gold line has
    /// the key (counted when either side names a product); `None` when
    /// there was nothing to compare.
    pub product_accuracy: Option<ProductAccuracy>,
    /// Gold figures without a match.
    pub misses: Vec<Miss>,
    /// Wrong fields of matched facts.
    pub wrong: Vec<Wrong>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Count of `\b(va|bilan|yil\w*|tashkil|o.tgan|o.zbekiston\w*)\b` matches.
fn uz_latin_words(t: &[char]) -> usize {
    let word_at = |i: usize| i < t.len() && is_word(t[i]);
    let lit = |i: usize, s: &str| -> Option<usize> {
        let mut j = i;
        for c in s.chars() {
            if j >= t.len() {
                return None;
            }
            if c == '.' {
                if t[j] == '\n' {
                    return None;
                }
            } else if t[j] != c {
                return None;
            }
            j += 1;
        }
        Some(j)
    };
    let words = |mut j: usize| {
        while word_at(j) {
            j += 1;
        }
        j
    };
    let mut n = 0;
    let mut i = 0;
    while i < t.len() {
        if word_at(i) && (i == 0 || !word_at(i - 1)) {
            let bounded = |j: usize| !word_at(j);
            let m = lit(i, "va")
                .filter(|&j| bounded(j))
                .or_else(|| lit(i, "bilan").filter(|&j| bounded(j)))
                .or_else(|| lit(i, "yil").map(words))
                .or_else(|| lit(i, "tashkil").filter(|&j| bounded(j)))
                .or_else(|| lit(i, "o.tgan").filter(|&j| bounded(j)))
                .or_else(|| lit(i, "o.zbekiston").map(words));
            if let Some(j) = m {
                n += 1;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    n
}

/// Rough language of a whole document, only to group scores (as `score.py`).
pub fn lang_of(doc_text: &str) -> &'static str {
    let t: Vec<char> = doc_text.to_lowercase().chars().collect();
    let cyr = t
        .iter()
        .filter(|c| ('\u{0400}'..='\u{04ff}').contains(*c))
        .count();
    let n = |chars: &str| t.iter().filter(|c| chars.contains(**c)).count();
    if (cyr as f64) < t.len() as f64 * 0.2 {
        if n("áóúńǵı") >= 5 {
            return "kk";
        }
        return if uz_latin_words(&t) >= 3 {
            "uz-Latn"
        } else {
            "en"
        };
    }
    if n("ӣӯҷ") >= 3 {
        return "tg";
    }
    if n("әұі") >= 5 {
        return "kk";
    }
    if n("ў") >= 3 {
        return "uz-Cyrl";
    }
    if n("ңөү") >= 5 {
        return "ky";
    }
    "ru"
}

fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn gold_span(text: &[u8], g: &Map<String, Value>) -> Option<(usize, usize)> {
    let needle = g
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or("")
        .as_bytes();
    let occ = g.get("occurrence").and_then(Value::as_u64).unwrap_or(1);
    let mut pos: Option<usize> = None;
    for _ in 0..occ {
        let from = pos.map_or(0, |p| p + 1);
        pos = Some(find_from(text, needle, from)?);
    }
    pos.map(|p| (p, p + needle.len()))
}

fn num(f: &Map<String, Value>, k: &str) -> Option<f64> {
    f.get(k).and_then(Value::as_f64)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || (a - b).abs() <= 0.005 * a.abs().max(b.abs()),
        (a, b) => a.is_none() && b.is_none(),
    }
}

fn get<'a>(f: &'a Map<String, Value>, k: &str) -> Option<&'a Value> {
    f.get(k).filter(|v| !v.is_null())
}

fn is_directed(f: &Map<String, Value>) -> bool {
    get(f, "indicator")
        .and_then(Value::as_str)
        .is_some_and(|i| tandem_model::DIRECTED_INDICATORS.contains(&i))
}

/// A fact field as `score.py` compares it (the pair as a tuple).
#[derive(Debug, PartialEq)]
enum FieldValue<'a> {
    Pair(Vec<Option<String>>),
    Plain(Option<&'a Value>),
}

fn field<'a>(f: &'a Map<String, Value>, k: &str) -> FieldValue<'a> {
    if k != "pair" {
        return FieldValue::Plain(get(f, k));
    }
    let side =
        |k: &str| get(f, k).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
    let (s, p) = (side("subject"), side("partner"));
    if is_directed(f) {
        FieldValue::Pair(vec![s, p])
    } else {
        let mut v: Vec<String> = [s, p].into_iter().flatten().collect();
        v.sort();
        FieldValue::Pair(v.into_iter().map(Some).collect())
    }
}

/// Python's `str()` of a JSON value as `json.loads` gives it (`None` for
/// null, the text of a string), for comparing products as `score.py` does.
fn py_value_str(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match n.as_f64() {
            Some(x) if !n.is_i64() && !n.is_u64() => py_float(x),
            _ => n.to_string(),
        },
        v => v.to_string(),
    }
}

/// Python's `str()` of a value as `print` shows it.
fn py_str(v: &FieldValue) -> String {
    match v {
        FieldValue::Plain(None) => "None".into(),
        FieldValue::Plain(Some(Value::String(s))) => s.clone(),
        FieldValue::Plain(Some(v)) => v.to_string(),
        FieldValue::Pair(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|x| x.as_ref().map_or("None".to_string(), |s| format!("'{s}'")))
                .collect();
            match parts.len() {
                1 => format!("({},)", parts[0]),
                _ => format!("({})", parts.join(", ")),
            }
        }
    }
}

fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

fn prf(tp: usize, npred: usize, ngold: usize) -> Prf {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp as f64 / ngold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf {
        p: round4(p),
        r: round4(r),
        f1: round4(f),
        tp,
        pred: npred,
        gold: ngold,
    }
}

fn is_other_or_none(f: &Map<String, Value>) -> bool {
    match get(f, "indicator") {
        None => true,
        Some(v) => v.as_str() == Some("other"),
    }
}

/// Scores predictions (JSON objects with the gold fields plus `start` and
/// `end`) against `gold_dir/*.jsonl`, reading documents from `corpus`.
pub fn score(
    corpus: &Path,
    gold_dir: &Path,
    preds: &[Map<String, Value>],
) -> std::io::Result<Scores> {
    let mut names: Vec<String> = std::fs::read_dir(gold_dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(".jsonl"))
        .collect();
    names.sort();
    let mut golds: Vec<GoldDoc> = Vec::new();
    for name in names {
        let doc = name[..name.len() - 6].to_string();
        let tb = std::fs::read(corpus.join(format!("{doc}.txt")))?;
        let lang = lang_of(&String::from_utf8_lossy(&tb));
        let raw = std::fs::read_to_string(gold_dir.join(&name))?;
        let mut gl = Vec::new();
        for line in raw.lines().filter(|l| !l.trim().is_empty()) {
            let g: Map<String, Value> = serde_json::from_str(line).map_err(|e| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{name}: {e}"))
            })?;
            let span = gold_span(&tb, &g);
            gl.push((g, span));
        }
        golds.push((doc, lang, gl));
    }
    let mut fig: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut fact: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut fields: Vec<(String, [usize; 2])> = Vec::new();
    let mut misses = Vec::new();
    let mut wrong = Vec::new();
    // agreeing, compared (gold lines with a "product" key)
    let mut products = [0usize; 2];
    for (doc, lang, gl) in &golds {
        let pl: Vec<Predicted> = preds
            .iter()
            .filter(|p| p.get("doc").and_then(Value::as_str) == Some(doc.as_str()))
            .map(|p| {
                let at = |k: &str| p.get(k).and_then(Value::as_u64).unwrap_or(0) as usize;
                (p, (at("start"), at("end")))
            })
            .collect();
        let mut used = vec![false; pl.len()];
        for key in [*lang, "all"] {
            let f = fig.entry(key.to_string()).or_default();
            f[1] += pl.len();
            f[2] += gl.len();
            let c = fact.entry(key.to_string()).or_default();
            c[1] += pl.iter().filter(|(p, _)| !is_other_or_none(p)).count();
            c[2] += gl
                .iter()
                .filter(|(g, _)| get(g, "indicator").and_then(Value::as_str) != Some("other"))
                .count();
        }
        for (g, gspan) in gl {
            let text = g
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let hit = gspan.and_then(|gs| {
                pl.iter().enumerate().position(|(i, (p, ps))| {
                    !used[i]
                        && ps.0 < gs.1
                        && gs.0 < ps.1
                        && close(num(p, "value"), num(g, "value"))
                        && close(num(p, "value_max"), num(g, "value_max"))
                        && get(p, "unit") == get(g, "unit")
                })
            });
            let Some(hit) = hit else {
                misses.push((
                    doc.clone(),
                    text,
                    g.get("value").cloned().unwrap_or(Value::Null),
                    g.get("unit").cloned().unwrap_or(Value::Null),
                ));
                continue;
            };
            used[hit] = true;
            let p = pl[hit].0;
            for key in [*lang, "all"] {
                fig.entry(key.to_string()).or_default()[0] += 1;
            }
            if let Some(gp) = g.get("product") {
                let pp = p.get("product").unwrap_or(&Value::Null);
                if !gp.is_null() || !pp.is_null() {
                    products[1] += 1;
                    if py_value_str(pp) == py_value_str(gp) {
                        products[0] += 1;
                    }
                }
            }
            if get(g, "indicator").and_then(Value::as_str) == Some("other") {
                continue;
            }
            let mut ok = true;
            for k in FACT_FIELDS {
                let idx = match fields.iter().position(|(n, _)| n == k) {
                    Some(i) => i,
                    None => {
                        fields.push((k.to_string(), [0, 0]));
                        fields.len() - 1
                    }
                };
                fields[idx].1[1] += 1;
                let (pf, gf) = (field(p, k), field(g, k));
                if pf == gf {
                    fields[idx].1[0] += 1;
                } else {
                    ok = false;
                    wrong.push((
                        doc.clone(),
                        text.clone(),
                        k.to_string(),
                        py_str(&pf),
                        py_str(&gf),
                    ));
                }
            }
            if ok {
                for key in [*lang, "all"] {
                    fact.entry(key.to_string()).or_default()[0] += 1;
                }
            }
        }
    }
    Ok(Scores {
        figures: fig
            .into_iter()
            .map(|(k, v)| (k, prf(v[0], v[1], v[2])))
            .collect(),
        facts: fact
            .into_iter()
            .map(|(k, v)| (k, prf(v[0], v[1], v[2])))
            .collect(),
        field_accuracy: fields
            .into_iter()
            .map(|(k, v)| (k, (v[1] > 0).then(|| round4(v[0] as f64 / v[1] as f64))))
            .collect(),
        product_accuracy: (products[1] > 0).then(|| ProductAccuracy {
            agree: products[0],
            compared: products[1],
            accuracy: round4(products[0] as f64 / products[1] as f64),
        }),
        misses,
        wrong,
    })
}

/// A float as Python's `repr` writes it.
fn py_float(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e16 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

/// The field accuracies as `json.dumps` writes them.
fn field_accuracy_json(s: &Scores) -> String {
    let parts: Vec<String> = s
        .field_accuracy
        .iter()
        .map(|(k, v)| format!("\"{k}\": {}", v.map_or("null".to_string(), py_float)))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// The report exactly as `score.py` prints it (`verbose`: with `-v`).
pub fn render(s: &Scores, verbose: bool) -> String {
    let mut out = String::new();
    for (layer, map) in [("figures", &s.figures), ("facts", &s.facts)] {
        for (k, v) in map {
            let _ = writeln!(
                out,
                "{layer:8} {k:6} P={:.3} R={:.3} F1={:.3}  (tp {}, pred {}, gold {})",
                v.p, v.r, v.f1, v.tp, v.pred, v.gold
            );
        }
    }
    let _ = writeln!(
        out,
        "field accuracy among matched facts: {}",
        field_accuracy_json(s)
    );
    if let Some(pa) = &s.product_accuracy {
        let _ = writeln!(
            out,
            "product accuracy among matched figures: {:.3} ({} of {})",
            pa.accuracy, pa.agree, pa.compared
        );
    }
    if verbose {
        let val = |v: &Value| match v {
            Value::String(s) => s.clone(),
            Value::Null => "None".into(),
            v => v.to_string(),
        };
        for (doc, text, value, unit) in &s.misses {
            let _ = writeln!(out, "MISS {doc} {text} {} {}", val(value), val(unit));
        }
        for (doc, text, k, p, g) in &s.wrong {
            let _ = writeln!(out, "WRONG {doc} {text} {k} {p} {g}");
        }
    }
    out
}

/// The scores as the JSON object `score.py --json` prints.
pub fn to_json(s: &Scores) -> Value {
    let layer = |m: &BTreeMap<String, Prf>| {
        Value::Object(
            m.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        serde_json::json!({"p": v.p, "r": v.r, "f1": v.f1, "tp": v.tp, "pred": v.pred, "gold": v.gold}),
                    )
                })
                .collect(),
        )
    };
    let fields: Map<String, Value> = s
        .field_accuracy
        .iter()
        .map(|(k, v)| (k.clone(), v.map_or(Value::Null, |x| serde_json::json!(x))))
        .collect();
    let mut out = serde_json::json!({"figures": layer(&s.figures), "facts": layer(&s.facts), "field_accuracy": fields});
    if let (Some(pa), Value::Object(o)) = (&s.product_accuracy, &mut out) {
        o.insert(
            "product_accuracy".into(),
            serde_json::json!({"agree": pa.agree, "compared": pa.compared, "accuracy": pa.accuracy}),
        );
    }
    out
}

/// Figures as the JSON objects [`score`] takes.
pub fn figures_to_predictions(figs: &[tandem_model::Figure]) -> Vec<Map<String, Value>> {
    figs.iter()
        .filter_map(|f| match serde_json::to_value(f) {
            Ok(Value::Object(m)) => Some(m),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_groups_follow_the_scorer() {
        assert_eq!(
            lang_of("Қазақстан мен Өзбекстан әріптес. Ұлы дала, ізгі іс."),
            "kk"
        );
        assert_eq!(
            lang_of("Ўзбекистон ва Қозоғистон ўртасида ўзаро савдо ўсди."),
            "uz-Cyrl"
        );
        assert_eq!(
            lang_of("O'zbekiston va Qozog'iston o'tgan yili savdo bilan"),
            "uz-Latn"
        );
        assert_eq!(
            lang_of("Trade between Kazakhstan and Uzbekistan grew."),
            "en"
        );
        assert_eq!(lang_of("Товарооборот вырос."), "ru");
    }

    #[test]
    fn pairs_compare_like_tuples() {
        let m = |s: &str| -> Map<String, Value> { serde_json::from_str(s).unwrap() };
        let a = m(r#"{"indicator":"trade.turnover","subject":"UZ","partner":"KZ"}"#);
        let b = m(r#"{"indicator":"trade.turnover","subject":"KZ","partner":"UZ"}"#);
        assert_eq!(field(&a, "pair"), field(&b, "pair"));
        let c = m(r#"{"indicator":"trade.export","subject":"UZ","partner":"KZ"}"#);
        let d = m(r#"{"indicator":"trade.export","subject":"KZ","partner":"UZ"}"#);
        assert_ne!(field(&c, "pair"), field(&d, "pair"));
        assert_eq!(py_str(&field(&c, "pair")), "('UZ', 'KZ')");
        let e = m(r#"{"indicator":"gdp","subject":"UZ","partner":null}"#);
        assert_eq!(py_str(&field(&e, "pair")), "('UZ',)");
    }

    #[test]
    fn prf_rounds_like_python() {
        let p = prf(106, 119, 118);
        assert_eq!(p.p, 0.8908);
        assert_eq!(p.r, 0.8983);
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(0.9831), "0.9831");
    }
}
