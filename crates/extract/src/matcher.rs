//! Matching lexicon words and phrases against tokens.
//!
//! A lexicon entry is a sequence of pattern tokens; each is matched exactly,
//! as a prefix (`доллар*`), or as the word plus one of its file's endings.
//! All entries are indexed by their first token, so one pass over the
//! tokens finds every match.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

/// A small multiply-rotate hasher (FxHash) for the short words of the
/// lexicon's sets and maps, looked up per token, where SipHash dominated
/// the profile.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // (eight bytes at a time, the last chunk padded with zeros; built
        // byte by byte rather than copied into a buffer, which called
        // `memcpy` for every word hashed)
        let chunks = bytes.chunks_exact(8);
        let rest = chunks.remainder();
        for chunk in chunks {
            let word = u64::from_le_bytes([
                chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
            ]);
            self.write_u64(word);
        }
        if !rest.is_empty() {
            let word = rest.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
            self.write_u64(word);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A hash set with [`FxHasher`].
pub(crate) type FxSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

use crate::lexicon::{Approx, Case, TimeCue};
use crate::tokens::{Kind, Tokens};
use crate::trie::KeyTrie;
use kind::Kinds;

/// What a matched word or phrase means.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tag {
    /// A unit after a number (`USD`, `percent`, `tonne`…).
    Unit(String),
    /// A currency symbol that may stand before the number (`$`).
    PrefixUnit(String),
    /// A counted noun: unit (`count`, `person`) and indicator.
    Noun(String, String),
    /// Numeral word with its value.
    Numeral(f64),
    /// Multiplier word (жүз = 100).
    Multiplier(f64),
    /// Fraction word (жарым = 0.5).
    Fraction(f64),
    /// A word that is a number of times on its own ("вдвое" = 2,
    /// "twofold"): a ratio figure by itself.
    TimesWord(f64),
    /// Scale word (млн = 1e6).
    Scale(f64),
    /// Decimal point word between the whole and the fraction ("бүтін");
    /// `true` for a spoken one that joins after hundreds or thousands
    /// ("үш те бес" = 3,5 but "алты жүз да қырық төрт" = 644).
    Point(bool),
    /// A word that reads as a numeral with an ending but is another word
    /// (Kazakh "онда", there, is no "он" + "да"): no numeral there.
    NotNumber,
    /// A word joining the parts of one number after hundreds or thousands
    /// ("two hundred and fifty").
    Join,
    /// A hundred or thousand word that stands without "one" ("жүз он").
    Alone,
    /// A word between the two ends of a range ("10 немесе 15").
    RangeWord,
    /// The word before the lower end of a range that a [`Tag::RangeClose`]
    /// completes ("between", "от").
    RangeOpen,
    /// The word between the ends of a range opened by a [`Tag::RangeOpen`]
    /// ("and", "до").
    RangeClose,
    /// An ordinal numeral ("екінші", second; "девятое", ninth): a number in
    /// words right before it is part of the ordinal ("он екінші отырысы",
    /// the twelfth session), no figure.
    OrdinalWord,
    /// Denominator of a decimal in words ("оннан" = tenths).
    Denominator(f64),
    /// Approximation cue; `true` when it follows the figure.
    Approx(Approx, bool),
    /// Indicator word.
    Indicator(String),
    /// Growth word.
    Up,
    /// Decline word.
    Down,
    /// Share word.
    Share,
    /// A possessive ending glued to a percentage ("70%-ы" = 70 % of it).
    ShareEnding,
    /// Index word: a percentage of a base level ("темп роста 112%").
    Index,
    /// Target cue.
    Target,
    /// Forecast cue.
    Forecast,
    /// A phrase holding a target or forecast word that is no cue ("ба ин
    /// мақсад", for this purpose; "жоспардан асып", exceeding the plan).
    NotCue,
    /// A verb that, closing a sentence, makes its figures forecasts
    /// ("... ба истифода супорида мешавад.").
    FinalForecast,
    /// A finite past-tense verb ("расид", "шудааст"): it closes the clause
    /// of the figures before it as reported facts.
    Past,
    /// A finite past-tense verb of a language that puts the verb before its
    /// object ("reached", "достиг"), or a participle of a present state
    /// before the noun it describes ("яшаётган", living): the figures after
    /// it in its clause are reported facts.
    PastBefore,
    /// Country name (`false`) or adjective (`true`).
    Country(String, bool),
    /// Preposition giving a country's role.
    Prep(Case),
    /// Postposition giving the role of the country before it ("Қытай
    /// бағытында", towards China).
    Post(Case),
    /// A word naming the role of the country it stands next to in a trade
    /// ("покупателем стал Казахстан": the buyer, where goods go, `To`; "the
    /// main supplier was China": where they come from, `From`).
    Role(Case),
    /// A word pointing back at the last figure ("этот показатель", "this
    /// figure"): the sentence it opens is of the indicator before it.
    ThisIndicator,
    /// A bare "this" opening a sentence that compares ("Это на 12% больше …").
    ThisChange,
    /// "between", "mutual".
    Between,
    /// "of which".
    Anaphora,
    /// "and".
    Conj,
    /// "number of".
    NumberOf,
    /// "worth", "на общую сумму".
    Worth,
    /// "within (the frame of)", "доирасида", "в рамках": a figure before it
    /// describes the frame, a plan after it speaks of what is done within.
    Within,
    /// "in the structure of", "таркибида": the amounts of the sentence are
    /// parts of the indicator named right before it.
    Composition,
    /// A word that turns a numeral into an adjective ("уч томонлама").
    NotCounted,
    /// A transit cue: the country next to it is crossed, not a side
    /// (`true`: the cue follows the name, "Қазақстан арқылы"; `false`: it
    /// precedes it, "через территорию Казахстана").
    Transit(bool),
    /// A ranking cue: the countries next to it are what a side is ranked
    /// against, no side of a figure (`true`: the cue follows the names,
    /// "Хитой ҳамда Россиядан кейин"; `false`: it precedes them, "после
    /// Китая и России").
    Ranked(bool),
    /// "According to" ("по данным", "тибқи маълумоти", "маълумотларига
    /// кўра"): a source named next to it speaks.
    According,
    /// A relative word opening a clause about what stands before it
    /// ("которые", "which"): a forecast in that clause is its own.
    Relative,
    /// A country's total with the whole world ("внешнеторговый оборот
    /// страны", "total foreign trade"): no partner.
    NationalTotal,
    /// "с", "with" before a country: the country is a partner.
    With,
    /// "For comparison", opening a sentence: the periods it names are
    /// its own figures', not the report's.
    ForComparison,
    /// A word joining a list item's country to its amount, the verb left
    /// out ("China accounted for 21.7%, Russia for 15.9%", "China at 21.7%").
    ItemJoin,
    /// "Respectively": the amounts of the sentence go one by one with its
    /// countries, in order.
    Respectively,
    /// A word of a past state looked back on ("составлял", "жеткен еді"):
    /// its sentence's period is an aside, not the report's.
    LookBack,
    /// Time cue.
    Time(TimeCue),
    /// Month name.
    MonthName(u32),
    /// A span of months ("первый квартал" = 1..3).
    MonthSpan(u32, u32),
    /// A word for a part of the year of this many months ("квартал" = 3,
    /// "полугодие" = 6): with an ordinal in figures beside it ("I квартал",
    /// "1-чорак") it names that part (lexicon `[year_parts]`).
    YearPart(u32),
    /// An exchange-rate word ("курс"): the number next to it is a quote.
    RateWord,
    /// Uzbek counter "та".
    Counter,
    /// "на", "by" right before an amount after a growth or decline word:
    /// the amount is the change ("увеличился на 420 млн").
    By,
    /// "или", "or": an amount and a percentage joined by it are twins
    /// ("на 420,7 млн или 54,8%").
    Or,
    /// "attract" (`false`), "foreign" (`true`): investment coming into the
    /// country named, from investors not named (with "foreign", any
    /// investors: never the report's partner).
    Inflow(bool),
    /// "buy" (`Case::From`) or "sell" (`Case::To`): goods bought from or
    /// sold to a country the sentence names are imported or exported.
    Deal(Case),
    /// A word opening an aside between commas ("involving", "включая"):
    /// the indicator words inside it do not name a figure after it.
    Aside,
    /// A word that keeps the report frame ("в то же время", "at the same
    /// time"): the sentence fills in the frame, it does not open a new one.
    FrameKeep,
    /// "country", "davlat": counted ("to 7 countries"), the other side is
    /// many countries, no one of them.
    CountryNoun,
    /// "new" ("47 ta yangi korxona", "новых предприятий"): what is
    /// counted was made over a span of time.
    NewWord,
    /// A word for a region of a country ("облыс", "вилоят", "область"):
    /// named alone, the region the document is about, in its country.
    RegionNoun,
    /// A word of building ("сохтмони", "курулат", "is built"): a plant
    /// counted in its clause is a project, an amount there worth something
    /// is a project's value.
    Build,
    /// A verb of allocating money ("равона гардид", "бөлүнөт"): an amount
    /// of money allocated, with no other word to name it, is invested.
    Allocate,
    /// A word of a state's official title ("Республику", "Respublikasi",
    /// "Ҷумҳурии", "Republic of"): part of the country's name, so a
    /// preposition before the title, or an ending on a title after the
    /// name, gives the country's role.
    Title,
    /// A goods word: its two-digit HS chapter ("10" for "пшеница"), or
    /// `None` for goods in general ("товары") and words that are not goods
    /// ("кредит", "ценные бумаги").
    Product(Option<String>),
    /// An event word with its type (`[events]`: "государственный визит",
    /// `state_visit`).
    Event(String),
    /// An office of a person (`[offices]`: "Президент", `president`).
    Office(String),
    /// An agreement word (`[agreements]`: `documents` signed, `signing`).
    Signing(String),
    /// A day named relative to the document's date (`[days]`).
    Day(String),
    /// A city or region (`[places]`) of the country with this code.
    Place(String),
    /// A head of state (`[people]`) of the country with this code.
    Person(String),
    /// A project word (`[projects]`) with the sector it implies, if any.
    Project(Option<String>),
    /// A sector word (`[sectors]`).
    Sector(String),
    /// A project status word (`[project_status]`).
    Status(String),
}

