//! The report frame: what a news report has set once and does not repeat.
//!
//! A report names whose figures they are, with whom, over which period and
//! of which indicator once ("The foreign trade turnover of Kyrgyzstan in
//! January–September 2018 amounted to …"); the sentences, paragraphs and
//! lists after it fill that frame in ("exports to Kazakhstan amounted to
//! …", "Russia – 230 million dollars"). [`Frame`] keeps it for the whole
//! document, one sentence after another:
//!
//! * a list ("… by country:" then "Russia – 764 tonnes;" line by line)
//!   keeps the topic of the sentence that opens it (or, when the opener
//!   names none, "this indicator by country:", the report's last topic),
//!   and each item's country is the partner of the report's subject (for
//!   that item only: after the list the report's sides are as before it);
//! * a sentence without figures names the sides: two countries ("Kazakhstan
//!   and Uzbekistan are close partners") set both, one country other than
//!   the subject ("the President went to China") becomes the partner until
//!   the report has given national figures, and before any side is known
//!   one named as an owner ("the Ministry of Trade of Kazakhstan reported")
//!   is the subject;
//! * a sentence takes from the frame what it does not say itself
//!   ([`Frame::lend`]): the period, the sides (the frame's subject is the
//!   other side of a figure that names one country), the indicator;
//! * it replaces the parts it names ([`Frame::update`]): its own period,
//!   the sides of its figures, its indicator word;
//! * figures of several subjects with one partner, or of one subject with
//!   several partners, break the report down: none of them becomes the
//!   report's side; two countries named without figures after the subject
//!   has given its figures are its partners ("the main buyers are …");
//! * a partner named in passing in a report of national figures reaches
//!   the next sentence only (a later target of the region is its own), and
//!   only while it speaks of the same indicator (exports named with it;
//!   imports, projects or jobs after it are national) and names no goods
//!   of its own;
//! * a figure in a unit of measure (tonnes, kWh) that no word of its
//!   sentence names continues the report's last trade or freight figure in
//!   that unit, across paragraphs, until a figure of another indicator
//!   ("1.9 bn kWh exported" then "Uzbekistan received another 0.7 bn kWh");
//! * a paragraph of list items naming no indicator ("Russia ($3.1 bn),
//!   China ($2.5 bn)") breaks down the report's last indicator, like one
//!   with a word that points back;
//! * a sentence with a word that points back at the last figure before its
//!   own first figure ("этот показатель", "бул көрсөткүч", "доля Китая в
//!   этом объёме", lexicon `this_indicator`) is of the indicator before
//!   it, even in a paragraph of its own;
//! * a sentence with a frame-keeping word ("в то же время", "of which",
//!   "оның ішінде", "shundan", lexicon `frame_keep`) fills the frame in and
//!   replaces nothing of its sides;
//! * a sentence opening with "for comparison" ("для сравнения", "барои
//!   муқоиса", lexicon `for_comparison`) names periods and sides of its own
//!   figures only: the report's stay for the sentences after it; so does one naming a
//!   part of the report's period ("во втором квартале", "в июне" in a report
//!   on January–June: its sides are its own too, and "за этот период" right
//!   after it points at its period), and one pointing back at the last
//!   figure with a period of its own ("В 2023 году этот показатель
//!   составлял …") or looking back on a past state ("жеткен еді", lexicon
//!   `look_back`); a part of the report's period named after such a look
//!   back brings the report's period back; so does a sentence summing up
//!   over years in a report on one year ("С 2017 года вложено …", "за
//!   2017–2024 годы … вырос в четыре раза");
//! * a sentence giving the other side's data ("по данным казахстанской
//!   стороны", "according to Chinese customs", lexicon `according_to`)
//!   names sides of its own: the report's stay after it;
//! * a period carried from an earlier sentence reaches the figures a report
//!   is made of ([`CARRIED`]: trade, investment, freight, output); counts of
//!   projects, agreements, jobs and areas take a period only from their own
//!   clause or the sentence right before theirs;
//! * a document that names no country speaks of the home country of its
//!   language (lexicon `home`: a Kyrgyz paper's "exports" are Kyrgyzstan's).

use crate::countries::Mention;
use crate::lexicon::{Case, GROUP};
use crate::meaning::Meaning;
use crate::periods::{first_year, part_of, split_span, year_after, Mark, Period};

