//! Turns a parsed query into a tantivy query: every word is analysed by
//! each language group's analyser and looked up in that group's fields;
//! runs of words that name a concept are expanded to the concept's terms
//! in every language (unless the search is exact); stop words outside
//! phrases are dropped.

use std::collections::{BTreeSet, HashSet};

use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::analyzer::Analyzer;
use crate::concepts::{Concept, Concepts};
use crate::error::SearchError;
use crate::lang::LangGroup;
use crate::lexicon::Lexicon;
use crate::query::{Clause, Item, ParsedQuery};

/// Weight of a match in a title relative to one in the body.
const TITLE_BOOST: f32 = 1.5;
/// Weight of a match through concept expansion relative to the words typed.
const EXPANSION_BOOST: f32 = 0.5;
/// Share of the score of the other expanded terms a document also matches.
const EXPANSION_TIE: f32 = 0.5;

/// The body and title field of each language group, in [`LangGroup::ALL`] order.
#[derive(Clone, Debug)]
pub struct LangFields {
    /// Body fields.
    pub body: Vec<Field>,
    /// Title fields.
    pub title: Vec<Field>,
}

/// A planned query with what its hits' snippets should highlight.
pub struct Plan {
    /// The text part of the query (filters are added by the caller).
    pub query: Box<dyn Query>,
    /// Index terms to highlight, per language group index.
    pub highlight: Vec<HashSet<String>>,
    /// Identifiers of the concepts the query was expanded with.
    pub concepts: Vec<String>,
}

/// What a span of the query searches for after concept detection.
enum Unit {
    Word(String),
    Phrase(Vec<String>),
    Concept(&'static Concept, Vec<String>),
}

struct Planner<'a> {
    fields: &'a LangFields,
    langs: &'a [LangGroup],
    analyzers: Vec<Analyzer>,
    lexicon: &'static Lexicon,
    highlight: Vec<HashSet<String>>,
}

impl Planner<'_> {
    fn terms_of(&self, lang: LangGroup, words: &[String]) -> Vec<String> {
        let analyzer = &self.analyzers[lang.index()];
        words.iter().filter_map(|w| analyzer.term(w)).collect()
    }

    /// A query for `terms` (a phrase when there are several) in `lang`'s fields.
    fn in_fields(&mut self, lang: LangGroup, terms: &[String], out: &mut Vec<Box<dyn Query>>) {
        if terms.is_empty() {
            return;
        }
        let idx = lang.index();
        self.highlight[idx].extend(terms.iter().cloned());
        for (field, boost) in [
            (self.fields.body[idx], 1.0),
            (self.fields.title[idx], TITLE_BOOST),
        ] {
            let q: Box<dyn Query> = if terms.len() == 1 {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &terms[0]),
                    IndexRecordOption::WithFreqs,
                ))
            } else {
                Box::new(PhraseQuery::new(
                    terms
                        .iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                ))
            };
            out.push(if boost == 1.0 {
                q
            } else {
                Box::new(BoostQuery::new(q, boost))
            });
        }
    }

    /// `words` (one word or a phrase) in every active language.
    fn words_query(&mut self, words: &[String], out: &mut Vec<Box<dyn Query>>) {
        let mut seen = BTreeSet::new();
        for &lang in self.langs {
            let terms = self.terms_of(lang, words);
            if seen.insert((lang, terms.clone())) {
                self.in_fields(lang, &terms, out);
            }
        }
    }

    fn concept_query(&mut self, concept: &Concept, original: &[String]) -> Box<dyn Query> {
        let mut alternatives = Vec::new();
        self.words_query(original, &mut alternatives);
        let mut expanded = Vec::new();
        for term in &concept.terms {
            if self.langs.contains(&term.lang) {
                self.in_fields(term.lang, &term.own, &mut expanded);
            }
            if self.langs.contains(&LangGroup::Und) {
                self.in_fields(LangGroup::Und, &term.und, &mut expanded);
            }
        }
        if !expanded.is_empty() {
            // a document is scored by the best term it shares with the
            // concept, not by how many synonyms it happens to use
            let best = DisjunctionMaxQuery::with_tie_breaker(expanded, EXPANSION_TIE);
            alternatives.push(Box::new(BoostQuery::new(Box::new(best), EXPANSION_BOOST)));
        }
        should(alternatives)
    }

    fn unit_query(&mut self, unit: &Unit) -> Box<dyn Query> {
        let mut out = Vec::new();
        match unit {
            Unit::Word(w) => self.words_query(std::slice::from_ref(w), &mut out),
            Unit::Phrase(ws) => self.words_query(ws, &mut out),
            Unit::Concept(concept, original) => return self.concept_query(concept, original),
        }
        should(out)
    }

    /// The concept a run of words names, trying every language's terms.
    fn concept_of(
        &self,
        concepts: &'static Concepts,
        words: &[String],
    ) -> Option<&'static Concept> {
        LangGroup::ALL.iter().find_map(|&lang| {
            let terms = self.terms_of(lang, words);
            if terms.len() != words.len() {
                return None;
            }
            concepts.lookup(lang, &terms).into_iter().next()
        })
    }

    fn is_stopword(&self, word: &str) -> bool {
        self.lexicon.is_stopword_anywhere(&word.to_lowercase())
    }
}