/// One bit per kind of [`Tag`] (and one per time cue): the tags of a token
/// OR-ed together answer "is there a match of this kind here" at once.
pub(crate) mod kind {
    use crate::lexicon::TimeCue;

    /// A set of kind bits (128 of them: room for new tags).
    pub type Kinds = u128;

    /// Any [`Tag::Unit`].
    pub const UNIT: Kinds = 1 << 0;
    /// Any [`Tag::PrefixUnit`].
    pub const PREFIX_UNIT: Kinds = 1 << 1;
    /// Any [`Tag::Noun`].
    pub const NOUN: Kinds = 1 << 2;
    /// Any [`Tag::Numeral`].
    pub const NUMERAL: Kinds = 1 << 3;
    /// Any [`Tag::Multiplier`].
    pub const MULTIPLIER: Kinds = 1 << 4;
    /// Any [`Tag::Fraction`].
    pub const FRACTION: Kinds = 1 << 5;
    /// Any [`Tag::Scale`].
    pub const SCALE: Kinds = 1 << 6;
    /// Any [`Tag::Approx`].
    pub const APPROX: Kinds = 1 << 7;
    /// Any [`Tag::Indicator`].
    pub const INDICATOR: Kinds = 1 << 8;
    /// Any [`Tag::Up`].
    pub const UP: Kinds = 1 << 9;
    /// Any [`Tag::Down`].
    pub const DOWN: Kinds = 1 << 10;
    /// Any [`Tag::Share`].
    pub const SHARE: Kinds = 1 << 11;
    /// Any [`Tag::ShareEnding`].
    pub const SHARE_ENDING: Kinds = 1 << 12;
    /// Any [`Tag::Index`].
    pub const INDEX: Kinds = 1 << 13;
    /// Any [`Tag::Target`].
    pub const TARGET: Kinds = 1 << 14;
    /// Any [`Tag::Forecast`].
    pub const FORECAST: Kinds = 1 << 15;
    /// Any [`Tag::Country`].
    pub const COUNTRY: Kinds = 1 << 16;
    /// Any [`Tag::Prep`].
    pub const PREP: Kinds = 1 << 17;
    /// Any [`Tag::Between`].
    pub const BETWEEN: Kinds = 1 << 18;
    /// Any [`Tag::Anaphora`].
    pub const ANAPHORA: Kinds = 1 << 19;
    /// Any [`Tag::Conj`].
    pub const CONJ: Kinds = 1 << 20;
    /// Any [`Tag::NumberOf`].
    pub const NUMBER_OF: Kinds = 1 << 21;
    /// Any [`Tag::Worth`].
    pub const WORTH: Kinds = 1 << 22;
    /// Any [`Tag::NotCounted`].
    pub const NOT_COUNTED: Kinds = 1 << 23;
    /// Any [`Tag::Transit`].
    pub const TRANSIT: Kinds = 1 << 24;
    /// Any [`Tag::NationalTotal`].
    pub const NATIONAL_TOTAL: Kinds = 1 << 25;
    /// Any [`Tag::With`].
    pub const WITH: Kinds = 1 << 26;
    /// Any [`Tag::ItemJoin`].
    pub const ITEM_JOIN: Kinds = 1 << 103;
    /// Any [`Tag::ForComparison`].
    pub const FOR_COMPARISON: Kinds = 1 << 104;
    /// Any [`Tag::Respectively`].
    pub const RESPECTIVELY: Kinds = 1 << 106;
    /// Any [`Tag::LookBack`].
    pub const LOOK_BACK: Kinds = 1 << 107;
    /// Any [`Tag::Ranked`].
    pub const RANKED: Kinds = 1 << 108;
    /// Any [`Tag::According`].
    pub const ACCORDING: Kinds = 1 << 109;
    /// Any [`Tag::TimesWord`].
    pub const TIMES_WORD: Kinds = 1 << 110;
    /// Any [`Tag::Relative`].
    pub const RELATIVE: Kinds = 1 << 111;
    /// Any [`Tag::MonthName`].
    pub const MONTH_NAME: Kinds = 1 << 27;
    /// Any [`Tag::MonthSpan`] or [`Tag::YearPart`].
    pub const MONTH_SPAN: Kinds = 1 << 28;
    /// Any [`Tag::RateWord`].
    pub const RATE_WORD: Kinds = 1 << 29;
    /// Any [`Tag::Counter`].
    pub const COUNTER: Kinds = 1 << 30;
    /// Any [`Tag::Product`].
    pub const PRODUCT: Kinds = 1 << 31;
    /// Any [`Tag::FrameKeep`].
    pub const FRAME_KEEP: Kinds = 1 << 53;
    /// Any [`Tag::By`].
    pub const BY: Kinds = 1 << 54;
    /// Any [`Tag::Or`].
    pub const OR: Kinds = 1 << 55;
    /// Any [`Tag::Inflow`].
    pub const INFLOW: Kinds = 1 << 56;
    /// Any [`Tag::Aside`].
    pub const ASIDE: Kinds = 1 << 84;
    /// Any [`Tag::CountryNoun`].
    pub const COUNTRY_NOUN: Kinds = 1 << 63;
    /// Any [`Tag::NotCue`].
    pub const NOT_CUE: Kinds = 1 << 57;
    /// Any [`Tag::FinalForecast`].
    pub const FINAL_FORECAST: Kinds = 1 << 58;
    /// Any [`Tag::Past`].
    pub const PAST: Kinds = 1 << 80;
    /// Any [`Tag::PastBefore`].
    pub const PAST_BEFORE: Kinds = 1 << 81;
    /// Any [`Tag::Deal`].
    pub const DEAL: Kinds = 1 << 68;
    /// Any [`Tag::NotNumber`].
    pub const NOT_NUMBER: Kinds = 1 << 69;
    /// Any [`Tag::Post`].
    pub const POST: Kinds = 1 << 70;
    /// Any [`Tag::Role`].
    pub const ROLE: Kinds = 1 << 71;
    /// Any [`Tag::ThisIndicator`].
    pub const THIS_INDICATOR: Kinds = 1 << 72;
    /// Any [`Tag::ThisChange`].
    pub const THIS_CHANGE: Kinds = 1 << 74;
    /// Any [`Tag::Within`].
    pub const WITHIN: Kinds = 1 << 88;
    /// Any [`Tag::Composition`].
    pub const COMPOSITION: Kinds = 1 << 89;
    /// Any [`Tag::Build`].
    pub const BUILD: Kinds = 1 << 92;
    /// Any [`Tag::Allocate`].
    pub const ALLOCATE: Kinds = 1 << 93;
    /// Any [`Tag::Title`].
    pub const TITLE: Kinds = 1 << 61;
    /// Any [`Tag::Event`].
    pub const EVENT: Kinds = 1 << 94;
    /// Any [`Tag::Office`].
    pub const OFFICE: Kinds = 1 << 95;
    /// Any [`Tag::Signing`].
    pub const SIGNING: Kinds = 1 << 96;
    /// Any [`Tag::Day`].
    pub const DAY: Kinds = 1 << 97;
    /// Any [`Tag::Place`].
    pub const PLACE: Kinds = 1 << 98;
    /// Any [`Tag::Person`].
    pub const PERSON: Kinds = 1 << 99;
    /// Any [`Tag::Project`].
    pub const PROJECT: Kinds = 1 << 100;
    /// Any [`Tag::Sector`].
    pub const SECTOR: Kinds = 1 << 101;
    /// Any [`Tag::Status`].
    pub const STATUS: Kinds = 1 << 102;

