//! The language data: `lexicon/*.toml` files, embedded in the binary,
//! parsed once and compiled into one [`Matcher`] shared by every language.
//!
//! Each file lists words by role (numerals, scales, units, cue words,
//! countries…). Words of all languages are matched at once: a figure written
//! in Russian inside a Kazakh paragraph is still read. Only the decimal
//! separator convention depends on the paragraph's language.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;
use tandem_model::SECTORS;

use crate::endings::CaseEndings;
use crate::matcher::{FxSet, Matcher, Tag};

/// The embedded lexicon files, by file name (`common.toml`, then one per
/// language: `kk.toml`, `ru.toml`, …).
pub const FILES: &[(&str, &str)] = &[
    ("common.toml", include_str!("../../../lexicon/common.toml")),
    ("kk.toml", include_str!("../../../lexicon/kk.toml")),
    ("ru.toml", include_str!("../../../lexicon/ru.toml")),
    ("uz.toml", include_str!("../../../lexicon/uz.toml")),
    ("ky.toml", include_str!("../../../lexicon/ky.toml")),
    ("tg.toml", include_str!("../../../lexicon/tg.toml")),
    ("en.toml", include_str!("../../../lexicon/en.toml")),
];

type WordLists = BTreeMap<String, Vec<String>>;

/// One lexicon file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LangFile {
    lang: Vec<String>,
    /// `[agreement_words]`: read by `tandem-events` alone (subjects of
    /// signed documents, words for a company); passed by here.
    #[serde(default, rename = "agreement_words")]
    _agreement_words: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    decimal_comma: bool,
    #[serde(default)]
    head_first: bool,
    #[serde(default)]
    head_last: bool,
    #[serde(default)]
    suffixes: Vec<String>,
    #[serde(default)]
    number_suffixes: Vec<String>,
    #[serde(default)]
    ordinal_suffixes: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default)]
    participle_endings: Vec<String>,
    #[serde(default)]
    home: Option<String>,
    #[serde(default)]
    counters: Vec<String>,
    #[serde(default)]
    transliteration: BTreeMap<String, String>,
    #[serde(default)]
    transliteration_initial: BTreeMap<String, String>,
    #[serde(default)]
    numerals: BTreeMap<String, f64>,
    #[serde(default)]
    multipliers: BTreeMap<String, f64>,
    #[serde(default)]
    fractions: BTreeMap<String, f64>,
    #[serde(default)]
    times_words: BTreeMap<String, f64>,
    #[serde(default)]
    scales: BTreeMap<String, f64>,
    #[serde(default)]
    number_words: WordLists,
    #[serde(default)]
    denominators: BTreeMap<String, f64>,
    #[serde(default)]
    units: WordLists,
    #[serde(default)]
    prefix_units: WordLists,
    #[serde(default)]
    unit_indicators: BTreeMap<String, String>,
    #[serde(default)]
    unit_indicators_strong: BTreeMap<String, String>,
    #[serde(default)]
    ordinals: WordLists,
    #[serde(default)]
    nouns: BTreeMap<String, WordLists>,
    #[serde(default)]
    approx: WordLists,
    #[serde(default)]
    indicators: WordLists,
    #[serde(default)]
    measure: WordLists,
    #[serde(default)]
    kind: WordLists,
    #[serde(default)]
    countries: WordLists,
    /// Cities and regions, read as mentions of their country.
    #[serde(default)]
    places: WordLists,
    /// Heads of state, read as mentions of the country they lead.
    #[serde(default)]
    people: WordLists,
    #[serde(default)]
    adjectives: WordLists,
    #[serde(default)]
    cases: WordLists,
    #[serde(default)]
    prepositions: WordLists,
    #[serde(default)]
    postpositions: WordLists,
    #[serde(default)]
    relations: WordLists,
    #[serde(default)]
    time: WordLists,
    #[serde(default)]
    months: BTreeMap<String, u32>,
    #[serde(default)]
    month_spans: BTreeMap<String, [u32; 2]>,
    /// Words for parts of a year (`quarter`, `half`), read with an ordinal
    /// in figures beside them.
    #[serde(default)]
    year_parts: WordLists,
    #[serde(default)]
    products: WordLists,
    /// Event words by event type (`state_visit`, `summit`, …), read by
    /// `tandem-events`.
    #[serde(default)]
    events: WordLists,
    /// Offices of people taking part in an event (`president`, …).
    #[serde(default)]
    offices: WordLists,
    /// Agreement words: `documents` signed and verbs of `signing`.
    #[serde(default)]
    agreements: WordLists,
    /// Days named relative to the document's date (`today`, `next_week`…).
    #[serde(default)]
    days: WordLists,
    /// Cities where meetings take place, read by events only.
    #[serde(default)]
    venues: WordLists,
    /// Words naming a project, by the sector they imply (`project` for
    /// none), read by `tandem-events`.
    #[serde(default)]
    projects: WordLists,
    /// Words naming a sector of the economy (`energy`, `industry`, …).
    #[serde(default)]
    sectors: WordLists,
    /// Words giving a project's status (`planned`, `agreed`,
    /// `under_construction`, `launched`) and `joint` for joint ones.
    #[serde(default)]
    project_status: WordLists,
}

