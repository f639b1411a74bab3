//! Quantities: a number (digits or words) with its scale, unit, range and
//! glued case ending, as a token span. Years, dates, ordinals, citation
//! marks and times of day are recognised here and left out.

use crate::context::Doc;
use crate::lexicon::{Approx, Case, TimeCue};
use crate::matcher::{kind, kind::Kinds, Tag};
use crate::numbers::{is_group_space, parse_digits};
use crate::periods::Period;
use crate::sentences::Sent;
use crate::tokens::Kind;

/// Rounds away binary noise of scaling (4,1 × 10⁹ = 4099999999.9999995)
/// by keeping 13 significant digits: the number nearest to `v` that is
/// written with 13 significant digits, as `format!("{v:.12e}")` then
/// `parse` give it.
pub(crate) fn tidy(v: f64) -> f64 {
    if v.fract() == 0.0 && v.abs() < 1e13 {
        return v; // an integer of at most 13 digits is already tidy
    }
    tidy_by_arithmetic(v).unwrap_or_else(|| tidy_by_text(v))
}

/// [`tidy`] through the decimal text (exact, but slow).
fn tidy_by_text(v: f64) -> f64 {
    format!("{v:.12e}").parse().unwrap_or(v)
}

/// Powers of ten that are exact in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// [`tidy`] without text when the result is certain: `|v|` scaled by a
/// power of ten `10^k` into [10¹², 10¹³) has its 13 significant digits as
/// integer part; rounding it and scaling back by an exact power of ten is
/// one correctly rounded operation each, like formatting and parsing.
/// `None` when the scaled value lies too near a boundary of that range or
/// a half (the float's rounding error could decide) or `10^k` is not exact.
fn tidy_by_arithmetic(v: f64) -> Option<f64> {
    let a = v.abs();
    if !(a.is_finite() && a > 0.0) {
        return None;
    }
    // k = 12 - (decimal exponent of a); an estimate is enough, the range
    // check below refuses a wrong one
    let k = 12 - a.log10().floor() as i32;
    let pow = *POW10.get(k.unsigned_abs() as usize)?;
    let scaled = if k >= 0 { a * pow } else { a / pow };
    // the exact scaled value is within 2⁻¹⁰ of `scaled` (half an ulp below 2⁴⁴)
    if !(1e12 + 1.0..1e13 - 1.0).contains(&scaled) {
        return None;
    }
    let frac = scaled - scaled.floor();
    if (frac - 0.5).abs() < 1.0 / 256.0 {
        return None;
    }
    let digits = scaled.round();
    let tidy = if k >= 0 { digits / pow } else { digits * pow };
    Some(if v < 0.0 { -tidy } else { tidy })
}

/// A quantity found in a sentence (token indices into the document).
#[derive(Debug, Clone)]
pub(crate) struct Quantity {
    /// First token of the figure's text.
    pub start: usize,
    /// One past the last token of the figure's text.
    pub end: usize,
    /// First token of the number itself.
    pub num_start: usize,
    /// Value in base units.
    pub value: f64,
    /// Upper end of a range.
    pub value_max: Option<f64>,
    /// Unit, when known.
    pub unit: Option<&'static str>,
    /// Indicator implied by a counted noun.
    pub noun_indicator: Option<&'static str>,
    /// A scale word was applied.
    pub scaled: bool,
    /// The number carries an ablative ("from") ending.
    pub from_case: bool,
    /// The number carries a dative ("to") ending.
    pub to_case: bool,
    /// The number comes with "up to".
    pub upto: bool,
    /// Indicator, measure… fixed by a table header instead of the sentence.
    pub fixed: Option<Fixed>,
}

/// A number read in words ([`Scan::read_words`]).
struct WordNumber {
    /// Its value.
    value: f64,
    /// One past its last token.
    end: usize,
    /// The last (smallest) scale word applied.
    scale: Option<f64>,
}

/// What a word is as a part of a number in words.
enum Part {
    /// A numeral (бес, жиырма).
    Num(f64),
    /// A fraction (жарым).
    Frac(f64),
    /// A hundred (жүз).
    Mult(f64),
    /// A scale (мың, миллион).
    Scale(f64),
    /// A decimal point (бүтін; `true`: spoken, "те").
    Point(bool),
    /// A joining word ("and").
    Join,
}

/// Kinds of the words a number in words is made of.
const PARTS: Kinds =
    kind::NUMERAL | kind::FRACTION | kind::MULTIPLIER | kind::SCALE | kind::POINT | kind::JOIN;

/// Meaning fixed by a table.
#[derive(Debug, Clone)]
pub(crate) struct Fixed {
    /// Indicator of the column.
    pub indicator: &'static str,
    /// Country of the row.
    pub subject: Option<&'static str>,
    /// Period from the caption.
    pub period: Option<Period>,
}

/// How many times its lower end the upper end of a range joined by a word
/// ("10 немесе 15") may be; "1 or 5723" are two numbers.
const RANGE_WORD_SPAN: f64 = 10.0;

/// Kinds of the words a number in words may start with.
const WORD_STARTS: Kinds = kind::NUMERAL | kind::FRACTION | kind::ALONE;

struct Scan<'d, 'a> {
    doc: &'d Doc<'a>,
    end: usize,
    decimal_comma: bool,
    lang: &'d str,
}

