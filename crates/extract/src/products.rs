//! Goods: the product a figure is about, as the two-digit chapter of the
//! Harmonized System (`"10"` cereals, `"27"` mineral fuels and
//! electricity…), read from the goods words of `[products]` in the lexicon.
//!
//! One stage, run per quantity after its meaning is read ([`Goods`]). In
//! order:
//! 1. an amount about jobs, projects, investment, enterprises, GDP,
//!    population, agreements or area has no goods, unless it measures goods
//!    themselves (tonnes, m³, kWh);
//! 2. the goods word the quantity measures: inside its text ("15 mingta
//!    elektromobil"), labelling it ("go'sht – 19,8 ming tonna") or right
//!    after its unit ("2,3 млн тонн пшеницы", "4,4 ming tonna olma");
//! 3. the goods word of its clause, back to the previous quantity and its
//!    goods ("экспорт пшеницы составил …"), or the goods of the quantity it
//!    restates ("189 тыс. долларов или 117,4 тонны");
//! 4. a turnover without goods of its own covers all goods: none; kWh are
//!    electricity;
//! 5. the goods of its sentence, when the sentence names one chapter only
//!    (several: none);
//! 6. a change (%, times) after another quantity of its sentence: that
//!    one's goods;
//! 7. the goods the text is about so far — those of the last sentence that
//!    named goods, if of one chapter, and no turnover of all goods since —
//!    for an amount in tonnes, m³ or kWh or a change.
//!
//! Goods right after a percentage ("унинг 40 фоизини табиий газ", "60% —
//! нефть и газ") are that part's only: they set neither the sentence's
//! goods (5) nor the goods carried to later sentences (7).
//!
//! Words listed under `none` are goods in general ("товары", "маҳсулот"),
//! money that is not goods ("кредит") or words that hide goods words
//! ("ценные бумаги", "темір жол"): measured, they give none; in a sentence,
//! they end the goods carried from earlier ones. Two chapters joined in one
//! item ("гўшт ва сут маҳсулотлари") give none.
//!
//! A sentence without a goods word costs one look at the matcher's kind bits.

use crate::context::Doc;
use crate::matcher::{kind, kind::Kinds, Tag};
use crate::quantities::Quantity;
use crate::sentences::Sent;
use crate::tokens::Kind;

/// A goods word in a sentence: tokens `start..end` and its chapter (`None`
/// for a word listed under `none`).
#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    code: Option<&'static str>,
}

/// Indicators whose figures are not about goods: an amount of money, a
/// count or a share of them has no goods.
const NOT_GOODS: &[&str] = &[
    "jobs",
    "projects",
    "investment",
    "enterprises",
    "gdp",
    "population",
    "agreements",
    "area",
];

/// Of [`NOT_GOODS`], those whose changes are not of goods either ("GDP
/// grew 6.5%" after a sentence on wheat).
const PEOPLE_AND_OUTPUT: &[&str] = &["gdp", "population", "jobs"];

/// Units that measure goods themselves: a figure in them is about goods
/// whatever its indicator says (a plant's capacity in tonnes, a pipeline's
/// in cubic metres).
const PHYSICAL_UNITS: &[&str] = &["tonne", "m3", "kwh"];

/// Units of a figure that may take the goods of earlier sentences: an
/// amount of goods, or a change.
const LEANING_UNITS: &[&str] = &["tonne", "m3", "kwh", "percent", "times"];

/// Units of a change ("вырос на 12%", "в 2,5 раза"): after another
/// quantity of its sentence, it is a change of that one.
const CHANGE_UNITS: &[&str] = &["percent", "times"];

/// Words that end the item of a quantity before its goods: a country, a
/// preposition, a period, another amount.
const ITEM_END: Kinds = kind::COUNTRY
    | kind::PREP
    | kind::TIME
    | kind::MONTH_NAME
    | kind::MONTH_SPAN
    | kind::UNIT
    | kind::SCALE
    | kind::NUMERAL;

