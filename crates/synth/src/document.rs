//! Building one synthetic document (title, date, paragraphs) from the
//! templates of a language.

use crate::lang::LangData;
use crate::numbers::{format_number, group_digits};
use crate::rng::Rng;
use crate::template::{capitalize, render};

/// First and last year of document dates.
const YEARS: (u64, u64) = (2015, 2025);
/// Share of sentences that carry figures (the rest are fillers).
const FIGURE_SHARE: f64 = 0.7;
/// Documents whose lead figures are guaranteed distinct (the `{uniq}` slot).
pub(crate) const UNIQUE_SPAN: u64 = 10_000_000;
/// Number of related headlines shown in an HTML sidebar.
const RELATED: usize = 3;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Day {
    /// Year.
    pub(crate) year: i32,
    /// Month, 1..=12.
    pub(crate) month: u32,
    /// Day of month.
    pub(crate) day: u32,
}

impl Day {
    /// `YYYY-MM-DD`.
    pub(crate) fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A generated document, ready to be written in any format.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    /// Stable id (`synth-<lang>-<index>`).
    pub(crate) id: String,
    /// A made-up URL.
    pub(crate) url: String,
    /// Publication date.
    pub(crate) date: Day,
    /// Headline.
    pub(crate) title: String,
    /// Body paragraphs.
    pub(crate) paragraphs: Vec<String>,
    /// Headlines for the related-links sidebar of the HTML page.
    pub(crate) related: Vec<String>,
}

/// Builds document number `index` of a corpus seeded with `seed`.
pub(crate) fn build(lang: &LangData, index: u64, seed: u64) -> Document {
    let mut rng = Rng::for_item(seed, index);
    let date = random_day(&mut rng);
    let mut ctx = Context::new(lang, &mut rng, date, index);

    let title = ctx.sentence_from(&lang.titles);
    let related = (0..RELATED)
        .map(|_| ctx.sentence_from(&lang.titles))
        .collect();

    let mut figures: Vec<usize> = (0..lang.sentences.len()).collect();
    let mut fillers: Vec<usize> = (0..lang.fillers.len()).collect();
    ctx.rng.shuffle(&mut figures);
    ctx.rng.shuffle(&mut fillers);
    let (mut next_figure, mut next_filler) = (0usize, 0usize);

    let paragraph_count = ctx.rng.between(3, 7);
    let mut paragraphs = Vec::with_capacity(paragraph_count as usize);
    for p in 0..paragraph_count {
        let mut sentences = Vec::new();
        let mut count = ctx.rng.between(2, 4);
        if p == 0 {
            if ctx.rng.chance(0.7) {
                sentences.push(ctx.dateline());
            }
            sentences.push(ctx.sentence_from(&lang.leads));
            count -= 1;
        }
        for _ in 0..count {
            let text = if ctx.rng.chance(FIGURE_SHARE) {
                let i = figures[next_figure % figures.len()];
                next_figure += 1;
                ctx.sentence(&lang.sentences[i])
            } else {
                let i = fillers[next_filler % fillers.len()];
                next_filler += 1;
                ctx.sentence(&lang.fillers[i])
            };
            sentences.push(text);
        }
        paragraphs.push(sentences.join(" "));
    }

    let mut doc = Document {
        id: format!("synth-{}-{index:07}", lang.code),
        url: format!(
            "https://news.synthetic.example/{}/{}/{:02}/{index}",
            lang.code, date.year, date.month
        ),
        date,
        title,
        paragraphs,
        related,
    };
    apply_apostrophe(lang, &mut rng, &mut doc);
    doc
}

/// Replaces the data's apostrophe with a variant chosen for this document.
fn apply_apostrophe(lang: &LangData, rng: &mut Rng, doc: &mut Document) {
    let (Some(base), Some(chosen)) = (lang.apostrophes.first(), rng.pick(&lang.apostrophes)) else {
        return;
    };
    if base == chosen {
        return;
    }
    doc.title = doc.title.replace(base.as_str(), chosen);
    for p in doc.paragraphs.iter_mut().chain(doc.related.iter_mut()) {
        *p = p.replace(base.as_str(), chosen);
    }
}

/// Distinct values for the first `UNIQUE_SPAN` indices, scattered so that
/// neighbouring documents do not get neighbouring figures.
fn unique_hundredths(index: u64) -> u64 {
    // 7_368_787 is coprime with 10^7, so this is a bijection on 0..10^7.
    (index % UNIQUE_SPAN).wrapping_mul(7_368_787) % UNIQUE_SPAN
}

fn random_day(rng: &mut Rng) -> Day {
    let year = rng.between(YEARS.0, YEARS.1) as i32;
    let month = rng.between(1, 12) as u32;
    let day = rng.between(1, u64::from(days_in_month(year, month))) as u32;
    Day { year, month, day }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Per-document state used while filling slots.
struct Context<'a> {
    lang: &'a LangData,
    rng: &'a mut Rng,
    date: Day,
    index: u64,
    /// The three countries of the story (indices into `lang.countries`).
    countries: [usize; 3],
    /// Main and secondary period phrases.
    periods: [String; 2],
}