    /// Any [`Tag::Point`].
    pub const POINT: Kinds = 1 << 48;
    /// Any [`Tag::Join`].
    pub const JOIN: Kinds = 1 << 49;
    /// Any [`Tag::Alone`].
    pub const ALONE: Kinds = 1 << 50;
    /// Any [`Tag::RangeWord`].
    pub const RANGE_WORD: Kinds = 1 << 51;
    /// Any [`Tag::RangeOpen`].
    pub const RANGE_OPEN: Kinds = 1 << 112;
    /// Any [`Tag::RangeClose`].
    pub const RANGE_CLOSE: Kinds = 1 << 113;
    /// Any [`Tag::OrdinalWord`].
    pub const ORDINAL_WORD: Kinds = 1 << 114;
    /// Any [`Tag::RegionNoun`].
    pub const REGION_NOUN: Kinds = 1 << 115;
    /// Any [`Tag::NewWord`].
    pub const NEW_WORD: Kinds = 1 << 116;
    /// Any [`Tag::Denominator`].
    pub const DENOMINATOR: Kinds = 1 << 52;

    /// [`Tag::Time`] with cue `c`: bits 32..=47, then 59 (the
    /// cues of N years, "next year", "last month" and a last year named) and 60 (the cues that read a date or the
    /// report's period); [`crate::periods`] tells those apart by tag;
    /// the report's period, the year's start, a fiscal end and a
    /// superlative have bits 64..=67 of their own, the same period bit 62,
    /// "than" 73 and the year's end 105.
    pub const fn time(c: TimeCue) -> Kinds {
        match c {
            TimeCue::NextYears
            | TimeCue::LastYearsWith
            | TimeCue::NextYear
            | TimeCue::LastMonth
            | TimeCue::YearsEarlier
            | TimeCue::LastYearNamed => 1 << 59,
            TimeCue::ThisPeriod | TimeCue::AsOf => 1 << 60,
            TimeCue::ReportPeriod => 1 << 64,
            TimeCue::YearStart => 1 << 65,
            TimeCue::FiscalEnd => 1 << 66,
            TimeCue::Superlative => 1 << 67,
            TimeCue::SamePeriod => 1 << 62,
            TimeCue::Than => 1 << 73,
            TimeCue::YearEnd => 1 << 105,
            _ => 1 << (32 + c as u32),
        }
    }