/// Role of a country name given by its case ending or preposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Ablative / "из" / "from": the origin.
    From,
    /// Dative / "в" / "to": the destination.
    To,
    /// Genitive or adjective: the owner.
    Of,
    /// Locative: where something is.
    At,
    /// Comitative / "с" / "with" ("Казакстан менен", "Қозоғистон билан"):
    /// the other side of a trade, never its trader.
    With,
}

/// Everything the extractor knows about languages, compiled.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// All words and phrases of all languages.
    pub matcher: Matcher,
    /// Language codes whose decimal separator is the comma.
    pub decimal_comma: Vec<String>,
    /// Language codes whose noun phrases put the head noun before the
    /// nouns that depend on it ("доходы населения", "даромади аҳолӣ").
    pub head_first: Vec<String>,
    /// Language codes whose noun phrases put the head noun last, with no
    /// preposition between ("экспорт бағасы", "фермер хўжалиги раҳбарлари").
    pub head_last: Vec<String>,
    /// Endings glued to a number after a hyphen ("-ға", "-дан").
    pub number_suffixes: FxSet<String>,
    /// Ordinal endings after a hyphen ("-шы", "-th").
    pub ordinal_suffixes: FxSet<String>,
    /// Counters (Uzbek "та", "тага"), lower case in every script: also
    /// read as the ending of a scale word ("15 мингта", "4 mingtaga").
    pub counters: FxSet<String>,
    /// Words after which "." does not end a sentence (lower case).
    pub abbreviations: FxSet<String>,
    /// Articles ("the"), skipped between a preposition and a country name
    /// ("to the U.S.").
    pub articles: FxSet<String>,
    /// Endings of participles that open a clause after a comma and lean on
    /// the noun before it ("Узбекистан, нарастивший торговлю …"), lower
    /// case, of every language.
    pub participle_endings: Vec<String>,
    /// Case endings of country names (lower case), with their role and the
    /// languages of the file they come from.
    pub case_endings: CaseEndings,
    /// The country a language's news speaks of when it names none (its
    /// `home`: Kazakh → KZ), by language code.
    pub home: HashMap<String, &'static str>,
    /// Indicator implied by a unit when no indicator word is near.
    pub unit_indicators: HashMap<String, String>,
    /// Indicator a unit implies whatever the words say (hectare → area).
    pub unit_indicators_strong: HashMap<String, String>,
}

static LEXICON: OnceLock<Result<Lexicon, String>> = OnceLock::new();

/// The compiled lexicon (parsed on first use).
pub(crate) fn lexicon() -> Result<&'static Lexicon, &'static str> {
    LEXICON
        .get_or_init(|| build(FILES))
        .as_ref()
        .map_err(|e| e.as_str())
}

/// Parses and compiles lexicon files.
pub(crate) fn build(files: &[(&str, &str)]) -> Result<Lexicon, String> {
    let mut b = Builder::default();
    for (name, src) in files {
        let file: LangFile = toml::from_str(src).map_err(|e| format!("lexicon/{name}: {e}"))?;
        b.add_file(&file)
            .map_err(|e| format!("lexicon/{name}: {e}"))?;
    }
    b.matcher.finish();
    Ok(Lexicon {
        matcher: b.matcher,
        decimal_comma: b.decimal_comma,
        head_first: b.head_first,
        head_last: b.head_last,
        number_suffixes: b.number_suffixes.into_iter().collect(),
        ordinal_suffixes: b.ordinal_suffixes.into_iter().collect(),
        counters: b.counters.into_iter().collect(),
        abbreviations: b.abbreviations.into_iter().collect(),
        articles: b.articles.into_iter().collect(),
        participle_endings: b.participle_endings,
        case_endings: b.case_endings,
        home: b.home,
        unit_indicators: b.unit_indicators,
        unit_indicators_strong: b.unit_indicators_strong,
    })
}