/// Words a quantity may be separated from the goods it measures by ("of",
/// an adjective, "зиёд"): at most this many.
const GAP_WORDS: usize = 2;

/// The goods of one document, read sentence by sentence.
#[derive(Debug, Default)]
pub(crate) struct Goods {
    /// The sentence whose mentions are in `mentions` (its first token).
    sent: Option<usize>,
    mentions: Vec<Mention>,
    /// The goods found for the quantities of the sentence so far: (first
    /// token, chapter).
    found: Vec<(usize, Option<&'static str>)>,
    /// The single chapter of the current sentence, if it names one.
    sent_code: Option<&'static str>,
    /// The goods of the last sentence that named one chapter.
    frame: Option<&'static str>,
    /// The frame before the current sentence.
    frame_before: Option<&'static str>,
}

impl Goods {
    /// The HS chapter of the goods quantity `q` of sentence `s` is about
    /// (`qs`: every quantity of the sentence, in order; `indicator`: the
    /// figure's indicator), or `None` when it covers all goods or none.
    /// Sentences, and quantities within one, must come in reading order.
    pub(crate) fn product(
        &mut self,
        d: &Doc,
        s: &Sent,
        lang: &str,
        q: &Quantity,
        qs: &[Quantity],
        indicator: &str,
    ) -> Option<&'static str> {
        self.enter(d, s, lang);
        if self.found.is_empty() {
            self.set_aside_parts(d, qs);
        }
        let code = self.read(d, s, q, qs, indicator);
        self.found.push((q.start, code));
        // a turnover of all goods turns the text to all goods: the goods
        // carried from earlier sentences end
        if indicator == "trade.turnover" && code.is_none() {
            self.frame = None;
        }
        code
    }