    /// Whether cue `c` shares its bit with another cue.
    pub const fn time_shared(c: TimeCue) -> bool {
        matches!(
            c,
            TimeCue::NextYears
                | TimeCue::LastYearsWith
                | TimeCue::NextYear
                | TimeCue::LastMonth
                | TimeCue::YearsEarlier
                | TimeCue::LastYearNamed
                | TimeCue::ThisPeriod
                | TimeCue::AsOf
        )
    }

    /// [`Tag::Time`] with any cue.
    pub const TIME: Kinds = (((1 << 16) - 1) << 32)
        | (1 << 59)
        | (1 << 60)
        | (1 << 62)
        | (0b1111 << 64)
        | (1 << 73)
        | (1 << 105);
}

impl Tag {
    /// The [`kind`] bit of this tag.
    pub fn bit(&self) -> Kinds {
        match self {
            Tag::Unit(_) => kind::UNIT,
            Tag::PrefixUnit(_) => kind::PREFIX_UNIT,
            Tag::Noun(..) => kind::NOUN,
            Tag::Numeral(_) => kind::NUMERAL,
            Tag::Multiplier(_) => kind::MULTIPLIER,
            Tag::Fraction(_) => kind::FRACTION,
            Tag::TimesWord(_) => kind::TIMES_WORD,
            Tag::Scale(_) => kind::SCALE,
            Tag::Point(_) => kind::POINT,
            Tag::NotNumber => kind::NOT_NUMBER,
            Tag::Join => kind::JOIN,
            Tag::Alone => kind::ALONE,
            Tag::RangeWord => kind::RANGE_WORD,
            Tag::RangeOpen => kind::RANGE_OPEN,
            Tag::RangeClose => kind::RANGE_CLOSE,
            Tag::OrdinalWord => kind::ORDINAL_WORD,
            Tag::Denominator(_) => kind::DENOMINATOR,
            Tag::Approx(..) => kind::APPROX,
            Tag::Indicator(_) => kind::INDICATOR,
            Tag::Up => kind::UP,
            Tag::Down => kind::DOWN,
            Tag::Share => kind::SHARE,
            Tag::ShareEnding => kind::SHARE_ENDING,
            Tag::Index => kind::INDEX,
            Tag::Target => kind::TARGET,
            Tag::Forecast => kind::FORECAST,
            Tag::NotCue => kind::NOT_CUE,
            Tag::FinalForecast => kind::FINAL_FORECAST,
            Tag::Past => kind::PAST,
            Tag::PastBefore => kind::PAST_BEFORE,
            Tag::Country(..) => kind::COUNTRY,
            Tag::Prep(_) => kind::PREP,
            Tag::Post(_) => kind::POST,
            Tag::Role(_) => kind::ROLE,
            Tag::ThisIndicator => kind::THIS_INDICATOR,
            Tag::ThisChange => kind::THIS_CHANGE,
            Tag::Between => kind::BETWEEN,
            Tag::Anaphora => kind::ANAPHORA,
            Tag::Conj => kind::CONJ,
            Tag::NumberOf => kind::NUMBER_OF,
            Tag::Worth => kind::WORTH,
            Tag::Within => kind::WITHIN,
            Tag::Composition => kind::COMPOSITION,
            Tag::NotCounted => kind::NOT_COUNTED,
            Tag::Transit(_) => kind::TRANSIT,
            Tag::Ranked(_) => kind::RANKED,
            Tag::According => kind::ACCORDING,
            Tag::Relative => kind::RELATIVE,
            Tag::NationalTotal => kind::NATIONAL_TOTAL,
            Tag::With => kind::WITH,
            Tag::ItemJoin => kind::ITEM_JOIN,
            Tag::Respectively => kind::RESPECTIVELY,
            Tag::LookBack => kind::LOOK_BACK,
            Tag::ForComparison => kind::FOR_COMPARISON,
            Tag::MonthName(_) => kind::MONTH_NAME,
            Tag::MonthSpan(..) | Tag::YearPart(_) => kind::MONTH_SPAN,
            Tag::RateWord => kind::RATE_WORD,
            Tag::Counter => kind::COUNTER,
            Tag::FrameKeep => kind::FRAME_KEEP,
            Tag::By => kind::BY,
            Tag::Or => kind::OR,
            Tag::Inflow(_) => kind::INFLOW,
            Tag::Deal(_) => kind::DEAL,
            Tag::Aside => kind::ASIDE,
            Tag::CountryNoun => kind::COUNTRY_NOUN,
            Tag::RegionNoun => kind::REGION_NOUN,
            Tag::NewWord => kind::NEW_WORD,
            Tag::Build => kind::BUILD,
            Tag::Allocate => kind::ALLOCATE,
            Tag::Title => kind::TITLE,
            Tag::Event(_) => kind::EVENT,
            Tag::Office(_) => kind::OFFICE,
            Tag::Signing(_) => kind::SIGNING,
            Tag::Day(_) => kind::DAY,
            Tag::Place(_) => kind::PLACE,
            Tag::Person(_) => kind::PERSON,
            Tag::Project(_) => kind::PROJECT,
            Tag::Sector(_) => kind::SECTOR,
            Tag::Status(_) => kind::STATUS,
            Tag::Product(_) => kind::PRODUCT,
            Tag::Time(c) => kind::time(*c),
        }
    }
}