/// Event types of `[events]` (see `lexicon/README.md`).
pub(crate) const EVENT_TYPES: &[&str] = &[
    "state_visit",
    "official_visit",
    "working_visit",
    "visit",
    "summit",
    "session",
    "forum",
    "talks",
    "phone_call",
    "none",
];

/// Offices of `[offices]`.
pub(crate) const OFFICES: &[&str] = &[
    "president",
    "prime_minister",
    "minister",
    "head_of_state",
    "head_of_government",
    "ambassador",
    "governor",
];

/// Lists of `[agreements]`.
pub(crate) const AGREEMENT_WORDS: &[&str] = &["documents", "signing", "expected"];

/// Lists of `[project_status]`.
pub(crate) const PROJECT_STATUS: &[&str] = &[
    "planned",
    "agreed",
    "under_construction",
    "launched",
    "joint",
];

/// Lists of `[days]` named relative to the document's date (besides the
/// [`WEEKDAYS`]), and `reported`: words of reporting, next to which a day
/// of the week dates the report, not the event ("…, the ministry said on
/// Thursday").
pub(crate) const DAYS: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "next_week",
    "last_week",
    "reported",
];

/// Lists of `[days]` that name a day of the week, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// `key` when it is one of `known`, else an error naming `what`.
fn check_key(key: &str, known: &[&str], what: &str) -> Result<String, String> {
    if known.contains(&key) {
        Ok(key.to_string())
    } else {
        Err(format!("unknown {what} `{key}`"))
    }
}

#[derive(Default)]
struct Builder {
    matcher: Matcher,
    decimal_comma: Vec<String>,
    head_first: Vec<String>,
    head_last: Vec<String>,
    number_suffixes: Vec<String>,
    ordinal_suffixes: Vec<String>,
    counters: Vec<String>,
    abbreviations: Vec<String>,
    articles: Vec<String>,
    participle_endings: Vec<String>,
    case_endings: CaseEndings,
    home: HashMap<String, &'static str>,
    unit_indicators: HashMap<String, String>,
    unit_indicators_strong: HashMap<String, String>,
}

/// `form` with its capitalised first word matched only as written
/// (`"=Word"`, see `common.toml`).
fn as_written(form: &str) -> String {
    if form.chars().next().is_some_and(char::is_uppercase) {
        format!("={form}")
    } else {
        form.to_string()
    }
}

/// Transliteration of one file (e.g. Uzbek Cyrillic → Latin).
struct Translit<'a> {
    chars: &'a BTreeMap<String, String>,
    initial: &'a BTreeMap<String, String>,
}

impl Translit<'_> {
    fn apply(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut prev_letter_vowel: Option<bool> = None;
        let mut buf = [0u8; 4];
        let mut long = String::new();
        for c in s.chars() {
            // (the lower case of a letter is one letter but for a few)
            let mut lowered = c.to_lowercase();
            let lower: &str = match lowered.len() {
                1 => lowered.next().map_or("", |l| l.encode_utf8(&mut buf)),
                _ => {
                    long.clear();
                    long.extend(lowered);
                    &long
                }
            };
            let at_start = prev_letter_vowel.is_none_or(|v| v);
            let mapped = if at_start {
                self.initial.get(lower)
            } else {
                None
            }
            .or_else(|| self.chars.get(lower));
            match mapped {
                Some(m) => {
                    if c.is_uppercase() {
                        out.push_str(&m.to_uppercase());
                    } else {
                        out.push_str(m);
                    }
                }
                None => out.push(c),
            }
            prev_letter_vowel = if c.is_alphabetic() {
                Some("аеёиоуўэюяaeiou".contains(lower))
            } else {
                None
            };
        }
        out
    }
}