    /// [`Goods::product`] once the sentence is entered.
    fn read(
        &self,
        d: &Doc,
        s: &Sent,
        q: &Quantity,
        qs: &[Quantity],
        indicator: &str,
    ) -> Option<&'static str> {
        let k = qs.iter().position(|x| x.start == q.start);
        let (prev, next) = match k {
            Some(k) => (k.checked_sub(1).map(|p| &qs[p]), qs.get(k + 1)),
            None => (None, None),
        };
        let change = q.unit.is_some_and(|u| CHANGE_UNITS.contains(&u));
        if NOT_GOODS.contains(&indicator) && !physical(d, q) && !change {
            return None;
        }
        // a change of a country's output, people or jobs is of no goods
        if PEOPLE_AND_OUTPUT.contains(&indicator) && !physical(d, q) {
            return None;
        }
        if let Some(own) = self.measured(d, s, q, next) {
            return own;
        }
        if let Some(own) = self.clause(d, s, q, prev) {
            return own;
        }
        if indicator == "trade.turnover" {
            // a turnover without goods of its own covers all goods
            return None;
        }
        if q.unit == Some("kwh") {
            return Some("27");
        }
        if self.sent_code.is_some() {
            return self.sent_code;
        }
        if !self.mentions.is_empty() {
            // several chapters, none of them this figure's
            return None;
        }
        if change {
            // a change of the amount before it in the sentence
            if let Some(&(_, code)) = self.found.last() {
                return code;
            }
        }
        self.frame_before
            .filter(|_| q.unit.is_some_and(|u| LEANING_UNITS.contains(&u)))
    }

    /// Reads the goods words of sentence `s` (in language `lang`) when it
    /// is a new one.
    fn enter(&mut self, d: &Doc, s: &Sent, lang: &str) {
        if self.sent == Some(s.start) {
            return;
        }
        self.sent = Some(s.start);
        self.frame_before = self.frame;
        self.mentions.clear();
        self.found.clear();
        self.sent_code = None;
        if d.kinds_in(s.start, s.end) & kind::PRODUCT == 0 {
            return;
        }
        let mut i = s.start;
        while i < s.end {
            match d.longest_in(i, s.end, lang, kind::PRODUCT) {
                Some((end, Tag::Product(code))) => {
                    if !proper_name(d, s, i) {
                        self.mentions.push(Mention {
                            start: i,
                            end,
                            code: code.as_deref(),
                        });
                    }
                    i = end;
                }
                _ => i += 1,
            }
        }
        let mut codes = self.mentions.iter().filter_map(|m| m.code);
        if let Some(first) = codes.next() {
            if codes.all(|c| c == first) {
                self.sent_code = Some(first);
            }
        }
        if !self.mentions.is_empty() {
            // goods in general or of several chapters end the frame
            self.frame = self.sent_code;
        }
    }

    /// Goods right after a percentage ("унинг 40 фоизини табиий газ
    /// ташкил этди", 40 % of it was gas) are that part's: they are no goods
    /// of the sentence's other figures nor of the sentences after it.
    fn set_aside_parts(&mut self, d: &Doc, qs: &[Quantity]) {
        let t = &d.toks;
        let mut parts: Vec<usize> = Vec::new();
        for (k, q) in qs.iter().enumerate() {
            if q.unit != Some("percent") {
                continue;
            }
            // (across a dash: "60% — нефть и газ")
            let from = t
                .skip_space(q.end, t.len())
                .filter(|&p| ["—", "–", "-"].iter().any(|dash| t.is_punct(p, dash)))
                .map_or(q.end, |p| p + 1);
            let mut m = self.after_mention(d, from, qs.get(k + 1));
            // (with the goods joined to it: "газ ва электр энергияси")
            while let Some(p) = m {
                parts.push(p.start);
                m = t
                    .skip_space(p.end, t.len())
                    .filter(|&c| d.has_kind(c, kind::CONJ))
                    .and_then(|c| t.skip_space(c + 1, t.len()))
                    .and_then(|n| self.mentions.iter().find(|x| x.start == n));
            }
        }
        if parts.is_empty() {
            return;
        }
        let mut codes = self
            .mentions
            .iter()
            .filter(|m| !parts.contains(&m.start))
            .map(|m| m.code);
        let rest = codes.next();
        self.sent_code = match rest {
            Some(Some(first)) if codes.all(|c| c == Some(first)) => Some(first),
            _ => None,
        };
        self.frame = match rest {
            Some(_) => self.sent_code,
            None => self.frame_before,
        };
    }

    /// Step 1: the goods word the quantity measures — inside its text
    /// ("1472,4 тыс. медицинских масок"), labelling it ("go'sht – 19,8 ming
    /// tonna") or right after it ("2,3 млн тонн пшеницы"). `Some(None)`: a
    /// word listed under `none`, or two chapters in one item.
    fn measured(
        &self,
        d: &Doc,
        s: &Sent,
        q: &Quantity,
        next: Option<&Quantity>,
    ) -> Option<Option<&'static str>> {
        if self.mentions.is_empty() {
            return None;
        }
        if let Some(m) = self
            .mentions
            .iter()
            .find(|m| m.start >= q.start && m.end <= q.end)
        {
            return Some(m.code);
        }
        if let Some(m) = self.label_before(d, s, q) {
            return Some(m.code);
        }
        self.after(d, q.end, next)
    }

    /// Step 2: the goods word of the quantity's clause, back to the
    /// previous quantity ("экспорт пшеницы составил …"), or the goods of a
    /// previous quantity it restates ("189 тыс. долларов или 117 тонн").
    fn clause(
        &self,
        d: &Doc,
        s: &Sent,
        q: &Quantity,
        prev: Option<&Quantity>,
    ) -> Option<Option<&'static str>> {
        if self.mentions.is_empty() {
            return None;
        }
        // (the goods right after the previous quantity are its own, and so
        // is the rest of their list: "$1.5 billion, driven by wheat, flour
        // and metals, while imports …")
        let prev_end = prev.map_or(s.start, |p| {
            let own = self.after_mention(d, p.end, Some(q));
            own.map_or(p.end, |m| self.list_end(d, m.end, q.start))
        });
        let back = self
            .mentions
            .iter()
            .rev()
            .filter(|m| m.code.is_some() && m.start >= prev_end && m.end <= q.start)
            .find(|m| !breaks_between(d, m.end, q.start));
        if let Some(m) = back {
            return Some(self.item_code(d, m));
        }
        let p = prev.filter(|p| restates(d, p, q))?;
        let &(_, code) = self.found.iter().find(|(st, _)| *st == p.start)?;
        code.map(Some)
    }

    /// The end of a list of goods words whose first ends at `end`: the
    /// words joined to it by commas and conjunctions, before token `limit`.
    fn list_end(&self, d: &Doc, mut end: usize, limit: usize) -> usize {
        let t = &d.toks;
        let first = end;
        for m in self
            .mentions
            .iter()
            .filter(|m| m.start >= first && m.end <= limit)
        {
            let joined = (end..m.start).all(|i| match t.kind(i) {
                Kind::Space => t.newlines_at(i) == 0,
                Kind::Punct => t.norm(i) == ",",
                _ => d.has_kind(i, kind::CONJ),
            });
            if !joined {
                break;
            }
            end = m.end;
        }
        end
    }

    /// A goods word right before the quantity, set off by a dash or a
    /// colon (a parenthesis may come between: "go'sht (tirik vaznda) –").
    fn label_before(&self, d: &Doc, s: &Sent, q: &Quantity) -> Option<&Mention> {
        let t = &d.toks;
        let mut i = t.prev_non_space(q.start, s.start)?;
        if !matches!(t.norm(i), "-" | ":") {
            return None;
        }
        i = t.prev_non_space(i, s.start)?;
        if t.norm(i) == ")" {
            // skip a short parenthesis
            let open = (i.saturating_sub(12).max(s.start)..i)
                .rev()
                .find(|&j| t.norm(j) == "(")?;
            i = t.prev_non_space(open, s.start)?;
        }
        self.mentions.iter().find(|m| m.end == i + 1)
    }

    /// The goods right after a quantity ending at token `from`: after
    /// spaces, approximation words and at most [`GAP_WORDS`] other words,
    /// on the same line, before the `next` quantity — unless that one
    /// follows at once and the goods come after it ("401 минг 222 тонна
    /// сабзавот"). Goods of two chapters joined in one item give
    /// `Some(None)`.
    fn after(&self, d: &Doc, from: usize, next: Option<&Quantity>) -> Option<Option<&'static str>> {
        self.after_mention(d, from, next)
            .map(|m| self.item_code(d, m))
    }

    /// The goods word of [`Goods::after`].
    fn after_mention(&self, d: &Doc, from: usize, next: Option<&Quantity>) -> Option<&Mention> {
        let t = &d.toks;
        let mut words = 0;
        let mut i = from;
        let mut next = next;
        while i < t.len() {
            if let Some(n) = next.filter(|n| n.start == i) {
                if words > 0 {
                    return None;
                }
                i = n.end;
                next = None;
                continue;
            }
            match t.kind(i) {
                Kind::Space if t.newlines_at(i) > 0 => return None,
                Kind::Space => i += 1,
                Kind::Word => {
                    if let Some(m) = self.mentions.iter().find(|m| m.start == i) {
                        return Some(m);
                    }
                    if d.has_kind(i, kind::APPROX) {
                        i += 1;
                        continue;
                    }
                    // a country, a period, another amount end the item
                    if d.has_kind(i, ITEM_END) || words == GAP_WORDS {
                        return None;
                    }
                    words += 1;
                    i += 1;
                }
                Kind::Num | Kind::Punct => return None,
            }
        }
        None
    }

    /// The chapter of the goods item starting with mention `m`: itself, the
    /// goods that name a general word ("маҳсулоти ширӣ"), or none when a
    /// goods word of another chapter is joined to it by a conjunction
    /// ("гўшт ва сут").
    fn item_code(&self, d: &Doc, m: &Mention) -> Option<&'static str> {
        let t = &d.toks;
        let Some(conj) = t.skip_space(m.end, t.len()) else {
            return m.code;
        };
        if m.code.is_none() {
            return self
                .mentions
                .iter()
                .find(|n| n.start == conj)
                .and_then(|n| n.code);
        }
        let joined_after = d
            .has_kind(conj, kind::CONJ)
            .then(|| t.skip_space(conj + 1, t.len()))
            .flatten()
            .and_then(|j| self.mentions.iter().find(|n| n.start == j));
        let joined_before = t
            .prev_non_space(m.start, 0)
            .filter(|&c| d.has_kind(c, kind::CONJ))
            .and_then(|c| t.prev_non_space(c, 0))
            .and_then(|j| self.mentions.iter().find(|n| n.end == j + 1));
        if [joined_after, joined_before]
            .into_iter()
            .flatten()
            .any(|n| n.code != m.code)
        {
            None
        } else {
            m.code
        }
    }
}