/// Indicators whose figures take a period carried from earlier sentences
/// of the report (statistics), not only from their own clause: flows
/// summed up over time ("as of 1 September" they cover the months before).
pub(crate) const CARRIED: &[&str] = &[
    "trade.turnover",
    "trade.export",
    "trade.import",
    "investment",
    "freight",
    "gdp",
];

/// The frame of the report being read.
#[derive(Debug, Default)]
pub(crate) struct Frame {
    /// The report's period: `None` before one is named, `Some(None)` after
    /// "today".
    period: Option<Option<Period>>,
    /// Whether the period was named (or passed on) by the sentence just
    /// before, in the same paragraph.
    period_near: bool,
    /// The period the sentence just before named as an aside (a part of the
    /// report's period): "за этот период" right after it points at it.
    aside_period: Option<Period>,
    /// The date of an "as of the 1st" period ([`Mark::as_of`]), for the
    /// stocks (counts of firms) that lean on it.
    as_of: Option<Period>,
    /// Whose figures the report gives.
    subject: Option<&'static str>,
    /// Whether the subject is that of a figure (not only named in a
    /// sentence without figures).
    subject_told: bool,
    /// The subject of the last national figure (a flow with no partner).
    national: Option<&'static str>,
    /// Whether the partner was named in passing by the sentence before, in
    /// a report of national figures: it reaches the next sentence only.
    passing: bool,
    /// The partner named in passing right before a list opener: the
    /// partner of the list's items (none after the list).
    list_partner: Option<&'static str>,
    /// With whom, when the report is of a pair.
    partner: Option<&'static str>,
    /// The last two countries the report set as a pair ("between the two
    /// countries" refers to them even after a national figure).
    last_pair: Option<(&'static str, &'static str)>,
    /// The last indicator word and whether it spoke of a share.
    topic: Option<(&'static str, bool)>,
    /// The last indicator word of the report, kept across paragraphs: a
    /// list opener naming none ("by country it looks as follows:") lists
    /// figures of it.
    report_topic: Option<(&'static str, bool)>,
    /// Whether the report has given a figure of a [`CARRIED`] indicator.
    reported: bool,
    /// Whether the report has given such a figure with a side (the home
    /// country's, when it named none).
    sided: bool,
    /// The sentence before opened or continued a list (ended with ":" or
    /// ";", or was an item of a list): its items keep the topic across lines.
    in_list: bool,
    /// The period of this paragraph's first actual turnover.
    para_turnover: Option<Period>,
    /// The period of the previous paragraph's first actual turnover, for
    /// exports and imports that open this one.
    turnover_before: Option<Period>,
    /// The document's main pair of countries, for sentences before any
    /// names a side, in a language without a home country.
    main: (Option<&'static str>, Option<&'static str>),
    /// The document's current year: a base of comparison within it is
    /// no year before the sentence's period.
    year: Option<i32>,
    /// The period the document reports on ("за отчетный период" names
    /// it): that of the first actual figure of a [`CARRIED`] indicator in
    /// the last paragraph that gave one (a digest reports on several).
    report: Option<Period>,
    /// Whether this paragraph has set [`Frame::report`].
    report_here: bool,
    /// The period of the plans of the sentence before ("by the end of
    /// 2018", "this year the government plans …"): the plans of the next
    /// sentence share it.
    plan: Option<Period>,
    /// The unit of measure (tonnes, kWh, m³; no money, no percentage) of
    /// the report's last trade or freight figure, with its indicator.
    measured: Option<(&'static str, &'static str)>,
}

/// What a sentence takes from the frame.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lent {
    /// The period the sentence leans on, when it names none of its own.
    pub period: Option<Option<Period>>,
    /// Its date, when it was named "as of the 1st" of a month: what a stock
    /// (not a [`CARRIED`] flow) leaning on it is counted at.
    pub as_of: Option<Period>,
    /// Whether that period reaches every figure of the sentence (it was
    /// named right before, or the sentence keeps the frame), not only the
    /// [`CARRIED`] indicators.
    pub period_near: bool,
    /// The period named right before, when the sentence names one of its
    /// own: for a [`CARRIED`] figure none of its periods reaches ("11 млн
    /// тонн …, на 33 % больше прошлогоднего", the record "за 10 лет" after).
    pub behind: Option<Period>,
    /// The frame's sides: the subject of the report and its partner.
    pub sides: (Option<&'static str>, Option<&'static str>),
    /// Whether the sides are only the home country of the text's language
    /// (no sentence has named a side, no flow has been given one yet).
    pub home: bool,
    /// Whether the sides are only the countries the document names most
    /// (no sentence has named a side yet, and the language has no home).
    pub guessed: bool,
    /// The last pair of countries the report named.
    pub last_pair: Option<(&'static str, &'static str)>,
    /// The indicator of the sentence before (in the same paragraph).
    pub topic: Option<(&'static str, bool)>,
    /// The period of the plans of the sentence before, for the targets
    /// and forecasts of this one.
    pub plan: Option<Period>,
    /// The unit and indicator of the report's last trade or freight figure
    /// in a unit of measure: a figure in that unit that no word of its
    /// sentence names continues it, across paragraphs ("Kyrgyzstan exported
    /// 1.9 bn kWh." then "Uzbekistan received another 0.7 bn kWh.").
    pub measured: Option<(&'static str, &'static str)>,
}

impl Lent {
    /// The period a figure of `indicator` takes when its sentence names
    /// none: a [`CARRIED`] flow takes it from however far back, unless it
    /// is a single day (the date of an event, not a span a flow sums up).
    pub fn period_for(&self, indicator: &str) -> Option<Period> {
        let p = self.period.clone().flatten();
        let carried = CARRIED.contains(&indicator);
        if self.period_near && !carried && self.as_of.is_some() {
            self.as_of.clone()
        } else if !carried
            && p.as_deref()
                .is_some_and(|p| p.len() == 6 && p.ends_with(".."))
        {
            // ("с 2005 года вложили …" then "зарегистрировано 3,8 тыс.
            // предприятий": years running to the present are summed up by
            // the flow that names them; a count after it is of today, while
            // "since the start of the year" still reaches what was made)
            None
        } else if self.period_near || (carried && p.as_deref().is_some_and(spans)) {
            p
        } else if carried {
            self.behind.clone().filter(|p| spans(p))
        } else {
            None
        }
    }
}

/// Whether `period` spans time (a year, months, years), not a single day.
fn spans(period: &str) -> bool {
    split_span(period).is_some() || period.len() < 10
}

/// What a sentence says that may set the frame.
pub(crate) struct Said<'a> {
    /// The sentence starts a paragraph.
    pub para_start: bool,
    /// The sentence is list items only, with no full stop after them
    /// ("Кыргызстан — 138,0 млн долл. (+21%)"): after a list's opener or
    /// items, the list goes on.
    pub items: bool,
    /// The sentence looks back on a past state ("составлял", "жеткен еді",
    /// lexicon `look_back`).
    pub look_back: bool,
    /// The sentence has a frame-keeping word.
    pub keep: bool,
    /// The sentence opens with "for comparison" (lexicon `for_comparison`): the
    /// periods it names are its own figures', the report's stays.
    pub aside: bool,
    /// The sentence opens with a word pointing back at the last figure
    /// ("этот показатель"): the topic before it stays.
    pub points_back: bool,
    /// Its period marks.
    pub marks: &'a [Mark],
    /// Its indicator words: (first token, end token, indicator).
    pub keywords: &'a [(usize, usize, &'static str)],
    /// Whether it has a share word.
    pub share: bool,
    /// The countries it names, in order (country groups included).
    pub countries: &'a [Mention],
    /// The sentence ends with ":" or ";": a list opens or goes on after it.
    pub opens_list: bool,
    /// The sentence names goods ("Бидай ұнының экспорты …").
    pub goods: bool,
    /// The sentence names the structure of a whole ("в структуре экспорта",
    /// "Основу поставок составили …", lexicon `composition`).
    pub composition: bool,
    /// The country whose data the sentence gives ("according to the Kazakh
    /// side", lexicon `according_to`).
    pub source: Option<&'static str>,
}