/// The endings of one lexicon file, with the byte lengths they come in
/// (most words end in no ending of theirs: a length says so without hashing).
#[derive(Debug, PartialEq)]
struct SuffixSet {
    words: FxSet<String>,
    /// Bit `n`: some ending is `n` bytes long (bit 63: 63 or more).
    lens: u64,
}

impl SuffixSet {
    fn new(suffixes: &[String]) -> SuffixSet {
        SuffixSet {
            words: suffixes.iter().cloned().collect(),
            lens: suffixes.iter().fold(0, |m, s| m | SuffixSet::len_bit(s)),
        }
    }

    fn len_bit(s: &str) -> u64 {
        1 << s.len().min(63)
    }

    fn contains(&self, s: &str) -> bool {
        self.lens & SuffixSet::len_bit(s) != 0 && self.words.contains(s)
    }
}

#[derive(Debug)]
struct PatTok {
    text: String,
    kind: Kind,
    prefix: bool,
    case_sensitive: bool,
    /// Written with `=`: matched as written, with no ending.
    exact: bool,
    optional: bool,
}

#[derive(Debug)]
struct Pattern {
    toks: Vec<PatTok>,
    /// Byte length of the lower-cased first token.
    stem_len: usize,
    /// The first token is matched on the normalised form and is its own
    /// lower case (its index key): a word the index finds for it starts with it.
    plain_first: bool,
    suffix_set: usize,
    tag: Tag,
    /// The [`kind`] bit of `tag`.
    bit: Kinds,
    langs: u8,
}

/// Letters at least in the first word of another language's entry for
/// [`Matcher::fits_lang`] to read it.
const FOREIGN_STEM: usize = 4;

/// Language codes in the order of their bits in a language mask.
pub(crate) const LANG_BITS: [&str; 7] = ["kk", "uz-Cyrl", "uz-Latn", "ky", "tg", "ru", "en"];

/// The mask of language codes (`*` = every language; unknown codes: none).
pub(crate) fn lang_mask(codes: &[String]) -> u8 {
    codes.iter().fold(0u8, |m, c| {
        if c == "*" {
            u8::MAX
        } else {
            m | LANG_BITS.iter().position(|l| l == c).map_or(0, |i| 1 << i)
        }
    })
}

/// A match of a lexicon entry: tokens `start..end` of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    pat: u32,
}

/// Every lexicon entry, indexed by first token.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    patterns: Vec<Pattern>,
    /// Entries by their lower-cased first token.
    first: KeyTrie,
    suffix_sets: Vec<SuffixSet>,
    /// Suffix lists seen by [`Matcher::suffix_set`], and the index of each one's set.
    suffix_lists: Vec<Vec<String>>,
    /// See `suffix_lists`.
    suffix_of_list: Vec<usize>,
    /// Endings glued to a number word or a unit ([`Matcher::add_ending`]),
    /// as entries outside the index.
    endings: Vec<u32>,
    /// The same endings by their first character, each list in the order of
    /// `endings` (what follows a stem is compared with those that can start
    /// it, not with all of them).
    endings_by_first: FxMap<char, Vec<u32>>,
    /// A number of its own, given by each [`Matcher::finish`], that keys
    /// [`FIRST_CACHE`] (0 before the first).
    id: u64,
}

/// Entries whose first token matches a token text (see
/// [`Matcher::first_candidates`]), for the last matcher used on this thread.
#[derive(Default)]
struct FirstCache {
    /// The [`Matcher::id`] the answers are for (0: none yet).
    owner: u64,
    /// Token text (its bytes) → `ids[a..b]`.
    words: FxMap<Box<[u8]>, (u32, u32)>,
    /// Entry ids, grouped by word.
    ids: Vec<u32>,
}

/// Distinct token texts [`FIRST_CACHE`] keeps before it starts over (a few
/// megabytes per thread at most, whatever the length of a run).
const FIRST_CACHE_WORDS: usize = 1 << 15;

thread_local! {
    /// See [`FirstCache`].
    static FIRST_CACHE: RefCell<FirstCache> = RefCell::default();
}

/// Kinds of entries an ending of [`Matcher::add_ending`] may be glued to.
const ENDING_HOSTS: Kinds =
    kind::NUMERAL | kind::MULTIPLIER | kind::FRACTION | kind::SCALE | kind::UNIT;

/// All matches in a text, grouped by start token.
#[derive(Debug, Default)]
pub(crate) struct Matches {
    all: Vec<Match>,
    /// `index[i]..index[i+1]` are the matches starting at token `i`.
    index: Vec<u32>,
    /// The [`kind`] bits of the matches starting at each token, OR-ed.
    kinds: Vec<Kinds>,
    /// The last answer of [`Matches::kinds_in`], `(a, b, bits)`: a sentence's
    /// bits are asked for again and again by the readings of its figures.
    last_range: Cell<(usize, usize, Kinds)>,
}