fn should(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match queries.len() {
        0 => Box::new(EmptyQuery),
        1 => queries.remove(0),
        _ => Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        )),
    }
}

/// Splits the plain single-word groups of a query into units, expanding
/// the longest runs of words that name a concept.
fn run_units(
    planner: &Planner<'_>,
    concepts: Option<&'static Concepts>,
    run: &[String],
    units: &mut Vec<Unit>,
) {
    let mut i = 0;
    while i < run.len() {
        let mut matched = None;
        if let Some(concepts) = concepts {
            let longest = concepts.max_words().min(run.len() - i);
            for len in (1..=longest).rev() {
                if let Some(c) = planner.concept_of(concepts, &run[i..i + len]) {
                    matched = Some((c, len));
                    break;
                }
            }
        }
        match matched {
            Some((c, len)) => {
                units.push(Unit::Concept(c, run[i..i + len].to_vec()));
                i += len;
            }
            None => {
                if !planner.is_stopword(&run[i]) {
                    units.push(Unit::Word(run[i].clone()));
                }
                i += 1;
            }
        }
    }
}

/// Plans `parsed` over the fields of `langs`; `expand` turns concept
/// expansion on.
pub fn plan(
    parsed: &ParsedQuery,
    fields: &LangFields,
    langs: &[LangGroup],
    expand: bool,
) -> Result<Plan, SearchError> {
    let lexicon = Lexicon::get()?;
    let concepts = if expand { Some(Concepts::get()?) } else { None };
    let mut planner = Planner {
        fields,
        langs,
        analyzers: LangGroup::ALL
            .iter()
            .map(|&l| Analyzer::new(l))
            .collect::<Result<_, _>>()?,
        lexicon,
        highlight: vec![HashSet::new(); LangGroup::ALL.len()],
    };
    let mut must: Vec<Box<dyn Query>> = Vec::new();
    let mut must_not: Vec<Box<dyn Query>> = Vec::new();
    let mut used_concepts = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut groups = parsed.groups.iter().peekable();
    while let Some(group) = groups.next() {
        if let [Clause {
            item: Item::Word(w),
            negated: false,
        }] = group.as_slice()
        {
            run.push(w.clone());
            let run_continues = groups.peek().is_some_and(|g| {
                matches!(
                    g.as_slice(),
                    [Clause {
                        item: Item::Word(_),
                        negated: false
                    }]
                )
            });
            if run_continues {
                continue;
            }
            let mut units = Vec::new();
            run_units(&planner, concepts, &run, &mut units);
            run.clear();
            for unit in &units {
                if let Unit::Concept(c, _) = unit {
                    used_concepts.push(c.id.clone());
                }
                must.push(planner.unit_query(unit));
            }
            continue;
        }
        let mut alternatives = Vec::new();
        let negated = group.iter().any(|c| c.negated);
        for clause in group {
            let words = match &clause.item {
                Item::Word(w) => vec![w.clone()],
                Item::Phrase(ws) => ws.clone(),
            };
            let concept = concepts.and_then(|c| planner.concept_of(c, &words));
            let unit = match (concept, &clause.item) {
                (Some(c), _) => {
                    used_concepts.push(c.id.clone());
                    Unit::Concept(c, words)
                }
                (None, Item::Word(w)) if planner.is_stopword(w) && !negated && group.len() == 1 => {
                    continue
                }
                (None, Item::Word(w)) => Unit::Word(w.clone()),
                (None, Item::Phrase(ws)) => Unit::Phrase(ws.clone()),
            };
            if negated {
                let saved = planner.highlight.clone();
                must_not.push(planner.unit_query(&unit));
                planner.highlight = saved;
            } else {
                alternatives.push(planner.unit_query(&unit));
            }
        }
        if !alternatives.is_empty() {
            must.push(should(alternatives));
        }
    }
    if must.is_empty() {
        return Err(SearchError::BadQuery(
            "the query has only stop words (like `и`, `және`, `the`): add a word that names what you look for"
                .into(),
        ));
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        must.into_iter().map(|q| (Occur::Must, q)).collect();
    clauses.extend(must_not.into_iter().map(|q| (Occur::MustNot, q)));
    used_concepts.dedup();
    Ok(Plan {
        query: Box::new(BooleanQuery::new(clauses)),
        highlight: planner.highlight,
        concepts: used_concepts,
    })
}