impl Frame {
    /// A new frame for a document whose main pair of countries is `main`
    /// (the two countries it names most) and whose current year is `year`.
    pub fn new(main: (Option<&'static str>, Option<&'static str>), year: Option<i32>) -> Frame {
        Frame {
            main,
            year,
            ..Frame::default()
        }
    }

    /// The period a sentence's relative marks ("годом ранее", "за этот
    /// период") are read against: the one an aside named in the sentence
    /// before, else the report's.
    pub fn lean(&self) -> Option<&str> {
        self.aside_period
            .as_deref()
            .or(self.period.as_ref().and_then(Option::as_deref))
    }

    /// The period the document reports on, once a figure has set it.
    pub fn report(&self) -> Option<&str> {
        self.report.as_deref()
    }

    /// What sentence `said` takes from the frame; `home` is the home country
    /// of its language.
    pub fn lend(&mut self, said: &Said, home: Option<&'static str>) -> Lent {
        // (a paragraph opening with a frame-keeping word, "Улардан …", "Of
        // these …", goes on with the one before: its topic stays)
        if said.para_start && !self.in_list && !said.keep {
            if !said.points_back {
                self.topic = None;
            }
            self.period_near = false;
            self.turnover_before = self.para_turnover.take();
        }
        let own_marks = said.marks.iter().any(Mark::own);
        // exports and imports opening a paragraph break down the turnover
        // of the paragraph before and share its period
        let breakdown = said
            .keywords
            .iter()
            .any(|(_, _, ind)| *ind == "trade.export" || *ind == "trade.import");
        let breakdown_period = self
            .turnover_before
            .take()
            .filter(|_| breakdown && !own_marks);
        let lean_as_of = breakdown_period.is_none() && !own_marks;
        let (period, period_near) = match breakdown_period {
            Some(p) => (Some(Some(p)), true),
            None if own_marks => (None, false),
            None => (self.period.clone(), self.period_near || said.keep),
        };
        // "… 110,1 % compared with the same period of 2016": a sentence
        // with no period of its own nor one to lean on reports the period
        // after its base of comparison
        let (period, period_near) = match period {
            None | Some(None) if !own_marks => said
                .marks
                .iter()
                .find(|m| m.compare)
                .and_then(|m| m.period.as_deref())
                .and_then(year_after)
                // ("экспорт бірінші тоқсандағы 3,6 млрд доллардан 12%-ға
                // өсті": against a part of the current year, not of a year
                // before it)
                .filter(|p| self.year.zip(first_year(p)).is_none_or(|(cy, y)| y <= cy))
                .map_or((period, period_near), |p| (Some(Some(p)), true)),
            p => (p, period_near),
        };
        // before a sentence names the sides: the language's home country,
        // else the countries the document names most
        let only_home =
            self.subject.is_none() && self.partner.is_none() && home.is_some() && !self.sided;
        let guessed = self.subject.is_none() && self.partner.is_none() && home.is_none();
        let sides = match (self.subject, self.partner, home) {
            (None, None, Some(h)) => (Some(h), None),
            (None, None, None) => self.main,
            (s, p, _) => (s, p),
        };
        // ("Uzbekistan received another 0.7 bn kWh." then "Imports fell by
        // 15 %"): a partner named in passing goes with the flow it was
        // named with, not with the opposite one, and not to a sentence
        // naming goods of its own ("Exports to Afghanistan grew 1.5 times."
        // then "Flour exports reached 1.1 Mt": national again)
        let flow = |ind: &str| matches!(ind, "trade.export" | "trade.import");
        // (the goods the flow just named is made of, "Экспорт в Казахстан
        // …" then "Основу поставок составили …", break that flow down)
        let made_of = said.composition
            && self.report_topic.is_some_and(|(r, _)| {
                !said.keywords.is_empty() && said.keywords.iter().all(|(_, _, ind)| r == *ind)
            });
        let switched = self.passing
            && (said.goods && !made_of
                || self.report_topic.is_some_and(|(r, _)| {
                    flow(r) && said.keywords.iter().any(|(_, _, ind)| r != *ind)
                }));
        let sides = if switched { (sides.0, None) } else { sides };
        let sides = match sides {
            (s, None) if self.in_list => (s, self.list_partner),
            _ => sides,
        };
        Lent {
            as_of: self.as_of.clone().filter(|_| lean_as_of),
            behind: self
                .period
                .clone()
                .flatten()
                .filter(|_| own_marks && self.period_near),
            period,
            period_near,
            sides,
            home: only_home,
            guessed,
            last_pair: self.last_pair,
            topic: self.topic.take(),
            plan: self.plan.take(),
            measured: self.measured,
        }
    }