impl Matcher {
    /// Adds an entry (see `common.toml` for the syntax), whose words take
    /// the endings of [`Matcher::suffix_set`] `suffix_set` (found once per
    /// lexicon file rather than once per entry).
    pub fn add(
        &mut self,
        form: &str,
        tag: Tag,
        suffix_set: usize,
        langs: u8,
    ) -> Result<(), String> {
        let mut toks = Vec::new();
        for word in form.split_whitespace() {
            // "=May": matched only as written (the month, not the verb "may")
            let (word, exact) = match word.strip_prefix('=') {
                Some(w) if !w.is_empty() => (w, true),
                _ => (word, false),
            };
            let (word, star) = match word.strip_suffix('*') {
                Some(w) if !w.is_empty() => (w, true),
                _ => (word, false),
            };
            let t = Tokens::new(word);
            let n = t.len();
            for i in 0..n {
                let raw = t.text(i);
                let upper = exact
                    || (raw.chars().count() >= 2
                        && raw.chars().all(|c| c.is_uppercase())
                        && t.kind(i) == Kind::Word);
                toks.push(PatTok {
                    text: if upper {
                        raw.to_string()
                    } else {
                        t.norm(i).to_string()
                    },
                    kind: t.kind(i),
                    prefix: star && i + 1 == n,
                    case_sensitive: upper,
                    exact,
                    optional: false,
                });
            }
        }
        if toks.is_empty() {
            return Err(format!("empty entry for {tag:?}"));
        }
        let n = toks.len();
        if n >= 2 && toks[n - 1].kind == Kind::Punct && toks[n - 1].text == "." {
            let before = &toks[n - 2];
            if before.kind == Kind::Word && before.text.chars().count() >= 3 {
                toks[n - 1].optional = true;
            }
        }
        let key = toks[0].text.to_lowercase();
        let id = self.patterns.len() as u32;
        self.patterns.push(Pattern {
            plain_first: !toks[0].case_sensitive && toks[0].text == key,
            toks,
            stem_len: key.len(),
            suffix_set,
            bit: tag.bit(),
            tag,
            langs,
        });
        self.first.insert(&key, id);
        Ok(())
    }

    /// The index of the set of `suffixes` (every entry of a file comes with
    /// the same list: found by the list).
    pub fn suffix_set(&mut self, suffixes: &[String]) -> usize {
        if let Some(i) = self.suffix_lists.iter().position(|l| l == suffixes) {
            return self.suffix_of_list[i];
        }
        let set = SuffixSet::new(suffixes);
        let i = match self.suffix_sets.iter().position(|s| *s == set) {
            Some(i) => i,
            None => {
                self.suffix_sets.push(set);
                self.suffix_sets.len() - 1
            }
        };
        self.suffix_lists.push(suffixes.to_vec());
        self.suffix_of_list.push(i);
        i
    }

    /// Adds an ending that gives `tag` to a number word or a unit it is
    /// glued to, after the entry's own stem ("жүздей", "метрдейі": about).
    /// The ending is matched as the start of what follows the stem, in the
    /// languages of both.
    pub fn add_ending(&mut self, ending: &str, tag: Tag, langs: u8) -> Result<(), String> {
        if ending.is_empty() || ending.chars().any(|c| !c.is_alphabetic()) {
            return Err(format!(
                "ending `{ending}` for {tag:?} is not a word ending"
            ));
        }
        let suffix_set = self.suffix_set(&[]);
        let id = self.patterns.len() as u32;
        let text = ending.to_lowercase();
        if let Some(first) = text.chars().next() {
            self.endings_by_first.entry(first).or_default().push(id);
        }
        self.endings.push(id);
        self.patterns.push(Pattern {
            toks: vec![PatTok {
                text,
                kind: Kind::Word,
                prefix: false,
                case_sensitive: false,
                exact: false,
                optional: false,
            }],
            stem_len: 0,
            plain_first: false,
            suffix_set,
            bit: tag.bit(),
            tag,
            langs,
        });
        Ok(())
    }

    /// The first ending of [`Matcher::add_ending`] glued to the last word
    /// of match `m` (an entry of [`ENDING_HOSTS`]), as a match of its own.
    fn glued_ending(&self, toks: &Tokens, m: &Match) -> Option<Match> {
        let p = &self.patterns[m.pat as usize];
        let pt = p.toks.last()?;
        let last = m.end - 1;
        if p.bit & ENDING_HOSTS == 0 || pt.kind != Kind::Word || toks.kind(last) != Kind::Word {
            return None;
        }
        let rest = toks.norm(last).strip_prefix(pt.text.as_str())?;
        let starting = self.endings_by_first.get(&rest.chars().next()?)?;
        starting.iter().find_map(|&e| {
            let ep = &self.patterns[e as usize];
            (ep.langs & p.langs != 0 && rest.starts_with(ep.toks[0].text.as_str())).then_some(
                Match {
                    start: m.start,
                    end: m.end,
                    pat: e,
                },
            )
        })
    }

    /// An ending of [`Matcher::add_ending`] that is the whole word `i`,
    /// glued by a hyphen to digits or a sign ("530-дай", "5%-тей"), as a
    /// match of its own.
    fn hyphen_ending(&self, toks: &Tokens, i: usize) -> Option<Match> {
        let glued = i >= 2
            && toks.kind(i) == Kind::Word
            && toks.is_punct(i - 1, "-")
            && toks.adjacent(i - 1, i)
            && toks.adjacent(i - 2, i - 1)
            && matches!(toks.kind(i - 2), Kind::Num | Kind::Punct);
        if !glued {
            return None;
        }
        let word = toks.norm(i);
        self.endings
            .iter()
            .find(|&&e| self.patterns[e as usize].toks[0].text == word)
            .map(|&e| Match {
                start: i,
                end: i + 1,
                pat: e,
            })
    }

    /// Finishes the index after the last [`Matcher::add`].
    pub fn finish(&mut self) {
        self.first.finish();
        static FINISHED: AtomicU64 = AtomicU64::new(1);
        self.id = FINISHED.fetch_add(1, Ordering::Relaxed);
    }