/// Whether quantity `q` measures goods themselves: its unit is one of
/// [`PHYSICAL_UNITS`], or its text names one ("375 долларов за тысячу
/// кубометров").
fn physical(d: &Doc, q: &Quantity) -> bool {
    let is_physical = |u: &str| PHYSICAL_UNITS.contains(&u);
    q.unit.is_some_and(is_physical)
        || (q.start..q.end).any(|i| {
            d.has_kind(i, kind::UNIT)
                && d.tags(i)
                    .any(|(_, t)| matches!(t, Tag::Unit(u) if is_physical(u)))
        })
}

/// Whether the word at token `i` is a capitalised name inside the sentence
/// ("Paxtaobod tumani", "Балыкчы шаары"): not goods. A word opening the
/// sentence or a quotation, and an acronym ("ПВХ"), may be goods.
fn proper_name(d: &Doc, s: &Sent, i: usize) -> bool {
    let t = &d.toks;
    let text = t.text(i);
    let mut cs = text.chars();
    let (Some(first), Some(second)) = (cs.next(), cs.next()) else {
        return false;
    };
    first.is_uppercase()
        && second.is_lowercase()
        && t.prev_non_space(i, s.start)
            .is_some_and(|p| t.kind(p) == Kind::Word)
}

/// Whether quantity `q` restates the quantity `p` just before it in
/// another unit ("189 тыс. долларов или 117,4 тонны", "3 миң сом (0,27
/// доллар)"): one short word or an opening parenthesis between them.
fn restates(d: &Doc, p: &Quantity, q: &Quantity) -> bool {
    let t = &d.toks;
    let between: Vec<usize> = (p.end..q.start)
        .filter(|&i| t.kind(i) != Kind::Space)
        .collect();
    match between.as_slice() {
        [] => true,
        [w] => match t.kind(*w) {
            Kind::Word => t.norm(*w).chars().count() <= 4,
            Kind::Punct => t.norm(*w) == "(",
            _ => false,
        },
        _ => false,
    }
}

/// Whether a clause break (";", a line break, or a comma and a
/// conjunction: "…, while imports", "…, а импорт") lies in tokens `a..b`.
fn breaks_between(d: &Doc, a: usize, b: usize) -> bool {
    let t = &d.toks;
    (a..b).any(|i| match t.kind(i) {
        Kind::Space => t.newlines_at(i) > 0,
        Kind::Punct if t.norm(i) == "," => t
            .skip_space(i + 1, b)
            .is_some_and(|n| d.has_kind(n, kind::CONJ)),
        Kind::Punct => t.norm(i) == ";",
        _ => false,
    })
}