impl Builder {
    fn add_file(&mut self, f: &LangFile) -> Result<(), String> {
        if f.lang.is_empty() {
            return Err("`lang` must name at least one language".into());
        }
        if f.decimal_comma {
            self.decimal_comma.extend(f.lang.iter().cloned());
        }
        if f.head_first {
            self.head_first.extend(f.lang.iter().cloned());
        }
        if f.head_last {
            self.head_last.extend(f.lang.iter().cloned());
        }
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
        self.abbreviations.extend(lower(&f.abbreviations));
        self.articles.extend(lower(&f.articles));
        self.participle_endings.extend(lower(&f.participle_endings));
        if let Some(code) = &f.home {
            check_country(code)?;
            let code: &'static str = Box::leak(code.clone().into_boxed_str());
            for l in &f.lang {
                self.home.insert(l.clone(), code);
            }
        }
        for (k, v) in &f.unit_indicators {
            check_indicator(v)?;
            self.unit_indicators.insert(k.clone(), v.clone());
        }
        for (k, v) in &f.unit_indicators_strong {
            check_indicator(v)?;
            self.unit_indicators_strong.insert(k.clone(), v.clone());
        }
        let translit = (!f.transliteration.is_empty()).then_some(Translit {
            chars: &f.transliteration,
            initial: &f.transliteration_initial,
        });
        // endings after a hyphen, in both scripts ("100-ден", "100-den")
        let with_latin = |v: &[String]| {
            let mut out = lower(v);
            if let Some(t) = &translit {
                out.extend(v.iter().map(|s| t.apply(s).to_lowercase()));
            }
            out
        };
        self.number_suffixes.extend(with_latin(&f.number_suffixes));
        self.ordinal_suffixes
            .extend(with_latin(&f.ordinal_suffixes));
        self.counters.extend(with_latin(&f.counters));
        for (case, list) in &f.cases {
            let c = match case.as_str() {
                "from" => Case::From,
                "to" => Case::To,
                "of" => Case::Of,
                "at" => Case::At,
                other => return Err(format!("unknown case `{other}`")),
            };
            for e in list {
                self.case_endings.add(e.to_lowercase(), c, &f.lang);
                if let Some(t) = &translit {
                    self.case_endings.add(t.apply(e).to_lowercase(), c, &f.lang);
                }
            }
        }
        let suffixes = lower(&f.suffixes)
            .into_iter()
            .chain(
                translit
                    .iter()
                    .flat_map(|t| f.suffixes.iter().map(|s| t.apply(s).to_lowercase())),
            )
            .collect::<Vec<_>>();
        let langs = crate::matcher::lang_mask(&f.lang);
        if langs == 0 {
            return Err(format!("`lang` = {:?} names no known language", f.lang));
        }
        let mut about_endings: Vec<String> = Vec::new();
        let (endings_set, bare_set) = (
            self.matcher.suffix_set(&suffixes),
            self.matcher.suffix_set(&[]),
        );
        let mut add = |form: &str, tag: Tag| -> Result<(), String> {
            // the joints of a number in words are matched as written
            // (short words such as "да", "or" would take endings of others)
            let set = match tag {
                Tag::Point(_)
                | Tag::Join
                | Tag::RangeWord
                | Tag::RangeOpen
                | Tag::RangeClose
                | Tag::OrdinalWord
                | Tag::Denominator(_)
                | Tag::NotNumber => bare_set,
                _ => endings_set,
            };
            self.matcher.add(form, tag.clone(), set, langs)?;
            if let Some(t) = &translit {
                let latin = t.apply(form);
                if latin != form {
                    self.matcher.add(&latin, tag, set, langs)?;
                }
            }
            Ok(())
        };
        for e in &f.counters {
            add(e, Tag::Counter)?;
        }
        for (w, v) in &f.numerals {
            add(w, Tag::Numeral(*v))?;
        }
        // a numeral with an ordinal ending is an ordinal word ("екі" +
        // "нші" = "екінші", second), in a language that does not list its
        // ordinal words (Russian ones are no numeral plus "-й", "-го")
        let listed = f.number_words.contains_key("ordinal");
        for w in f.numerals.keys().filter(|w| !listed && !w.ends_with('*')) {
            for sfx in &f.ordinal_suffixes {
                add(&format!("{w}{sfx}"), Tag::OrdinalWord)?;
            }
        }
        for (w, v) in &f.multipliers {
            add(w, Tag::Multiplier(*v))?;
        }
        for (w, v) in &f.fractions {
            add(w, Tag::Fraction(*v))?;
        }
        for (w, v) in &f.times_words {
            add(w, Tag::TimesWord(*v))?;
        }
        for (w, v) in &f.scales {
            add(w, Tag::Scale(*v))?;
        }
        for (k, forms) in &f.number_words {
            let tag = match k.as_str() {
                "point" => Tag::Point(false),
                "not_numbers" => Tag::NotNumber,
                "spoken_point" => Tag::Point(true),
                "join" => Tag::Join,
                "alone" => Tag::Alone,
                "range" => Tag::RangeWord,
                "range_open" => Tag::RangeOpen,
                "range_close" => Tag::RangeClose,
                "ordinal" => Tag::OrdinalWord,
                other => return Err(format!("unknown number_words list `{other}`")),
            };
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (w, v) in &f.denominators {
            if v.is_nan() || *v <= 1.0 {
                return Err(format!("denominator `{w}` = {v} is not above 1"));
            }
            add(w, Tag::Denominator(*v))?;
        }
        for (unit, forms) in &f.units {
            for w in forms {
                add(w, Tag::Unit(unit.clone()))?;
            }
        }
        for (unit, forms) in &f.prefix_units {
            for w in forms {
                add(w, Tag::PrefixUnit(unit.clone()))?;
            }
        }
        for (unit, by_ind) in &f.nouns {
            for (ind, forms) in by_ind {
                if ind != ANY_NOUN && ind != BUILT_NOUN {
                    check_indicator(ind)?;
                }
                for w in forms {
                    add(w, Tag::Noun(unit.clone(), ind.clone()))?;
                }
            }
        }
        for (k, forms) in &f.ordinals {
            if k != "after_hyphen" {
                return Err(format!("unknown ordinals list `{k}`"));
            }
            self.ordinal_suffixes.extend(lower(forms));
        }
        for (k, forms) in &f.approx {
            if k == "about_endings" {
                about_endings.extend(forms.iter().map(|e| e.to_lowercase()));
                continue;
            }
            let tag = match k.as_str() {
                "about" => Tag::Approx(Approx::About, false),
                "over" => Tag::Approx(Approx::Over, false),
                "under" => Tag::Approx(Approx::Under, false),
                "about_after" => Tag::Approx(Approx::About, true),
                "over_after" => Tag::Approx(Approx::Over, true),
                "under_after" => Tag::Approx(Approx::Under, true),
                "upto_after" => Tag::Approx(Approx::UpTo, true),
                other => return Err(format!("unknown approx list `{other}`")),
            };
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (ind, forms) in &f.indicators {
            // `none`: phrases holding an indicator word that are no
            // indicator ("поставили задачу", set a task)
            let tag = if ind == "none" {
                Tag::NotCue
            } else {
                check_indicator(ind)?;
                Tag::Indicator(ind.clone())
            };
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (k, forms) in &f.measure {
            let tag = match k.as_str() {
                "up" => Tag::Up,
                "down" => Tag::Down,
                "share" => Tag::Share,
                "share_endings" => Tag::ShareEnding,
                "index" => Tag::Index,
                "by" => Tag::By,
                other => return Err(format!("unknown measure list `{other}`")),
            };
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (k, forms) in &f.kind {
            let tag = match k.as_str() {
                "target" => Tag::Target,
                "forecast" => Tag::Forecast,
                "none" => Tag::NotCue,
                "final" => Tag::FinalForecast,
                "past" => Tag::Past,
                "past_before" => Tag::PastBefore,
                other => return Err(format!("unknown kind list `{other}`")),
            };
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (code, forms) in &f.countries {
            check_country(code)?;
            for w in forms {
                add(w, Tag::Country(code.clone(), false))?;
            }
        }
        // a city or a person is named with a capital: "караганда" (Kyrgyz
        // "compared with") is not Karaganda
        for (code, forms) in f.places.iter().chain(&f.people) {
            check_country(code)?;
            for w in forms {
                add(&as_written(w), Tag::Country(code.clone(), false))?;
            }
        }
        // (the same names again, telling a city from a person for events)
        for (code, forms) in f.places.iter().chain(&f.venues) {
            check_country(code)?;
            for w in forms {
                add(&as_written(w), Tag::Place(code.clone()))?;
            }
        }
        for (code, forms) in &f.people {
            for w in forms {
                add(&as_written(w), Tag::Person(code.clone()))?;
            }
        }
        for (code, forms) in &f.adjectives {
            check_country(code)?;
            for w in forms {
                add(w, Tag::Country(code.clone(), true))?;
            }
        }
        // prepositions before a country's name, postpositions after it
        let sides = [
            (&f.prepositions, Tag::Prep as fn(Case) -> Tag),
            (&f.postpositions, Tag::Post),
        ];
        for (lists, role) in sides {
            for (k, forms) in lists {
                let tag = match k.as_str() {
                    "from" => role(Case::From),
                    "to" => role(Case::To),
                    "with" => role(Case::With),
                    other => return Err(format!("unknown preposition list `{other}`")),
                };
                for w in forms {
                    add(w, tag.clone())?;
                }
            }
        }
        for (k, forms) in &f.relations {
            let tag = match k.as_str() {
                "between" => Tag::Between,
                "anaphora" => Tag::Anaphora,
                "conjunctions" => Tag::Conj,
                "number_of" => Tag::NumberOf,
                "worth" => Tag::Worth,
                "within" => Tag::Within,
                "composition" => Tag::Composition,
                "not_counted" => Tag::NotCounted,
                "rate_words" => Tag::RateWord,
                "transit_before" => Tag::Transit(false),
                "transit_after" => Tag::Transit(true),
                "ranked_before" => Tag::Ranked(false),
                "ranked_after" => Tag::Ranked(true),
                "according_to" => Tag::According,
                "relative" => Tag::Relative,
                "national_total" => Tag::NationalTotal,
                "with_before" => Tag::With,
                "item_join" => Tag::ItemJoin,
                "respectively" => Tag::Respectively,
                "look_back" => Tag::LookBack,
                "for_comparison" => Tag::ForComparison,
                "frame_keep" => Tag::FrameKeep,
                "or" => Tag::Or,
                "inflow" => Tag::Inflow(false),
                "foreign" => Tag::Inflow(true),
                "buying" => Tag::Deal(Case::From),
                "selling" => Tag::Deal(Case::To),
                "aside" => Tag::Aside,
                "country_nouns" => Tag::CountryNoun,
                "region_nouns" => Tag::RegionNoun,
                "new_words" => Tag::NewWord,
                "build" => Tag::Build,
                "allocate" => Tag::Allocate,
                "state_titles" | "economy" => Tag::Title,
                "this_indicator" => Tag::ThisIndicator,
                "this_change" => Tag::ThisChange,
                "buyers" => Tag::Role(Case::To),
                "sellers" => Tag::Role(Case::From),
                "partners" => Tag::Role(Case::With),
                // a group of countries is a side that is no one country
                "country_groups" => Tag::Country(GROUP.to_string(), false),
                other => return Err(format!("unknown relations list `{other}`")),
            };
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (k, forms) in &f.time {
            let tag = match k.as_str() {
                "year" => Tag::Time(TimeCue::Year),
                "month" => Tag::Time(TimeCue::Month),
                "last_year" => Tag::Time(TimeCue::LastYear),
                "year_earlier" => Tag::Time(TimeCue::YearEarlier),
                "years_earlier" => Tag::Time(TimeCue::YearsEarlier),
                "last_year_named" => Tag::Time(TimeCue::LastYearNamed),
                "this_year" => Tag::Time(TimeCue::ThisYear),
                "next_year" => Tag::Time(TimeCue::NextYear),
                "last_month" => Tag::Time(TimeCue::LastMonth),
                "last_years" => Tag::Time(TimeCue::LastYears),
                "since_before" => Tag::Time(TimeCue::SinceBefore),
                "since_after" => Tag::Time(TimeCue::SinceAfter),
                "until_before" => Tag::Time(TimeCue::UntilBefore),
                "until_after" => Tag::Time(TimeCue::UntilAfter),
                "compare_before" => Tag::Time(TimeCue::CompareBefore),
                "compare_after" => Tag::Time(TimeCue::CompareAfter),
                "than" => Tag::Time(TimeCue::Than),
                "same_period" => Tag::Time(TimeCue::SamePeriod),
                "present" => Tag::Time(TimeCue::Present),
                "present_verbs" => Tag::Time(TimeCue::PresentVerb),
                "rate" => Tag::Time(TimeCue::Rate),
                "period_head" => Tag::Time(TimeCue::Head),
                "next_years" => Tag::Time(TimeCue::NextYears),
                "last_years_with" => Tag::Time(TimeCue::LastYearsWith),
                "this_period" => Tag::Time(TimeCue::ThisPeriod),
                "as_of" => Tag::Time(TimeCue::AsOf),
                "report_period" => Tag::Time(TimeCue::ReportPeriod),
                "year_start" => Tag::Time(TimeCue::YearStart),
                "year_end" => Tag::Time(TimeCue::YearEnd),
                "fiscal_end" => Tag::Time(TimeCue::FiscalEnd),
                "superlative" => Tag::Time(TimeCue::Superlative),
                other => return Err(format!("unknown time list `{other}`")),
            };
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (w, m) in &f.months {
            if !(1..=12).contains(m) {
                return Err(format!("month `{w}` = {m} is not 1..=12"));
            }
            add(w, Tag::MonthName(*m))?;
        }
        for (w, [a, b]) in &f.month_spans {
            if !(1..=12).contains(a) || !(*a..=12).contains(b) {
                return Err(format!(
                    "month span `{w}` = [{a}, {b}] is not within 1..=12"
                ));
            }
            add(w, Tag::MonthSpan(*a, *b))?;
        }
        for (k, forms) in &f.year_parts {
            let months = match k.as_str() {
                "quarter" => 3,
                "half" => 6,
                other => return Err(format!("unknown year_parts list `{other}`")),
            };
            for w in forms {
                add(w, Tag::YearPart(months))?;
            }
        }
        for (code, forms) in &f.products {
            let tag = Tag::Product(check_product(code)?);
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (k, forms) in &f.events {
            let tag = Tag::Event(check_key(k, EVENT_TYPES, "event type")?);
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (k, forms) in &f.offices {
            let tag = Tag::Office(check_key(k, OFFICES, "office")?);
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (k, forms) in &f.agreements {
            let tag = Tag::Signing(check_key(k, AGREEMENT_WORDS, "agreements list")?);
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (k, forms) in &f.projects {
            let tag = match k.as_str() {
                "project" => Tag::Project(None),
                _ => Tag::Project(Some(check_key(k, SECTORS, "project sector")?)),
            };
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (k, forms) in &f.sectors {
            let tag = Tag::Sector(check_key(k, SECTORS, "sector")?);
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (k, forms) in &f.project_status {
            let tag = Tag::Status(check_key(k, PROJECT_STATUS, "project status")?);
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for (k, forms) in &f.days {
            let key = match WEEKDAYS.iter().find(|d| **d == k.as_str()) {
                Some(d) => d.to_string(),
                None => check_key(k, DAYS, "days list")?,
            };
            let tag = Tag::Day(key);
            for w in forms {
                add(w, tag.clone())?;
            }
        }
        for e in &about_endings {
            let tag = Tag::Approx(Approx::About, true);
            self.matcher.add_ending(e, tag.clone(), langs)?;
            if let Some(t) = &translit {
                let latin = t.apply(e).to_lowercase();
                if latin != *e {
                    self.matcher.add_ending(&latin, tag, langs)?;
                }
            }
        }
        Ok(())
    }
}

fn check_indicator(ind: &str) -> Result<(), String> {
    if tandem_model::INDICATORS.contains(&ind) {
        Ok(())
    } else {
        Err(format!("unknown indicator `{ind}`"))
    }
}

/// The `[nouns.*]` class of counted things with no indicator of their own
/// (pieces, vehicles, people): the words around the figure decide ("1,9
/// mln dona … import qilgan", "2 паром сатып алады"), where a noun listed
/// under `other` (sites, kinds, meetings) makes its count `other`.
pub(crate) const ANY_NOUN: &str = "any";

/// The `[nouns.*]` class of plants and stations: counted in a clause that
/// speaks of building them (`[relations] build`: "сохтани 10 нерӯгоҳ",
/// "5 ГЭС курулат") they are projects, else `other` ("24 нерӯгоҳ фаъолият
/// мекунад").
pub(crate) const BUILT_NOUN: &str = "built";

/// The code of a country group ("Central Asia", "the EAEU", "abroad"): a
/// side of a figure that is no one country, reported as null.
pub(crate) const GROUP: &str = "";

/// A `[products]` key: a two-digit HS chapter (`"10"`), or `none` for
/// goods in general and words that are not goods (`Tag::Product(None)`).
fn check_product(code: &str) -> Result<Option<String>, String> {
    if code == "none" {
        Ok(None)
    } else if code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Some(code.to_string()))
    } else {
        Err(format!("`{code}` is not a two-digit HS chapter"))
    }
}

fn check_country(code: &str) -> Result<(), String> {
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(format!("`{code}` is not an ISO 3166-1 alpha-2 code"))
    }
}

/// Approximation of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Approx {
    /// около, шамамен, about.
    About,
    /// более, асты, over.
    Over,
    /// менее, кем, less than.
    Under,
    /// до, дейін: "up to", stays exact.
    UpTo,
}

/// Time cue words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeCue {
    /// год, жыл, yil.
    Year,
    /// месяц, ай, oy.
    Month,
    /// в прошлом году.
    LastYear,
    /// годом ранее, a year earlier: the year before the period of the
    /// clause it compares with.
    YearEarlier,
    /// в этом году.
    ThisYear,
    /// за последние (N лет).
    LastYears,
    /// с (2019 года).
    SinceBefore,
    /// (2019 жылдан) бастап.
    SinceAfter,
    /// к / до (2030 году).
    UntilBefore,
    /// (2030 жылға) дейін.
    UntilAfter,
    /// по сравнению с (2023 годом): the base follows.
    CompareBefore,
    /// (2021 жылмен) салыстырғанда: the base precedes.
    CompareAfter,
    /// сегодня, қазір.
    Present,
    /// A present-tense verb of a standing state ("превышает", "асады",
    /// "exceeds"): a population or area stated so has no period.
    PresentVerb,
    /// в день, кунига.
    Rate,
    /// за, по итогам, қорытындысы.
    Head,
    /// в следующие (N лет), дар (N соли) оянда: the N years after the
    /// current one.
    NextYears,
    /// дар (N соли) охир, сўнгги (N йилда): the last N years counted with
    /// the year of reference.
    LastYearsWith,
    /// в этот период, дар ин давра: the period the report has already set.
    ThisPeriod,
    /// по состоянию на (1 сентября), (1 сентябрь) ҳолатига: a date a
    /// report sums up to.
    AsOf,
    /// за отчетный период, дар давраи ҳисоботӣ: the period the document
    /// reports on (its first statistics), whatever was named since.
    ReportPeriod,
    /// с начала года, жыл башынан бери: from January of the current year on.
    YearStart,
    /// к концу года, by year-end, йил охиригача: by the end of the current
    /// year (a deadline, `..YYYY`).
    YearEnd,
    /// (fiscal 1985/86) ended (March), (nine months) ending (June): the
    /// month a fiscal year or a span of months ends with.
    FiscalEnd,
    /// ең, самый, highest: "the highest in the last 10 years" measures a
    /// record against those years, it is not the figure's period.
    Superlative,
    /// за аналогичный период, (ўтган йилнинг) шу даврида, in the same
    /// period: with "last year", the months the report covers, a year
    /// earlier.
    SamePeriod,
    /// чем, than: after a change ("на 9,1% меньше, чем", "9.1% less
    /// than"), the amount and period after it are the base of comparison.
    Than,
    /// в следующем году, келесі жылы, next year: the year after the
    /// current one.
    NextYear,
    /// в прошлом месяце, ўтган ойда, last month: the month before the
    /// document's date.
    LastMonth,
    /// (пятью годами) ранее, (five years) earlier: after a number and a
    /// year word, N years before the period of the clause it compares
    /// with.
    YearsEarlier,
    /// прошлом (2024 году), өткөн (2024-жылы): "last" right before a year
    /// says that year is the one gone by; an undated document was written
    /// the year after.
    LastYearNamed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_files_load() {
        if let Err(e) = lexicon() {
            panic!("{e}");
        }
    }

    #[test]
    fn load_errors_name_the_file() {
        let bad = build(&[(
            "xx.toml",
            "lang = [\"kk\"]\n[indicators]\n\"trade.nothing\" = [\"a\"]\n",
        )]);
        assert!(bad.unwrap_err().contains("xx.toml"));
        let typo = build(&[("yy.toml", "lang = [\"ru\"]\nnumerls = {}\n")]);
        assert!(typo.unwrap_err().contains("yy.toml"));
        let lang = build(&[("zz.toml", "lang = [\"xx\"]\n")]);
        assert!(lang.unwrap_err().contains("no known language"));
        for code in ["1", "100", "1a", "x1", "NONE"] {
            let src = format!("lang = [\"ru\"]\n[products]\n\"{code}\" = [\"пшениц*\"]\n");
            let err = build(&[("pp.toml", &src)]).unwrap_err();
            assert!(
                err.contains("pp.toml") && err.contains("HS chapter"),
                "{err}"
            );
        }
    }

    #[test]
    fn products_are_tagged_with_their_chapter() {
        let src =
            "lang = [\"ru\"]\n[products]\n\"10\" = [\"пшениц*\"]\nnone = [\"ценн* бумаг*\"]\n";
        let lex = build(&[("pp.toml", src)]).unwrap();
        let toks = crate::tokens::Tokens::new("пшеницы ценных бумаг");
        let ms = lex.matcher.scan(&toks);
        let tags = |i: usize| -> Vec<Tag> {
            ms.at(i)
                .iter()
                .map(|m| lex.matcher.tag(m).clone())
                .collect()
        };
        assert_eq!(tags(0), vec![Tag::Product(Some("10".into()))]);
        assert_eq!(tags(2), vec![Tag::Product(None)]);
        assert!(ms.kinds_at(0) & crate::matcher::kind::PRODUCT != 0);
    }

    #[test]
    fn uzbek_cyrillic_is_transliterated_to_latin() {
        let chars: BTreeMap<String, String> = [
            ("ў", "o'"),
            ("з", "z"),
            ("б", "b"),
            ("е", "e"),
            ("к", "k"),
            ("и", "i"),
            ("с", "s"),
            ("т", "t"),
            ("о", "o"),
            ("н", "n"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let initial: BTreeMap<String, String> =
            [("е".to_string(), "ye".to_string())].into_iter().collect();
        let t = Translit {
            chars: &chars,
            initial: &initial,
        };
        assert_eq!(t.apply("Ўзбекистон"), "O'zbekiston");
        assert_eq!(t.apply("ет"), "yet");
    }
}