    fn tok_matches(&self, pt: &PatTok, set: usize, toks: &Tokens, i: usize) -> bool {
        let t = &toks.toks[i];
        if t.kind != pt.kind {
            return false;
        }
        let s = if pt.case_sensitive {
            toks.text(i)
        } else {
            toks.norm(i)
        };
        if pt.prefix {
            return s.starts_with(pt.text.as_str());
        }
        if s == pt.text {
            return true;
        }
        // an abbreviation in capitals written with a title-case digraph
        // ("АҚШ" in Latin letters is "AQSH" or "AQSh")
        if pt.case_sensitive && !pt.prefix && digraph_caps(s, &pt.text) {
            return true;
        }
        !pt.exact
            && s.len() > pt.text.len()
            && s.starts_with(pt.text.as_str())
            && self.suffix_sets[set].contains(&toks.norm(i)[pt.text.len()..])
    }

    /// Whether the first token of pattern `p`, found in the index for token
    /// `i`, matches it ([`Matcher::tok_matches`], knowing for a plain first
    /// token that the word starts with it).
    fn first_matches(&self, p: &Pattern, toks: &Tokens, i: usize) -> bool {
        let pt = &p.toks[0];
        if !p.plain_first {
            return self.tok_matches(pt, p.suffix_set, toks, i);
        }
        let w = toks.norm(i);
        toks.kind(i) == pt.kind
            && (pt.prefix
                || w.len() == pt.text.len()
                || self.suffix_sets[p.suffix_set].contains(&w[pt.text.len()..]))
    }

    /// Tries the tokens after the first of pattern `p` (whose first token
    /// matched token `i`); returns the end token on success.
    fn try_rest(&self, p: &Pattern, toks: &Tokens, i: usize) -> Option<usize> {
        let mut j = i + 1;
        for pt in &p.toks[1..] {
            // one optional space between pattern tokens
            if j < toks.len() && toks.kind(j) == Kind::Space {
                j += 1;
            }
            if j < toks.len()
                && may_match(pt, toks, j)
                && self.tok_matches(pt, p.suffix_set, toks, j)
            {
                j += 1;
            } else if pt.optional {
                // an optional final dot: end before the skipped space
                return Some(if toks.kind(j - 1) == Kind::Space {
                    j - 1
                } else {
                    j
                });
            } else {
                return None;
            }
        }
        Some(j)
    }

    /// The entries whose first token matches token `i`, a word or a
    /// punctuation mark ([`Matcher::first_matches`]), in index order, as a
    /// range of `cache.ids`. What matches depends on the token's text alone
    /// (its kind and normal form follow from it), so the answer for each
    /// text is kept in [`FIRST_CACHE`]: words and marks recur within and
    /// across documents, and a hit costs one hash look-up instead of a walk
    /// of the index and a test per candidate.
    fn first_candidates(&self, cache: &mut FirstCache, toks: &Tokens, i: usize) -> Range<usize> {
        let text = toks.text_bytes(i);
        if let Some(&(a, b)) = cache.words.get(text) {
            return a as usize..b as usize;
        }
        if cache.words.len() >= FIRST_CACHE_WORDS {
            cache.words.clear();
            cache.ids.clear();
        }
        let a = cache.ids.len();
        self.first_uncached(toks, i, &mut cache.ids);
        let b = cache.ids.len();
        cache.words.insert(text.into(), (a as u32, b as u32));
        a..b
    }

    /// [`Matcher::first_candidates`] found in the index.
    fn first_uncached(&self, toks: &Tokens, i: usize, out: &mut Vec<u32>) {
        let from = out.len();
        self.first.prefixes_of(toks.norm(i), out);
        let mut kept = from;
        for k in from..out.len() {
            if self.first_matches(&self.patterns[out[k] as usize], toks, i) {
                out[kept] = out[k];
                kept += 1;
            }
        }
        out.truncate(kept);
    }