    /// Notes a figure in `unit` of `indicator`: a trade or freight figure
    /// in a unit of measure (not money nor a ratio) sets
    /// [`Lent::measured`] for the sentences after it; a figure of another
    /// indicator ends it (the report has moved on).
    pub fn measured(&mut self, unit: &'static str, indicator: &'static str) {
        let money = unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase());
        let ratio = matches!(
            unit,
            "percent" | "percent_point" | "times" | "other" | "count" | "person"
        );
        let flow = matches!(
            indicator,
            "trade.turnover" | "trade.export" | "trade.import" | "freight"
        );
        if flow && !money && !ratio {
            self.measured = Some((unit, indicator));
        } else if self.measured.is_some_and(|(_, ind)| ind != indicator) {
            self.measured = None;
        }
    }

    /// Replaces the parts of the frame that sentence `said` names, given
    /// what it took (`lent`) and the meanings of its figures.
    pub fn update(&mut self, said: &Said, lent: &Lent, figures: &[Meaning]) {
        self.plan = figures
            .iter()
            .find(|f| f.kind != "actual" && f.period.is_some())
            .and_then(|f| f.period.clone());
        // the period: the sentence's own (a deadline "к 2030 году" belongs to
        // its target, not to what follows, and so does the horizon of a
        // sentence of plans only, "to $5 bn in the next three years": it is
        // the `plan`, not the report's period); a sentence naming only a
        // base of comparison passes on the period it leaned on
        let plans_only = !figures.is_empty() && figures.iter().all(|f| f.kind != "actual");
        // a sentence naming a part of the report's period ("во втором
        // квартале", "в июне" in a report on January–June), or pointing back
        // at the last figure with a period of its own ("В 2023 году этот
        // показатель составлял …"), is an aside: the report's period stays
        let frame_period = self.period.clone().flatten();
        let own_periods = || {
            said.marks
                .iter()
                .filter(|m| m.own())
                .filter_map(|m| m.period.as_deref())
        };
        // (so is one summing up over years, "С 2017 года вложено …", "за
        // 2017–2024 годы … вырос в четыре раза", in a report on one year or
        // part of one: the report's period comes back after it)
        let years = |p: &str| {
            split_span(p)
                .is_some_and(|(a, b)| a.len() == 4 && (b.is_empty() || b.len() == 4 && a != b))
        };
        let over_years = own_periods().next().is_some()
            && own_periods().all(years)
            && frame_period
                .as_deref()
                .is_some_and(|fp| split_span(fp).is_none());
        // (a series of earlier years, "2022-жылы …, 2023-жылы …, 2024-жылы
        // …", in a report on a later period leaves the report's period too,
        // though its sides are the report's)
        let frame_year = frame_period.as_deref().and_then(first_year);
        let earlier_year = |p: &str| {
            p.len() == 4 && frame_year.is_some_and(|f| p.parse::<i32>().is_ok_and(|y| y < f))
        };
        let series = own_periods().all(earlier_year)
            && own_periods()
                .next()
                .is_some_and(|a| own_periods().any(|b| b != a));
        let aside_of_report = over_years
            || frame_period.as_deref().is_some_and(|fp| {
                own_periods()
                    .any(|p| part_of(p, fp) || (said.points_back || said.look_back) && p != fp)
            });
        // (a part of the report's period after a look at another year
        // brings the report back: "В 2024 году … составлял …" then "Во
        // втором квартале …" in a report on the first half of 2025)
        let back_to_report = self
            .report
            .clone()
            .filter(|rp| frame_period.as_deref() != Some(&**rp))
            .filter(|rp| own_periods().any(|p| part_of(p, rp)));
        let aside_of_report = aside_of_report || back_to_report.is_some();
        // ("… во втором квартале …" then "за этот период …": the aside's
        // period is the one pointed at, and the report goes on with it)
        let aside_named = std::mem::take(&mut self.aside_period);
        let pointed = said
            .marks
            .iter()
            .find(|m| m.relative && m.period.is_some() && m.period == aside_named);
        if said.aside || aside_of_report || series {
            self.period_near = false;
            if let Some(rp) = back_to_report {
                self.period = Some(Some(rp));
            }
            // (not the year of one "for comparison": "за этот период" after
            // it is the report's, "Taqqoslash uchun, 2024-yilda …" then "Shu
            // davrda …"; unless it sums up years, "саккиз йил ичида …", then
            // "Шу даврда …" is those years)
            let over = |m: &Mark| m.period.as_deref().is_some_and(|p| p.contains(".."));
            self.aside_period = said
                .marks
                .iter()
                .rev()
                .find(|m| m.own() && (!said.aside || over(m)))
                .and_then(|m| m.period.clone());
        } else if let Some(m) = said.marks.iter().rev().find(|m| m.own()) {
            if plans_only {
                self.period_near = false;
            } else if !m.until {
                self.period = Some(m.period.clone());
                self.as_of = m.as_of.clone();
                self.period_near = true;
            }
        } else if let Some(m) = pointed {
            self.period = Some(m.period.clone());
            self.period_near = true;
        } else if lent.period_near || said.marks.iter().any(|m| m.compare || m.relative) {
            if lent.period.is_some() {
                self.period = lent.period.clone();
            }
            self.period_near = true;
        } else {
            self.period_near = false;
        }
        // the sides: those of the sentence's first figure that names a side
        // (foreign investment "attracted" names only where it goes; a figure
        // of one country alone — its GDP, population, area — is said in
        // passing); a sentence without figures (or with counts of things only) naming
        // exactly two countries ("Kazakhstan and Uzbekistan are close
        // partners") sets them too, and one naming another country than the
        // report's subject makes it the partner (unless the report has
        // already given figures of its own with no partner)
        // (a list item "Russia – 1.1 bn;" names its own partner: the
        // report's sides after the list are those from before it)
        let item = self.in_list;
        // ("… of which exports to Uzbekistan 20 thousand tonnes." then "the
        // region plans to raise its exports to $3 bn": a partner named in
        // passing in a report of national figures is not carried on)
        let was_passing = std::mem::take(&mut self.passing);
        if was_passing && said.countries.is_empty() && !said.keep {
            // (a list opener without figures, "Основу поставок составили:",
            // passes the partner on to its items only)
            if said.opens_list && figures.is_empty() {
                self.list_partner = self.partner;
            }
            self.partner = None;
        }
        // (a look back over years names the report's sides as any sentence;
        // the other side's data, "Тибқи маълумоти ҷониби Қазоқистон,
        // содироти ин кишвар …", is an aside of its own)
        let other_source = said
            .source
            .is_some_and(|c| self.subject.is_some_and(|s| s != c));
        // ("Для сравнения, товарооборот с Узбекистаном …" names sides of its
        // own figures only)
        let sides_aside = (aside_of_report && !over_years) || other_source || said.aside;
        // ("Meanwhile, Uzbekistan's overall foreign trade …": a country's
        // own total in a frame-keeping sentence names the report's sides
        // for what follows it)
        let national_here = figures
            .iter()
            .any(|f| CARRIED.contains(&f.indicator) && f.subject.is_some() && f.partner.is_none());
        // (a list opener without figures names the sides of its items even
        // with such a word: "Ҳисобот даврида Россияга қуйидаги маҳсулотлар
        // экспорт қилинди:")
        let keep = said.keep && !national_here && !(said.opens_list && figures.is_empty());
        if !said.countries.is_empty() && !keep && !item && !sides_aside {
            let sided = || {
                figures.iter().filter(|f| {
                    !matches!(f.indicator, "other" | "gdp" | "population" | "area")
                        && (f.subject.is_some() || f.partner.is_some())
                })
            };
            // (figures of several subjects with one partner, "investors:
            // the Netherlands ($3.1 bn), the US ($2.4 bn)", break the
            // report down like list items: its sides stay as they were)
            // (so does a share of one country in a report that has given
            // figures with sides: "China's share in this volume was 46%")
            let breakdown = sided()
                .any(|f| sided().any(|g| f.partner == g.partner && f.subject != g.subject))
                || (self.sided && sided().next().is_some_and(|f| f.measure == "share_pct"));
            let first = sided().next().filter(|_| !breakdown);
            // (a breakdown, "Доля ЕС … 27,5%, Китая — 23,7%", leaves a
            // partner named in passing before it as passing as it was)
            if breakdown {
                self.passing = was_passing;
            }
            let mut codes: Vec<&'static str> = said
                .countries
                .iter()
                .map(|m| m.code)
                .filter(|c| *c != GROUP)
                .collect();
            codes.dedup();
            // (a count of things, "four power plants", is no figure of a
            // side; two countries other than a subject that has given its
            // figures are its partners, "the main buyers are Uzbekistan and
            // Afghanistan", no new pair)
            let no_facts = figures.iter().all(|f| f.indicator == "other");
            // ("Xitoy – 7,9 mlrd, Rossiya – 6,1 mlrd": figures of one
            // subject with several partners break the report down by
            // partner; none of them becomes the report's partner)
            let mut partners: Vec<&'static str> = figures
                .iter()
                .filter(|g| first.is_none_or(|f| g.indicator != "other" && f.subject == g.subject))
                .filter_map(|g| g.partner)
                .filter(|c| *c != GROUP)
                .collect();
            partners.sort_unstable();
            partners.dedup();
            // (a share naming the report's two sides in its own order, "доля
            // A в обороте B", keeps the report's order)
            let reordered = |f: &Meaning| {
                f.measure == "share_pct"
                    && f.subject.is_some()
                    && f.subject == self.partner
                    && f.partner == self.subject
            };
            if let Some(f) = first.filter(|f| !reordered(f)) {
                self.subject = f.subject;
                self.partner = if partners.len() >= 2 {
                    lent.sides.1.filter(|_| lent.sides.0 == f.subject)
                } else {
                    f.partner
                };
                self.subject_told = f.subject.is_some();
                // (one named again, sentence after sentence, is the report's
                // partner: "China was the largest partner …", then "Kazakh
                // exports to China …", then the goods they were)
                self.passing = self.partner.is_some()
                    && self.national.is_some()
                    && self.national == f.subject
                    && !(f.partner.is_some() && f.partner == lent.sides.1);
            } else if no_facts
                && codes.len() == 2
                && codes[0] != codes[1]
                // ("Kazakhstan is Uzbekistan's third partner" after figures
                // of Uzbekistan with Kazakhstan: the same pair in another
                // order names no new one, the report's direction stays)
                && !(self.subject_told
                    && codes.contains(&self.subject.unwrap_or(GROUP))
                    && codes.contains(&self.partner.unwrap_or(GROUP)))
                && partners.len() < 2
                && !(self.subject_told && self.subject.is_some_and(|s| !codes.contains(&s)))
            {
                self.subject = Some(codes[0]);
                self.partner = Some(codes[1]);
                self.subject_told = false;
            } else if let [c] = codes.as_slice() {
                // "the President went to China on a state visit": the
                // report's subject (named later, when the language has no
                // home country) now deals with that country
                // ("the Russian agency TASS reported": an adjective
                // describes a thing of that country, it names no side)
                let s = lent.sides.0;
                let named = said.countries.iter().any(|m| m.code == *c && !m.adjective);
                // ("Министерство торговли Республики Казахстан сообщило …"
                // opening a report: the country whose body speaks is the
                // report's subject)
                let owner = said
                    .countries
                    .iter()
                    .any(|m| m.code == *c && m.case == Some(Case::Of));
                // ("O'zbekiston eksporti tarkibida quyidagi mahsulotlar …:"
                // in a report on its trade with Kyrgyzstan: the country whose
                // exports or imports a sentence without figures opens is the
                // report's subject, the other side its partner)
                let trader = said.countries.iter().any(|m| {
                    m.code == *c
                        && !m.adjective
                        && matches!(m.case, None | Some(Case::Of))
                        && said.keywords.iter().any(|(k, _, ind)| {
                            matches!(*ind, "trade.export" | "trade.import")
                                && *k > m.tok
                                && *k - m.tok <= 2
                        })
                });
                let other = [lent.sides.0, lent.sides.1]
                    .into_iter()
                    .flatten()
                    .find(|x| x != c);
                // ("Из Узбекистана ввозились главным образом газ, удобрения
                // …" after national figures: where goods come from or go to
                // is the report's partner from then on; "Россияга қуйидаги
                // маҳсулотлар экспорт қилинди:", a few words between)
                let shipped = said.countries.iter().any(|m| {
                    m.code == *c
                        && matches!(m.case, Some(Case::From | Case::To))
                        && said.keywords.iter().any(|(k, _, ind)| {
                            matches!(*ind, "trade.export" | "trade.import")
                                && k.abs_diff(m.tok) <= 8
                        })
                });
                if no_facts && s.is_none() && self.subject.is_none() && owner {
                    self.subject = Some(*c);
                    self.partner = None;
                } else if no_facts && trader && other.is_some() {
                    self.subject = Some(*c);
                    self.partner = other;
                } else if no_facts
                    && s != Some(*c)
                    && (shipped && s.is_some()
                        || named && (!self.reported || self.partner.is_some()))
                {
                    self.subject = s;
                    self.partner = Some(*c);
                }
            }
            if let (Some(a), Some(b)) = (self.subject, self.partner) {
                self.last_pair = Some((a, b));
            }
        }
        // ("Торговля с Узбекистаном в третьем квартале …: оборот 412,6 млн"
        // as an aside of a report on nine months, then "взаимная торговля
        // достигла 1,05 млрд": the pair of an aside's figures is the pair
        // "mutual" refers to, when the report has named none)
        if sides_aside && !item && self.last_pair.is_none() {
            self.last_pair = figures.iter().find_map(|f| match (f.subject, f.partner) {
                (Some(a), Some(b)) if a != GROUP && b != GROUP => Some((a, b)),
                _ => None,
            });
        }
        // the topic: a sentence giving both exports and imports speaks of the turnover
        let has = |x: &str| said.keywords.iter().any(|(_, _, ind)| *ind == x);
        // (a list opener without one passes on the topic it had: "…
        // by country as follows:" then "Russia – 764 tonnes;")
        // (the indicator its last figure was read as, before its last
        // indicator word: "сармояи хориҷӣ ворид гардид" is investment that
        // came in, though "ворид" alone is imports)
        let last_figure = figures
            .iter()
            .rev()
            .map(|f| f.indicator)
            .find(|i| *i != "other" && said.keywords.iter().any(|(_, _, k)| k == i));
        self.topic = if has("trade.export") && has("trade.import") {
            Some(("trade.turnover", said.share))
        } else if let Some(ind) = last_figure {
            Some((ind, said.share))
        } else if let Some((_, _, ind)) = said.keywords.last() {
            Some((*ind, said.share))
        } else if said.opens_list && !self.in_list {
            lent.topic.or(self.report_topic)
        } else if self.in_list || said.points_back {
            // (items naming no indicator, "Түркия (5,8 млрд доллар)", go on
            // breaking down the topic, sentence after sentence)
            lent.topic
        } else {
            None
        };
        self.reported |= figures.iter().any(|f| CARRIED.contains(&f.indicator));
        self.sided |= figures.iter().any(|f| {
            CARRIED.contains(&f.indicator) && (f.subject.is_some() || f.partner.is_some())
        });
        if let Some(f) = figures
            .iter()
            .find(|f| CARRIED.contains(&f.indicator) && f.subject.is_some() && f.partner.is_none())
        {
            self.national = f.subject;
        }
        if let Some((_, _, ind)) = said.keywords.last() {
            self.report_topic = Some((*ind, said.share));
        }
        // (a table-like row on a line of its own, ending with no ";", goes
        // on with the list it is in)
        self.in_list = said.opens_list || self.in_list && said.items;
        if !self.in_list {
            self.list_partner = None;
        }
        if said.para_start {
            self.report_here = false;
        }
        // (a sentence "for comparison" gives the figures of another period,
        // not the one the document reports on)
        if !self.report_here && !said.aside {
            let first = figures
                .iter()
                .find(|f| CARRIED.contains(&f.indicator) && f.kind == "actual")
                .and_then(|f| f.period.clone());
            if first.is_some() {
                self.report = first;
                self.report_here = true;
            }
        }
        // (an aside's turnover is no total that the next paragraph breaks
        // down; of several, the paragraph's last of the report's period,
        // not a base of comparison: "in 2023 … 4.4 bn; in the ten months
        // of this year … 3.8 bn", then "exports … 2.3 bn")
        if !said.aside && !aside_of_report && !series {
            let turnovers = || {
                figures.iter().filter(|f| {
                    f.indicator == "trade.turnover" && f.measure == "level" && f.kind == "actual"
                })
            };
            let current = self.period.clone().flatten();
            let latest = turnovers()
                .rfind(|f| f.period.is_some() && f.period == current)
                .and_then(|f| f.period.clone());
            if latest.is_some() {
                self.para_turnover = latest;
            } else if self.para_turnover.is_none() {
                self.para_turnover = turnovers().next().and_then(|f| f.period.clone());
            }
        }
    }
}