/// Finds the quantities of sentence `s`.
pub(crate) fn find(doc: &Doc, s: &Sent, lang: &str, decimal_comma: bool) -> Vec<Quantity> {
    let sc = Scan {
        doc,
        end: s.end,
        decimal_comma,
        lang,
    };
    let mut out = Vec::new();
    let mut i = s.start;
    while i < s.end {
        let kind = doc.toks.kind(i);
        let q = match kind {
            Kind::Num => sc.digits(i, s.start),
            Kind::Word if doc.has_in(i, lang, kind::TIMES_WORD) => sc.times_word(i),
            Kind::Word if doc.has_in(i, lang, WORD_STARTS) => match sc.words(i) {
                Ok(q) => Some(q),
                Err(next) => {
                    i = next.max(i + 1);
                    continue;
                }
            },
            _ => None,
        };
        match q {
            Some(q) => {
                i = q.end.max(i + 1);
                let keep = !is_per_unit(&q) || sc.approximated(&q, s.start);
                let q = in_whole_units(q);
                match out.last_mut() {
                    Some(lo) if sc.closes_range(lo, &q, s.start) => {
                        lo.value_max = Some(q.value);
                        lo.end = q.end;
                    }
                    _ if keep => out.push(q),
                    _ => {}
                }
            }
            None => {
                // skip the rest of a refused digit group ("2024", "1.2.3")
                i += 1;
                while kind == Kind::Num
                    && i < s.end
                    && (doc.toks.kind(i) == Kind::Num || sc.is_num_sep(i))
                {
                    i += 1;
                }
            }
        }
    }
    out
}

/// A unit id and the factor bringing its written form to the whole unit:
/// "TJS/100" (дирам) → ("TJS", 0.01), "tonne/1000" (кг) → ("tonne",
/// 0.001), "other*1e6" (МВт, a million watts) → ("other", 1e6), "USD" → ("USD", 1).
fn split_unit(u: &str) -> (&str, f64) {
    if let Some((whole, n)) = u.split_once('*') {
        return (whole, n.parse().unwrap_or(1.0));
    }
    match u.split_once('/') {
        Some((whole, n)) => (whole, n.parse().map_or(1.0, |n: f64| 1.0 / n)),
        None => (u, 1.0),
    }
}

/// `q` with a part or a multiple of a unit brought to the whole unit:
/// "22,66 дирам" = 0,2266 TJS, "5723,76 кг" = 5,72376 tonne, "300 МВт" =
/// 300 000 000 (watts).
pub(crate) fn in_whole_units(mut q: Quantity) -> Quantity {
    if let Some((whole, factor)) = q.unit.map(split_unit) {
        if factor != 1.0 {
            q.value = tidy(q.value * factor);
            q.value_max = q.value_max.map(|m| tidy(m * factor));
        }
        q.unit = Some(whole);
    }
    q
}

/// Whether `q` is one unit of measure that a price or rate is given for
/// ("1 килограммын баасы", "1 kilovatt soat uchun", "per 1 km"): no figure.
fn is_per_unit(q: &Quantity) -> bool {
    let measure = q.unit.map(|u| split_unit(u).0).is_some_and(|u| {
        let currency = u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase());
        let counted = matches!(
            u,
            "percent" | "percent_point" | "count" | "person" | "times"
        );
        !(currency || counted)
    });
    measure && q.value == 1.0 && q.value_max.is_none() && !q.scaled
}