    /// Finds every match in `toks`.
    pub fn scan(&self, toks: &Tokens) -> Matches {
        FIRST_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.owner != self.id {
                cache.words.clear();
                cache.ids.clear();
                cache.owner = self.id;
            }
            self.scan_with(&mut cache, toks)
        })
    }

    /// [`Matcher::scan`] with this thread's [`FIRST_CACHE`].
    fn scan_with(&self, cache: &mut FirstCache, toks: &Tokens) -> Matches {
        let mut all = Vec::with_capacity(toks.len() / 2);
        let mut index = Vec::with_capacity(toks.len() + 1);
        // (filled token by token: no zeroing of a vector as long as the text)
        let mut kinds = Vec::with_capacity(toks.len());
        for i in 0..toks.len() {
            index.push(all.len() as u32);
            let kind = toks.kind(i);
            kinds.push(if kind == Kind::Word || kind == Kind::Punct {
                self.scan_token(cache, toks, i, &mut all)
            } else {
                0
            });
        }
        index.push(all.len() as u32);
        Matches {
            all,
            index,
            kinds,
            last_range: Cell::default(),
        }
    }

    /// Adds the matches starting at token `i` (a word or a punctuation
    /// mark) to `all`, and returns their [`kind`] bits, OR-ed (kept in a
    /// local while the token is read, stored once).
    fn scan_token(
        &self,
        cache: &mut FirstCache,
        toks: &Tokens,
        i: usize,
        all: &mut Vec<Match>,
    ) -> Kinds {
        let from = all.len();
        let mut bits: Kinds = 0;
        let r = self.first_candidates(cache, toks, i);
        for &c in &cache.ids[r] {
            let p = &self.patterns[c as usize];
            let end = if p.toks.len() == 1 {
                Some(i + 1)
            } else {
                self.try_rest(p, toks, i)
            };
            if let Some(end) = end {
                bits |= p.bit;
                all.push(Match {
                    start: i,
                    end,
                    pat: c,
                });
            }
        }
        // a word listed as no number is no numeral with an ending
        if bits & kind::NOT_NUMBER != 0 {
            let here = all.split_off(from);
            all.extend(
                here.into_iter()
                    .filter(|m| self.patterns[m.pat as usize].bit != kind::NUMERAL),
            );
            bits = all[from..]
                .iter()
                .fold(0, |acc, m| acc | self.patterns[m.pat as usize].bit);
        }
        // an ending glued to a number word or unit ("жүздей"), or after
        // a hyphen to digits ("530-дай"): once a token
        if !self.endings.is_empty() {
            let glued = if bits & ENDING_HOSTS != 0 {
                (from..all.len()).find_map(|k| self.glued_ending(toks, &all[k]))
            } else {
                self.hyphen_ending(toks, i)
            };
            if let Some(g) = glued {
                bits |= self.patterns[g.pat as usize].bit;
                all.push(g);
            }
        }
        bits
    }

    /// Byte length of the first pattern token of a match (the stem of a
    /// prefix entry), to find the ending of the matched word.
    pub fn stem_len(&self, m: &Match) -> usize {
        self.patterns[m.pat as usize].stem_len
    }

    /// Whether a match may be read in a sentence of language `lang`: an
    /// entry of that language, or one of another language whose first word
    /// is long enough not to be the start of a common word there too (Tajik
    /// "бор", cargo, starts Uzbek "борилган"; Kazakh "ұн", flour, is Uzbek
    /// "uni", it).
    pub fn fits_lang(&self, m: &Match, lang: &str) -> bool {
        let p = &self.patterns[m.pat as usize];
        self.in_lang(m, lang)
            || p.toks.len() > 1
            || p.toks
                .first()
                .is_some_and(|t| t.text.chars().count() >= FOREIGN_STEM)
    }

    /// Whether the entry of a match belongs to language `lang` (any
    /// language when `lang` is not one of [`LANG_BITS`]).
    pub fn in_lang(&self, m: &Match, lang: &str) -> bool {
        match LANG_BITS.iter().position(|l| *l == lang) {
            Some(i) => self.patterns[m.pat as usize].langs & (1 << i) != 0,
            None => true,
        }
    }

    /// Whether the last word of a match carries one of its file's endings
    /// ("сексеннен" for "сексен"; not a prefix entry's rest).
    pub fn inflected(&self, m: &Match, toks: &Tokens) -> bool {
        let p = &self.patterns[m.pat as usize];
        p.toks.last().is_some_and(|pt| {
            !pt.prefix && pt.kind == Kind::Word && toks.norm(m.end - 1).len() > pt.text.len()
        })
    }

    /// The tag of a match.
    pub fn tag(&self, m: &Match) -> &Tag {
        &self.patterns[m.pat as usize].tag
    }

    /// The [`kind`] bit of a match's tag ([`Tag::bit`], kept with its entry).
    #[inline]
    pub fn bit(&self, m: &Match) -> Kinds {
        self.patterns[m.pat as usize].bit
    }
}

impl Matches {
    /// Matches starting at token `i`.
    pub fn at(&self, i: usize) -> &[Match] {
        match (self.index.get(i), self.index.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.all[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The [`kind`] bits of the matches starting at token `i` (0 past the end).
    #[inline]
    pub fn kinds_at(&self, i: usize) -> Kinds {
        self.kinds.get(i).copied().unwrap_or(0)
    }

    /// The [`kind`] bits of the matches starting in tokens `a..b`, OR-ed
    /// (0 past the end).
    pub fn kinds_in(&self, a: usize, b: usize) -> Kinds {
        let (last_a, last_b, last) = self.last_range.get();
        if (last_a, last_b) == (a, b) {
            return last;
        }
        let bits = self
            .kinds
            .get(a..b.min(self.kinds.len()))
            .map_or(0, |ks| ks.iter().fold(0, |acc, k| acc | k));
        self.last_range.set((a, b, bits));
        bits
    }
}

/// A quick test before [`Matcher::tok_matches`] of a phrase's later
/// token: token `i` is of the pattern token's kind and, when that is
/// matched on the normal form, starts with its first byte (every way
/// `tok_matches` accepts such a token starts so). Most tails of the
/// phrases tried at a word fail here, without comparing strings.
fn may_match(pt: &PatTok, toks: &Tokens, i: usize) -> bool {
    toks.kind(i) == pt.kind
        && (pt.case_sensitive
            || pt
                .text
                .as_bytes()
                .first()
                .is_none_or(|b| toks.norm(i).as_bytes().first() == Some(b)))
}

/// Whether `word` is the capitals `caps` written with a title-case digraph
/// ("AQSh" for "AQSH"): it starts with two capitals and only its case differs.
fn digraph_caps(word: &str, caps: &str) -> bool {
    let mut cs = word.chars();
    let two_caps =
        cs.next().is_some_and(char::is_uppercase) && cs.next().is_some_and(char::is_uppercase);
    two_caps && word.len() == caps.len() && word.to_uppercase() == caps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(entries: &[(&str, Tag)], suffixes: &[&str]) -> Matcher {
        let suffixes: Vec<String> = suffixes.iter().map(|s| s.to_string()).collect();
        let mut m = Matcher::default();
        for (e, t) in entries {
            let set = m.suffix_set(&suffixes);
            m.add(e, t.clone(), set, u8::MAX).unwrap();
        }
        m.finish();
        m
    }

    #[test]
    fn prefix_suffix_and_phrases() {
        let m = matcher(
            &[
                ("доллар*", Tag::Unit("USD".into())),
                ("АҚШ долл.", Tag::Unit("USD".into())),
                ("жеті", Tag::Numeral(7.0)),
                ("АҚШ", Tag::Country("US".into(), false)),
            ],
            &["ге", "ден"],
        );
        let t = Tokens::new("жетіге долларға АҚШ долл. жетіп ақш");
        let ms = m.scan(&t);
        let tags: Vec<_> = (0..t.len())
            .flat_map(|i| {
                ms.at(i)
                    .iter()
                    .map(|x| (x.start, x.end, m.tag(x).clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(tags.contains(&(0, 1, Tag::Numeral(7.0))));
        assert!(tags.contains(&(2, 3, Tag::Unit("USD".into()))));
        assert!(tags.contains(&(4, 8, Tag::Unit("USD".into()))));
        assert!(tags.contains(&(4, 5, Tag::Country("US".into(), false))));
        // "жетіп" is not "жеті" + a known ending; lower-case "ақш" is not the acronym
        assert!(!tags.iter().any(|(s, _, _)| *s == 9 || *s == 11));
    }
}