impl<'a> Context<'a> {
    fn new(lang: &'a LangData, rng: &'a mut Rng, date: Day, index: u64) -> Context<'a> {
        let n = lang.countries.len();
        // The language's home country (listed first) leads most stories.
        let a = if rng.chance(0.6) { 0 } else { rng.below(n) };
        let b = (a + 1 + rng.below(n - 1)) % n;
        let mut c = rng.below(n);
        while c == a || c == b {
            c = (c + 1) % n;
        }
        let mut ctx = Context {
            lang,
            rng,
            date,
            index,
            countries: [a, b, c],
            periods: [String::new(), String::new()],
        };
        ctx.periods = ctx.period_phrases();
        ctx
    }

    fn period_phrases(&mut self) -> [String; 2] {
        let Day { year, month, .. } = self.date;
        let last_year = self.year_phrase(year - 1);
        if month >= 3 && self.rng.chance(0.5) {
            let m2 = self.rng.between(2, u64::from(month) - 1) as u32;
            let m1 = if m2 > 4 && self.rng.chance(0.2) {
                m2 - 2
            } else {
                1
            };
            let lang = self.lang;
            let template = self
                .rng
                .pick(&lang.period_months)
                .map_or("", String::as_str);
            let main = render(template, |name, _| match name {
                "year" => year.to_string(),
                "m1" => lang.month(m1).to_string(),
                "m2" => lang.month(m2).to_string(),
                other => format!("{{{other}}}"),
            });
            [main, last_year]
        } else {
            let older = self.year_phrase(year - 2);
            [last_year, older]
        }
    }

    fn year_phrase(&mut self, year: i32) -> String {
        let lang = self.lang;
        let template = self.rng.pick(&lang.period_year).map_or("", String::as_str);
        render(template, |name, _| match name {
            "year" => year.to_string(),
            other => format!("{{{other}}}"),
        })
    }

    fn dateline(&mut self) -> String {
        let lang = self.lang;
        let city = self.rng.pick(&lang.cities).map_or("", String::as_str);
        let date = self.date;
        render(&lang.dateline, |name, _| match name {
            "city" => city.to_string(),
            "day" => date.day.to_string(),
            "month" => lang.date_month(date.month).to_string(),
            other => format!("{{{other}}}"),
        })
    }

    fn sentence_from(&mut self, templates: &[String]) -> String {
        let i = self.rng.below(templates.len());
        self.sentence(&templates[i])
    }

    fn sentence(&mut self, template: &str) -> String {
        capitalize(&render(template, |name, form| self.fill(name, form)))
    }

    fn fill(&mut self, name: &str, form: Option<&str>) -> String {
        let lang = self.lang;
        let (dec, group) = (lang.decimal.as_str(), lang.group.as_str());
        match name {
            "a" | "b" | "c" => {
                let slot = usize::from(name.as_bytes()[0] - b'a');
                let country = &lang.countries[self.countries[slot]];
                country.form(form.unwrap_or("nom")).to_string()
            }
            "period" => {
                let which = usize::from(self.rng.chance(0.25));
                self.periods[which].clone()
            }
            "year" => (self.date.year - 1).to_string(),
            "target_year" => (self.date.year + self.rng.between(3, 10) as i32).to_string(),
            "bn" => {
                let decimals = 1 + self.rng.below(2);
                format_number(self.rng.float(0.3, 45.0), decimals, dec, group)
            }
            "mn" => {
                let decimals = self.rng.below(2);
                format_number(self.rng.float(10.0, 990.0), decimals, dec, group)
            }
            "pct" => format_number(self.rng.float(0.5, 45.0), 1, dec, group),
            "times" => format_number(self.rng.float(1.1, 4.0), 1, dec, group),
            "int" => self.rng.between(3, 300).to_string(),
            "big" => group_digits(&(self.rng.between(100, 9_500) * 10).to_string(), group),
            "uniq" => {
                let hundredths = 1_000 + unique_hundredths(self.index);
                format!(
                    "{}{dec}{:02}",
                    group_digits(&(hundredths / 100).to_string(), group),
                    hundredths % 100
                )
            }
            other => format!("{{{other}}}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::load_all;

    #[test]
    fn documents_are_complete_and_reproducible() {
        for lang in load_all().unwrap() {
            for index in 0..50 {
                let doc = build(&lang, index, 9);
                let again = build(&lang, index, 9);
                assert_eq!(doc.paragraphs, again.paragraphs);
                assert_eq!(doc.title, again.title);
                assert!((3..=7).contains(&doc.paragraphs.len()));
                let body = doc.paragraphs.join("\n");
                assert!(!body.contains('{') && !doc.title.contains('{'), "{body}");
                assert!(body.chars().any(|c| c.is_ascii_digit()));
                assert!((2015..=2025).contains(&doc.date.year));
                assert!(doc.date.day <= days_in_month(doc.date.year, doc.date.month));
            }
        }
    }

    #[test]
    fn unique_figures_are_a_bijection() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..200_000 {
            assert!(seen.insert(unique_hundredths(i)));
        }
        assert_eq!(unique_hundredths(UNIQUE_SPAN + 5), unique_hundredths(5));
    }

    #[test]
    fn lead_carries_the_unique_figure() {
        let langs = load_all().unwrap();
        let lang = &langs[5];
        let h = 1_000 + unique_hundredths(123);
        let expected = format!(
            "{},{:02}",
            group_digits(&(h / 100).to_string(), " "),
            h % 100
        );
        let doc = build(lang, 123, 1);
        assert!(
            doc.paragraphs[0].contains(&expected),
            "{expected}: {}",
            doc.paragraphs[0]
        );
    }
}