impl<'a> Scan<'_, 'a> {
    /// Whether an "over", "about" or "under" word stands right before or
    /// after `q` ("1 тоннадан астам", "более 1 км"): an amount, not the
    /// unit a price is given for.
    fn approximated(&self, q: &Quantity, sent_start: usize) -> bool {
        let doc = self.doc;
        let cue = |i: usize| doc.has(i, |t| matches!(t, Tag::Approx(a, _) if *a != Approx::UpTo));
        let before = doc
            .toks
            .prev_non_space(q.start, sent_start)
            .is_some_and(cue);
        let after = self.next(q.end).is_some_and(cue);
        before || after
    }

    /// Whether a "from" preposition stands right before token `i` ("from 8
    /// to 10 percent": the two levels of a change, no range).
    fn after_from(&self, i: usize, sent_start: usize) -> bool {
        let doc = self.doc;
        doc.toks.prev_non_space(i, sent_start).is_some_and(|k| {
            doc.has_in(k, self.lang, kind::PREP) && doc.has(k, |t| *t == Tag::Prep(Case::From))
        })
    }

    /// Whether the word before token `i` opens a range ("between", "от").
    fn range_opened(&self, i: usize, sent_start: usize) -> bool {
        let doc = self.doc;
        doc.toks
            .prev_non_space(i, sent_start)
            .is_some_and(|k| doc.has_in(k, self.lang, kind::RANGE_OPEN))
    }

    /// Whether `hi` is the upper end of a range that `lo` opens: "between
    /// $1.5 billion and $2 billion", both ends whole amounts of one unit
    /// joined by the range's closing word, the opening word before `lo`.
    fn closes_range(&self, lo: &Quantity, hi: &Quantity, sent_start: usize) -> bool {
        let doc = self.doc;
        let joined = self.next(lo.end).is_some_and(|k| {
            doc.has_in(k, self.lang, kind::RANGE_CLOSE) && self.next(k + 1) == Some(hi.start)
        });
        joined
            && lo.value_max.is_none()
            && hi.value_max.is_none()
            && lo.unit.is_some()
            && lo.unit == hi.unit
            && 0.0 < lo.value
            && lo.value < hi.value
            && hi.value <= lo.value * RANGE_WORD_SPAN
            && self.range_opened(lo.start, sent_start)
    }

    fn is_num_sep(&self, i: usize) -> bool {
        let t = &self.doc.toks;
        (t.is_punct(i, ",") || t.is_punct(i, "."))
            && i + 1 < self.end
            && t.kind(i + 1) == Kind::Num
            && t.adjacent(i - 1, i)
            && t.adjacent(i, i + 1)
    }

    /// Next non-space token at or after `i`, skipping at most one space token.
    fn next(&self, i: usize) -> Option<usize> {
        let t = &self.doc.toks;
        if i >= self.end {
            return None;
        }
        if t.kind(i) == Kind::Space {
            (i + 1 < self.end).then_some(i + 1)
        } else {
            Some(i)
        }
    }

    /// Reads a digit group starting at `i`: returns its text in the view
    /// (digits, `,`, `.` and single group spaces) and one past its last token.
    fn read_digits(&self, i: usize) -> (&'a str, usize) {
        let t = &self.doc.toks;
        let mut j = i + 1;
        let mut has_punct = false;
        let mut groups = 0;
        loop {
            groups += 1;
            if groups > 8 {
                break; // no real number has more groups
            }
            if j + 1 < self.end && self.is_num_sep(j) {
                has_punct = true;
                j += 2;
                continue;
            }
            if !has_punct
                && j + 1 < self.end
                && t.kind(j) == Kind::Space
                && t.text(j).chars().count() == 1
                && t.text(j).chars().all(is_group_space)
                && t.kind(j + 1) == Kind::Num
                && t.norm(j + 1).len() == 3
                && t.norm(i).len() <= 3
            {
                j += 2;
                continue;
            }
            break;
        }
        let view: &'a str = t.view;
        (&view[t.toks[i].start..t.toks[j - 1].end], j)
    }

    fn in_citation(&self, i: usize, sent_start: usize) -> bool {
        let t = &self.doc.toks;
        let mut j = i;
        let mut steps = 0;
        while j > sent_start && steps < 12 {
            j -= 1;
            steps += 1;
            if t.is_punct(j, "]") || t.is_punct(j, ")") {
                return false;
            }
            if t.is_punct(j, "[") {
                return true;
            }
        }
        false
    }

    fn is_time_word(&self, i: usize) -> bool {
        self.doc.has_in(i, self.lang, kind::MONTH_NAME)
            || self
                .doc
                .has_kind(i, kind::time(TimeCue::Year) | kind::time(TimeCue::Month))
    }

    fn case_of(&self, i: usize) -> Option<Case> {
        self.doc.case_of_ending(self.doc.toks.norm(i), self.lang)
    }

    /// A number written in digits at token `i`.
    fn digits(&self, i: usize, sent_start: usize) -> Option<Quantity> {
        let doc = self.doc;
        let t = &doc.toks;
        if i > sent_start && t.adjacent(i - 1, i) && t.kind(i - 1) == Kind::Word {
            return None;
        }
        // a name's whole number glued by a hyphen to its capitalised word
        // ("ГЭС-1", "CASA-1000"; not a dash: "үлес-2,7%")
        if i > sent_start + 1
            && t.is_punct(i - 1, "-")
            && t.adjacent(i - 1, i)
            && t.adjacent(i - 2, i - 1)
            && t.kind(i - 2) == Kind::Word
            && t.text(i - 2).starts_with(char::is_uppercase)
            && !(i + 2 < self.end && t.kind(i + 1) == Kind::Punct && t.kind(i + 2) == Kind::Num)
        {
            return None;
        }
        if i > 0 && t.is_punct(i - 1, "№") || self.in_citation(i, sent_start) {
            return None;
        }
        let (text, mut p) = self.read_digits(i);
        if p < self.end && t.is_punct(p, ":") && p + 1 < self.end && t.kind(p + 1) == Kind::Num {
            return None; // time of day, score
        }
        let plain_int = text.bytes().all(|b| b.is_ascii_digit());
        let year_like = plain_int && doc.year_at(i).is_some();
        // the later year of a span of years ("барои солҳои 2023–2030
        // пешниҳод намуд") is no amount, whatever word follows it
        let span_end = year_like
            && t.prev_non_space(i, sent_start).is_some_and(|d| {
                ["-", "–", "—"].iter().any(|p| t.is_punct(d, p))
                    && t.prev_non_space(d, sent_start)
                        .is_some_and(|y| doc.year_at(y).is_some())
            });
        if span_end {
            return None;
        }
        // sign
        let negative = i >= 1
            && t.is_punct(i - 1, "-")
            && t.adjacent(i - 1, i)
            && (i - 1 == sent_start || !matches!(t.kind(i - 2), Kind::Word | Kind::Num));
        // range
        let mut max_text: Option<(&str, usize)> = None;
        if !year_like {
            let mut k = p;
            if k < self.end && t.kind(k) == Kind::Space && t.newlines_at(k) == 0 {
                k += 1;
            }
            // "10 немесе 15", "8 to 10 percent" (not "from 8 to 10": two
            // levels), and "от 1,5 до 2" after its opening word
            let range_word = k > p
                && (doc.has_in(k, self.lang, kind::RANGE_WORD) && !self.after_from(i, sent_start)
                    || doc.has_in(k, self.lang, kind::RANGE_CLOSE)
                        && self.range_opened(i, sent_start));
            if k < self.end && (t.is_punct(k, "-") || range_word) {
                let mut k2 = k + 1;
                if k2 < self.end && t.kind(k2) == Kind::Space && t.newlines_at(k2) == 0 {
                    k2 += 1;
                }
                if k2 < self.end && t.kind(k2) == Kind::Num {
                    let (t2, p2) = self.read_digits(k2);
                    // a range word ("10 немесе 15") joins ends of one size
                    let parse = |s| parse_digits(s, self.decimal_comma, false);
                    let near = |lo: f64, hi: f64| lo < hi && hi <= lo * RANGE_WORD_SPAN;
                    if !range_word || parse(text).zip(parse(t2)).is_some_and(|(a, b)| near(a, b)) {
                        max_text = Some((t2, p2));
                    }
                }
            }
        }
        let after_num = match &max_text {
            Some((_, p2)) => *p2,
            None => p,
        };
        // a day after its month ("July 1, 2026", "on July 15."): no figure
        let after_month = t
            .prev_non_space(i, sent_start)
            .is_some_and(|k| doc.has_in(k, self.lang, kind::MONTH_NAME));
        if after_month && max_text.is_none() && text.len() <= 2 {
            let closes = self.next(after_num).is_none_or(|k| {
                t.is_punct(k, ",") || t.is_punct(k, ".") || doc.year_at(k).is_some()
            });
            if closes && text.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) {
                return None;
            }
        }
        // dates, durations, periods: "16 ноября", "9 айдың", "30 лет"
        if let Some(k) = self.next(after_num) {
            let unit_here = doc.has_in(k, self.lang, kind::UNIT | kind::NOUN);
            if self.is_time_word(k) && !unit_here {
                return None;
            }
            if doc.has_kind(k, kind::NOT_COUNTED) {
                return None;
            }
        }
        let scale_at = self
            .next(after_num)
            .and_then(|k| doc.longest(k, self.end, kind::SCALE));
        let scale_follows = scale_at.is_some();
        let mut value =
            parse_digits(text, self.decimal_comma, scale_follows).filter(|v| v.is_finite())?;
        let mut value_max = match &max_text {
            Some((t2, _)) => {
                let v2 = parse_digits(t2, self.decimal_comma, scale_follows)
                    .filter(|v| v.is_finite())?;
                // a year as the upper end ("15-2024") unless both ends are
                // four-digit amounts ("1000-2000 сом")
                let year_end = doc.year_at(after_num - 1).is_some() && t2.len() == 4;
                if v2 <= value || year_end && text.len() != 4 {
                    return None;
                }
                Some(v2)
            }
            None => None,
        };
        if value_max.is_some() {
            p = after_num;
        }
        if negative {
            value = -value;
        }
        let mut q = Quantity {
            start: if negative { i - 1 } else { i },
            end: p,
            num_start: i,
            value,
            value_max,
            unit: None,
            noun_indicator: None,
            scaled: false,
            from_case: false,
            to_case: false,
            upto: false,
            fixed: None,
        };
        // hyphen right after the number: case ending, ordinal or label
        if !self.hyphen_suffix(&mut q, true)? {
            return None;
        }
        // scale(s)
        if let Some(k) = self.next(q.end) {
            if let Some((e, Tag::Scale(f))) = doc.longest(k, self.end, kind::SCALE) {
                let f = *f;
                q.value *= f;
                value_max = value_max.map(|m| m * f);
                q.value_max = value_max;
                q.scaled = true;
                q.end = e;
                self.compound(&mut q, f);
                self.hyphen_suffix(&mut q, false)?;
            }
        }
        let before_unit = q.end;
        self.unit_and_noun(&mut q);
        // a currency before the number ("$275", "EUR 40 million") beats a
        // counted noun found a few words later; q.start == i: no minus sign
        if (q.unit.is_none() || q.noun_indicator.is_some()) && q.start == i {
            let prefix = t
                .prev_non_space(i, sent_start)
                .filter(|&pi| i - pi <= 2)
                .and_then(|pi| {
                    // (not a ticker: "USD/KZT 520")
                    let ticker = pi > 0 && t.is_punct(pi - 1, "/");
                    match doc.longest(pi, i, kind::PREFIX_UNIT) {
                        Some((_, Tag::PrefixUnit(u))) if !ticker => Some((pi, u.as_str())),
                        _ => None,
                    }
                });
            if let Some((pi, u)) = prefix {
                q.unit = Some(u);
                q.noun_indicator = None;
                q.start = pi;
                q.end = before_unit;
            }
        }
        // "дар соли 2024 гардиши мол", "year 2024": a year after its year word
        let year_word_before = t
            .prev_non_space(i, sent_start)
            .is_some_and(|pi| doc.has_kind(pi, kind::time(TimeCue::Year)));
        if (q.unit.is_none() || year_word_before) && !q.scaled && year_like {
            return None;
        }
        // an exchange rate ("курс доллара … 510,3 тенге") is a quote, not a figure
        let lo = q.start.saturating_sub(12).max(sent_start);
        if (lo..q.start).any(|k| doc.has_kind(k, kind::RATE_WORD)) {
            return None;
        }
        q.value = tidy(q.value);
        q.value_max = q.value_max.map(tidy);
        Some(q)
    }

    /// Handles "-ға", "-шы", "-диаграмма" after the number or scale.
    /// Returns `Some(false)` when the number is an ordinal or a label.
    fn hyphen_suffix(&self, q: &mut Quantity, first: bool) -> Option<bool> {
        let doc = self.doc;
        let t = &doc.toks;
        let p = q.end;
        if p >= self.end {
            return Some(true);
        }
        // glued "-ға" / line-broken "-\nшы"
        if t.is_punct(p, "-") && t.adjacent(p - 1, p) {
            let mut w = p + 1;
            let glued = w < self.end && t.kind(w) == Kind::Word && t.adjacent(p, w);
            if !glued && w < self.end && t.kind(w) == Kind::Space {
                w += 1;
            }
            if w < self.end && t.kind(w) == Kind::Word {
                if doc.is_ordinal_suffix(w) || doc.has_kind(w, kind::time(TimeCue::Year)) {
                    return first.then_some(false).or(Some(true));
                }
                if doc.is_number_suffix(w) {
                    self.set_case(q, w);
                    if glued {
                        q.end = w + 1;
                    }
                    return Some(true);
                }
                // "1,000-hectare zone": a unit glued by a hyphen
                if glued && first && doc.has_kind(w, kind::UNIT) {
                    q.end = w;
                    return Some(true);
                }
                if glued && first {
                    return Some(false);
                }
            }
            return Some(true);
        }
        // spaced " - ден"
        if t.kind(p) == Kind::Space && p + 2 < self.end && t.is_punct(p + 1, "-") {
            let mut w = p + 2;
            if t.kind(w) == Kind::Space {
                w += 1;
            }
            if w < self.end && doc.is_number_suffix(w) {
                self.set_case(q, w);
            }
        }
        Some(true)
    }

    fn set_case(&self, q: &mut Quantity, w: usize) {
        match self.case_of(w) {
            Some(Case::From) => q.from_case = true,
            Some(Case::To) => q.to_case = true,
            _ => {}
        }
    }

    /// "1 млрд 318 млн": adds smaller scaled parts; after thousands, a
    /// bare whole number below a thousand ends it ("12 минг 450 тонна" =
    /// 12 450).
    fn compound(&self, q: &mut Quantity, mut last_scale: f64) {
        let doc = self.doc;
        let t = &doc.toks;
        loop {
            let Some(k) = self.next(q.end) else { return };
            if t.kind(k) != Kind::Num || doc.year_at(k).is_some() {
                return;
            }
            let (text, p) = self.read_digits(k);
            let scale = self
                .next(p)
                .and_then(|k2| doc.longest(k2, self.end, kind::SCALE));
            let Some((e, Tag::Scale(f))) = scale else {
                // "12 минг 450": the units after the thousands
                let whole = text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit());
                if last_scale == 1e3 && whole && p == k + 1 {
                    if let Ok(v) = text.parse::<u32>() {
                        q.value += f64::from(v);
                        q.end = p;
                    }
                }
                return;
            };
            if *f >= last_scale {
                return;
            }
            let Some(v) = parse_digits(text, self.decimal_comma, true) else {
                return;
            };
            q.value += v * f;
            last_scale = *f;
            q.end = e;
        }
    }

    /// Unit after the number (with counters and glued endings), or a
    /// counted noun a few words later.
    fn unit_and_noun(&self, q: &mut Quantity) {
        let doc = self.doc;
        // a scale word carrying a counter ("15 мингта", "75 мингтага")
        let scale_ending = self.scale_ending(q);
        let mut counted = scale_ending.is_some_and(|(_, e)| doc.lex.counters.contains(e));
        let mut k = match self.next(q.end) {
            Some(k) => k,
            None => return,
        };
        // a "from" or "to" ending of the language glued to the digits is
        // no unit ("6020га жетти": reached 6020, not hectares)
        let t = &doc.toks;
        if k == q.end && k > 0 && t.kind(k - 1) == Kind::Num && t.kind(k) == Kind::Word {
            let case = doc.lex.case_endings.exact(t.norm(k), self.lang);
            if let Some(case @ (Case::From | Case::To)) = case {
                q.from_case = case == Case::From;
                q.to_case = case == Case::To;
                q.end = k + 1;
                k = match self.next(q.end) {
                    Some(k) => k,
                    None => return,
                };
            }
        }
        // Uzbek counter "та"
        if !counted && doc.has_kind(k, kind::COUNTER) {
            if doc.toks.norm(k).contains("гача") || doc.toks.norm(k).contains("gacha") {
                q.upto = true;
            }
            q.end = k + 1;
            counted = true;
            k = match self.next(q.end) {
                Some(k) => k,
                None => {
                    q.unit = Some("count");
                    return;
                }
            };
        }
        // a "from" or "to" ending spaced from the number before an
        // approximation word: "3 минг 150 дан зиёд", "3 200 га яқин
        // корхона" (no hectares)
        let mut spaced_from = false;
        let spaced_case = self
            .case_of(k)
            .filter(|c| matches!(c, Case::From | Case::To));
        if let Some(case) = spaced_case.filter(|_| k > q.end && doc.is_number_suffix(k)) {
            if let Some(x) = self.next(k + 1) {
                if doc.has_kind(x, kind::APPROX) {
                    spaced_from = case == Case::From;
                    q.from_case = spaced_from;
                    q.end = k + 1;
                    k = x;
                }
            }
        }
        // thousands or a number "from", then "over" and a word that is no
        // unit: "160 мингдан ортиқ фермер", "10 дан ортиқ йўналиш"
        let from = spaced_from
            || scale_ending.is_some_and(|(f, e)| {
                f == 1e3 && doc.case_of_ending(e, self.lang) == Some(Case::From)
            });
        let thousands_over = from
            && doc.has(k, |t| matches!(t, Tag::Approx(Approx::Over, _)))
            && self
                .next_word(k)
                .is_some_and(|x| !doc.has_kind(x, kind::UNIT | kind::SCALE));
        self.unit_or_noun(q, k);
        if q.unit.is_none() && (counted || thousands_over) {
            q.unit = Some("count");
        }
    }

    /// The factor and the ending of the scale word that ends `q`, if any
    /// ("мингдан" → 1000, "дан").
    fn scale_ending(&self, q: &Quantity) -> Option<(f64, &str)> {
        if !q.scaled || q.end == 0 {
            return None;
        }
        let doc = self.doc;
        let j = q.end - 1;
        let (m, f) = doc.tags(j).find_map(|(m, t)| match t {
            Tag::Scale(f) => Some((m, *f)),
            _ => None,
        })?;
        let rest = doc.toks.norm(j).get(doc.lex.matcher.stem_len(m)..)?;
        Some((f, rest))
    }

    /// The unit at token `k` (after the number), or a counted noun a few
    /// words later.
    fn unit_or_noun(&self, q: &mut Quantity, k: usize) {
        let doc = self.doc;
        let t = &doc.toks;
        // a word or two in brackets before the unit or the counted noun:
        // "5 (пять) тонн", "0 (ноль) штук"
        let k = match self.after_bracketed_words(k) {
            Some(u) if doc.has_kind(u, kind::UNIT | kind::NOUN) => u,
            _ => k,
        };
        if let Some((e, Tag::Unit(u))) = doc.longest(k, self.end, kind::UNIT) {
            // (a part of a unit, "TJS/100", is brought to its whole in [`find`])
            q.unit = Some(u);
            q.end = e;
            // an ending glued to a sign: "9,4%га"
            if e < self.end
                && t.kind(e - 1) == Kind::Punct
                && t.adjacent(e - 1, e)
                && doc.is_number_suffix(e)
            {
                self.set_case(q, e);
                q.end = e + 1;
            }
            let _ = self.hyphen_suffix(q, false);
            return;
        }
        // counted noun within three words; a dash may stand between
        let mut j = k;
        let mut words = 0;
        let mut dash = false;
        if t.is_punct(j, "-") && !t.adjacent(j - 1, j) {
            dash = true;
            j = match self.next(j + 1) {
                Some(x) => x,
                None => return,
            };
        }
        // a scaled amount counts the word right after it ("1,2 млн адам"),
        // or the next when written in digits ("1,5 мың уақытша жұмыс орны");
        // one ending in plain units does not ("1 минг 937 қўшимча иш ўрни")
        let scale_last = q.scaled && q.end > 0 && doc.has_kind(q.end - 1, kind::SCALE);
        let max_words = match (scale_last, t.kind(q.num_start)) {
            (true, Kind::Num) => 2,
            (true, _) => 1,
            _ => 3,
        };
        while j < self.end && words < max_words {
            if let Some((e, Tag::Noun(u, ind))) = doc.longest(j, self.end, kind::NOUN) {
                q.unit = Some(u);
                q.noun_indicator = Some(ind);
                if !dash {
                    q.end = e;
                }
                return;
            }
            if t.kind(j) != Kind::Word {
                return;
            }
            // an approximation word after the number is no counted word
            // ("70 мингдан ортиқ ишчи")
            let cue = doc.has_kind(j, kind::APPROX);
            // a country adjective or a group qualifies the noun ("12 китайских
            // компаний", "20 шетелдік сапар"); a country's name ends the search
            let qualifier = doc.has(
                j,
                |t| matches!(t, Tag::Country(code, adj) if *adj || code == crate::lexicon::GROUP),
            );
            if cue && doc.has(j, |t| matches!(t, Tag::Approx(Approx::UpTo, _))) {
                q.upto = true;
            } else if !qualifier
                && doc.has_kind(
                    j,
                    kind::NUMERAL | kind::SCALE | kind::COUNTRY | kind::TIME | kind::MONTH_NAME,
                )
            {
                return;
            }
            // "18 мемлекетаралық және ведомствоаралық келісім": a
            // conjunction between two qualifiers is no counted word
            if !cue && !doc.has_kind(j, kind::CONJ) {
                words += 1;
            }
            j = match self.next(j + 1) {
                Some(x) => x,
                None => return,
            };
        }
    }

    /// The token after "(" at `k`, at most two words and ")" (one space
    /// allowed after it), if they are so.
    fn after_bracketed_words(&self, k: usize) -> Option<usize> {
        let t = &self.doc.toks;
        if !t.is_punct(k, "(") {
            return None;
        }
        let mut words = 0;
        for j in k + 1..(k + 6).min(self.end) {
            match t.kind(j) {
                Kind::Word if words < 2 => words += 1,
                Kind::Space if t.newlines_at(j) == 0 => {}
                Kind::Punct if t.norm(j) == ")" && words > 0 => return self.next(j + 1),
                _ => return None,
            }
        }
        None
    }

    /// A part of a number in words at token `i`, in the paragraph's
    /// language (scale words of any language).
    fn part(&self, i: usize) -> Option<Part> {
        self.part_inflected(i).map(|(p, _)| p)
    }

    /// [`Scan::part`], and whether the word carries an ending (which
    /// only the last word of a number takes: "сексеннен алпыс" is two).
    fn part_inflected(&self, i: usize) -> Option<(Part, bool)> {
        let doc = self.doc;
        if !doc.has_kind(i, PARTS) {
            return None;
        }
        let inflected = |m| doc.lex.matcher.inflected(m, &doc.toks);
        doc.tags(i)
            .filter(|(m, t)| matches!(t, Tag::Scale(_)) || doc.lex.matcher.in_lang(m, self.lang))
            .find_map(|(m, t)| match t {
                Tag::Numeral(v) => Some((Part::Num(*v), inflected(m))),
                Tag::Fraction(v) => Some((Part::Frac(*v), inflected(m))),
                Tag::Multiplier(v) => Some((Part::Mult(*v), inflected(m))),
                Tag::Scale(v) => Some((Part::Scale(*v), inflected(m))),
                _ => None,
            })
            .or_else(|| {
                doc.tags(i)
                    .filter(|(m, _)| doc.lex.matcher.in_lang(m, self.lang))
                    .find_map(|(_, t)| match t {
                        Tag::Point(spoken) => Some((Part::Point(*spoken), false)),
                        Tag::Join => Some((Part::Join, false)),
                        _ => None,
                    })
            })
    }

    /// The denominator word at token `i` ("оннан" = 10), if any.
    fn denominator(&self, i: usize) -> Option<f64> {
        let doc = self.doc;
        if !doc.has_kind(i, kind::DENOMINATOR) {
            return None;
        }
        doc.tags(i)
            .filter(|(m, _)| doc.lex.matcher.in_lang(m, self.lang))
            .find_map(|(_, t)| match t {
                Tag::Denominator(d) => Some(*d),
                _ => None,
            })
    }

    /// The next word token after `i` (one space allowed), if any.
    fn next_word(&self, i: usize) -> Option<usize> {
        self.next(i + 1)
            .filter(|&x| self.doc.toks.kind(x) == Kind::Word)
    }

    /// A whole number in words without scales at `i` ("елу үш", "жүз
    /// жиырма"): its value and end, for the fraction of a decimal.
    fn whole_words(&self, i: usize) -> Option<(f64, usize)> {
        let mut value = 0.0;
        let mut bound = f64::INFINITY;
        let mut end = None;
        let mut j = i;
        loop {
            let part = self.part_inflected(j);
            match part {
                Some((Part::Num(v), _)) if v < bound => {
                    value += v;
                    bound = if v == 0.0 { 0.0 } else { v };
                }
                Some((Part::Mult(v), _)) if value > 0.0 && value < v => {
                    value *= v;
                    bound = v;
                }
                _ => break,
            }
            end = Some(j + 1);
            if part.is_some_and(|(_, inflected)| inflected) {
                break;
            }
            match self.next_word(j) {
                Some(x) => j = x,
                None => break,
            }
        }
        end.map(|e| (value, e))
    }

    /// The fraction of a decimal in words after the point word at `p`
    /// ("бүтін оннан тоғыз", "бүтін елу үш", "целых пять десятых"): its
    /// value and end. A spoken point takes a plain whole number followed
    /// by a scale or a unit ("үш те бес процент").
    fn fraction_words(&self, p: usize, spoken: bool) -> Option<(f64, usize)> {
        let doc = self.doc;
        let mut k = self.next_word(p)?;
        let before = self.denominator(k);
        if before.is_some() {
            k = self.next_word(k)?;
        }
        let (f, mut end) = self.whole_words(k)?;
        let after = self.next_word(end - 1).and_then(|x| self.denominator(x));
        if let Some(x) = after.and(self.next_word(end - 1)) {
            end = x + 1;
        }
        if spoken {
            let follows = self.next(end).is_some_and(|x| {
                let x = self.after_bracketed_words(x).unwrap_or(x);
                doc.has_kind(x, kind::SCALE | kind::UNIT)
            });
            if before.is_some() || after.is_some() || !follows || f < 1.0 {
                return None;
            }
        }
        // without a denominator the fraction's digits tell it: "бүтін елу үш" = ,53
        let d = before.or(after).unwrap_or_else(|| {
            let mut d = 10.0;
            while d <= f {
                d *= 10.0;
            }
            d
        });
        (f < d).then_some((f / d, end))
    }

    /// A number in words at token `i`: numerals, hundreds and thousands in
    /// any order ("жүз он", "мың бір жүз", "екі жүз мың"), fractions
    /// ("бір жарым"), decimals ("жетпіс төрт бүтін оннан тоғыз") and scales.
    fn read_words(&self, i: usize) -> Option<WordNumber> {
        let doc = self.doc;
        let mut total = 0.0; // groups closed by a scale word
        let mut group = 0.0; // the group the next scale word multiplies
        let mut in_group = false;
        let mut bound = f64::INFINITY; // a numeral must be below the one before
        let mut last_scale = f64::INFINITY;
        let mut round = false; // the last word was a hundred or a scale
        let mut decimal = false;
        let mut seen = false;
        let mut end = i;
        let mut j = i;
        for _ in 0..16 {
            let (part, inflected) = match self.part_inflected(j) {
                Some((p, inflected)) => (Some(p), inflected),
                None => (None, false),
            };
            match part {
                Some(Part::Num(v) | Part::Frac(v)) if !decimal && v < bound => {
                    group += v;
                    in_group = true;
                    bound = if v == 0.0 { 0.0 } else { v };
                    round = false;
                }
                Some(Part::Mult(v)) if !decimal => {
                    if in_group && group > 0.0 && group < v {
                        group *= v;
                    } else if !in_group && doc.has_in(j, self.lang, kind::ALONE) {
                        group = v;
                        in_group = true;
                    } else {
                        break;
                    }
                    bound = v;
                    round = true;
                }
                Some(Part::Scale(v)) if v < last_scale => {
                    if !in_group {
                        if !doc.has_in(j, self.lang, kind::ALONE) {
                            break;
                        }
                        group = 1.0;
                    }
                    total += group * v;
                    group = 0.0;
                    in_group = false;
                    last_scale = v;
                    bound = v;
                    round = !decimal;
                }
                // "два с половиной", "one and a half": a fraction joined
                // to the whole (an article between)
                Some(Part::Join) if in_group && !round && !decimal => {
                    let Some(mut x) = self.next_word(j) else {
                        break;
                    };
                    if doc.lex.articles.contains(doc.toks.norm(x)) {
                        let Some(after) = self.next_word(x) else {
                            break;
                        };
                        x = after;
                    }
                    let Some(Part::Frac(v)) = self.part(x).filter(|_| group >= 1.0) else {
                        break;
                    };
                    if v >= 1.0 {
                        break;
                    }
                    group += v;
                    bound = v;
                    j = x;
                }
                // "two hundred and fifty", "алты жүз да қырық төрт"
                Some(Part::Join | Part::Point(true)) if round => {
                    let Some(x) = self.next_word(j) else { break };
                    if !matches!(self.part(x), Some(Part::Num(v)) if v < bound) {
                        break;
                    }
                    round = false;
                    j = x;
                    continue;
                }
                Some(Part::Point(spoken)) if in_group && !decimal => {
                    let Some((f, e)) = self.fraction_words(j, spoken) else {
                        break;
                    };
                    group += f;
                    decimal = true;
                    end = e;
                    seen = true;
                    j = match self.next_word(e - 1) {
                        Some(x) => x,
                        None => break,
                    };
                    continue;
                }
                _ => break,
            }
            seen = true;
            end = j + 1;
            if inflected {
                break;
            }
            // "thirty-one": tens and units joined by a hyphen
            let t = &doc.toks;
            let units = j + 2 < self.end
                && t.is_punct(j + 1, "-")
                && t.adjacent(j, j + 1)
                && t.adjacent(j + 1, j + 2)
                && group >= 20.0
                && group % 10.0 == 0.0
                && !round
                && matches!(self.part(j + 2), Some(Part::Num(v)) if (1.0..10.0).contains(&v));
            j = match self.next_word(j) {
                _ if units => j + 2,
                Some(x) => x,
                None => break,
            };
        }
        seen.then(|| WordNumber {
            value: tidy(total + group),
            end,
            scale: last_scale.is_finite().then_some(last_scale),
        })
    }

    /// The case ending of the number word at `j` ("сексеннен": from).
    fn word_case(&self, j: usize) -> Option<Case> {
        let doc = self.doc;
        let m = doc
            .tags(j)
            .find(|(_, t)| {
                matches!(
                    t,
                    Tag::Numeral(_) | Tag::Fraction(_) | Tag::Multiplier(_) | Tag::Scale(_)
                )
            })
            .map(|(m, _)| m)?;
        let rest = doc.toks.norm(j).get(doc.lex.matcher.stem_len(m)..)?;
        if rest.is_empty() {
            return None;
        }
        doc.case_of_ending(rest, self.lang)
    }

    /// A word that is a number of times by itself at token `i` ("вдвое",
    /// "twofold"): a ratio of that many times.
    fn times_word(&self, i: usize) -> Option<Quantity> {
        let doc = self.doc;
        let (m, value) = doc.tags(i).find_map(|(m, tag)| match tag {
            Tag::TimesWord(v) if doc.lex.matcher.in_lang(m, self.lang) => Some((m, *v)),
            _ => None,
        })?;
        Some(Quantity {
            start: i,
            end: m.end,
            num_start: i,
            value,
            value_max: None,
            unit: Some("times"),
            noun_indicator: None,
            scaled: false,
            from_case: false,
            to_case: false,
            upto: false,
            fixed: None,
        })
    }

    /// A number written in words at token `i` ("жеті", "ikki milliard",
    /// "он-он бес мың"); `Err` gives the token to go on from when it is no
    /// figure.
    fn words(&self, i: usize) -> Result<Quantity, usize> {
        let doc = self.doc;
        let t = &doc.toks;
        if i > 0 && t.kind(i - 1) == Kind::Num {
            return Err(i + 1);
        }
        // "бірінші тоқсаннан" (from the first quarter): a numeral right
        // after an ordinal word is a noun ("тоқсан" is ninety and a quarter)
        if t.prev_non_space(i, i.saturating_sub(2))
            .is_some_and(|p| doc.has_in(p, self.lang, kind::ORDINAL_WORD))
        {
            return Err(i + 1);
        }
        let a = self.read_words(i).ok_or(i + 1)?;
        let mut value = a.value;
        let mut value_max = None;
        let mut end = a.end;
        let mut scaled = a.scale.is_some();
        // a range: "он-он бес мың", "екі – үш мың", "бес немесе алты"
        // (not "from five to six": two levels)
        if let Some(b) = self
            .range_end(end)
            .filter(|_| !self.after_from(i, i.saturating_sub(2)))
        {
            let lo = match (a.scale, b.scale) {
                (None, Some(s)) if a.value < b.value / s => tidy(a.value * s),
                _ => a.value,
            };
            let by_word = !doc.toks.is_punct(self.next(end).unwrap_or(end), "-");
            if lo < b.value && (!by_word || b.value <= lo * RANGE_WORD_SPAN) {
                value = lo;
                value_max = Some(b.value);
                end = b.end;
                scaled |= b.scale.is_some();
            }
        }
        let mut q = Quantity {
            start: i,
            end,
            num_start: i,
            value,
            value_max,
            unit: None,
            noun_indicator: None,
            scaled,
            from_case: false,
            to_case: false,
            upto: false,
            fixed: None,
        };
        // "он екінші отырысы", "двадцать девятое заседание": the start of
        // an ordinal
        if let Some(k) = self
            .next(end)
            .filter(|&k| doc.has_in(k, self.lang, kind::ORDINAL_WORD))
        {
            return Err(k + 1);
        }
        self.set_word_case(&mut q, end - 1);
        // "төрт-ақ", "жүз-ге": an ending after a hyphen; "минг-минг" is no figure
        if self.hyphen_suffix(&mut q, true) != Some(true) {
            return Err(end + 2);
        }
        if let Some(k) = self.next(q.end) {
            // a unit of several words beats a time word ("айлық есептік көрсеткіш")
            let unit_phrase = doc
                .longest(k, self.end, kind::UNIT | kind::NOUN)
                .is_some_and(|(e, _)| e > k + 1);
            if self.is_time_word(k) && !unit_phrase || doc.has_kind(k, kind::NOT_COUNTED) {
                return Err(end);
            }
        }
        self.unit_and_noun(&mut q);
        if q.noun_indicator.is_some() && q.end > end + 6 {
            return Err(end); // a numeral word counts the word right after it
        }
        if q.noun_indicator.is_some() && !scaled && value < 3.0 {
            return Err(end);
        }
        // a number in words needs a unit, a scale, or a range or list that
        // gives it one ("жеті жүзден екі мың айлыққа дейін")
        if q.unit.is_none() && !scaled && !(q.from_case && value >= 2.0) {
            return Err(end);
        }
        Ok(q)
    }

    /// Sets the case of a number in words from the ending of its last word.
    fn set_word_case(&self, q: &mut Quantity, last: usize) {
        match self.word_case(last) {
            Some(Case::From) => q.from_case = true,
            Some(Case::To) => q.to_case = true,
            _ => {}
        }
    }

    /// The upper end of a range in words after a number ending at `end`:
    /// a dash or a range word, then another number in words.
    fn range_end(&self, end: usize) -> Option<WordNumber> {
        let doc = self.doc;
        let t = &doc.toks;
        let mut k = end;
        if k < self.end && t.kind(k) == Kind::Space && t.newlines_at(k) == 0 {
            k += 1;
        }
        let spaced = k > end;
        let sep = k < self.end
            && (t.is_punct(k, "-") || spaced && doc.has_in(k, self.lang, kind::RANGE_WORD));
        if !sep {
            return None;
        }
        k += 1;
        if k < self.end && t.kind(k) == Kind::Space && t.newlines_at(k) == 0 {
            k += 1;
        }
        if k >= self.end || t.kind(k) != Kind::Word {
            return None;
        }
        self.read_words(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tidy_rounds_scaling_noise_like_the_text_form() {
        assert_eq!(tidy(4.1 * 1e9), 4.1e9);
        assert_ne!(4.1 * 1e9, 4.1e9);
        for v in [
            0.1,
            0.5,
            1.0,
            3.39,
            12.5,
            100.0,
            1e13,
            2.5e13,
            1.0 / 3.0,
            -7.25,
            1e-12,
            9.99999999999995,
            123456789012.34567,
            1e300,
            5e-324,
        ] {
            assert_eq!(tidy(v).to_bits(), tidy_by_text(v).to_bits(), "{v}");
        }
        // scaled amounts as the extractor makes them
        for cents in 0..20_000u32 {
            let x = f64::from(cents) / 100.0;
            for scale in [1e3, 1e6, 1e9, 1e12] {
                let v = x * scale;
                assert_eq!(tidy(v).to_bits(), tidy_by_text(v).to_bits(), "{v}");
            }
        }
    }

    proptest! {
        #[test]
        fn tidy_agrees_with_the_text_form(bits in any::<u64>(), m in -1e15f64..1e15) {
            let v = f64::from_bits(bits);
            if v.is_finite() {
                prop_assert_eq!(tidy(v).to_bits(), tidy_by_text(v).to_bits());
            }
            prop_assert_eq!(tidy(m).to_bits(), tidy_by_text(m).to_bits());
        }
    }
}
