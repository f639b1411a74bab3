//! The concept lexicon (`data/concepts.toml`): each concept lists its terms
//! in Kazakh, Uzbek, Kyrgyz, Tajik, Russian and English. A query that
//! names any term of a concept is expanded to all of them, so
//! `товарооборот` also finds `тауар айналымы`, `savdo aylanmasi`,
//! `соода жүгүртүү`, `гардиши мол` and `trade turnover`.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::analyzer::Analyzer;
use crate::error::SearchError;
use crate::lang::LangGroup;

const FILE: &str = "data/concepts.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptsFile {
    concept: Vec<ConceptEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptEntry {
    id: String,
    #[serde(default)]
    kk: Vec<String>,
    #[serde(default)]
    uz: Vec<String>,
    #[serde(default)]
    ky: Vec<String>,
    #[serde(default)]
    tg: Vec<String>,
    #[serde(default)]
    ru: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
}

/// One term of a concept, analysed for the fields it is searched in.
#[derive(Clone, Debug)]
pub struct ConceptTerm {
    /// The language the term is written in.
    pub lang: LangGroup,
    /// The term as written in the lexicon.
    pub text: String,
    /// Its index terms under its own language's analyser.
    pub own: Vec<String>,
    /// Its index terms under the undetermined-language analyser.
    pub und: Vec<String>,
}

/// A concept and its terms in every language.
#[derive(Clone, Debug)]
pub struct Concept {
    /// Identifier (`trade.turnover`, `central_asia`, ...).
    pub id: String,
    /// The terms, deduplicated by their analysed form.
    pub terms: Vec<ConceptTerm>,
}

/// The parsed concept lexicon with a lookup from analysed terms to concepts.
#[derive(Debug)]
pub struct Concepts {
    concepts: Vec<Concept>,
    by_terms: HashMap<(LangGroup, Vec<String>), Vec<usize>>,
    max_words: usize,
}

impl Concepts {
    fn load() -> Result<Concepts, SearchError> {
        let file: ConceptsFile =
            toml::from_str(include_str!("../data/concepts.toml")).map_err(|e| {
                SearchError::Data {
                    file: FILE,
                    message: e.to_string(),
                }
            })?;
        let und = Analyzer::new(LangGroup::Und)?;
        let analyzers = LangGroup::ALL
            .iter()
            .map(|&l| Analyzer::new(l))
            .collect::<Result<Vec<_>, _>>()?;
        let mut concepts = Vec::new();
        let mut by_terms: HashMap<(LangGroup, Vec<String>), Vec<usize>> = HashMap::new();
        let mut max_words = 1;
        for entry in file.concept {
            let idx = concepts.len();
            let mut terms: Vec<ConceptTerm> = Vec::new();
            let groups = [
                (LangGroup::Kk, &entry.kk),
                (LangGroup::Uz, &entry.uz),
                (LangGroup::Ky, &entry.ky),
                (LangGroup::Tg, &entry.tg),
                (LangGroup::Ru, &entry.ru),
                (LangGroup::En, &entry.en),
            ];
            for (lang, texts) in groups {
                for text in texts {
                    let own = analyzers[lang.index()].terms(text);
                    if own.is_empty() {
                        return Err(SearchError::Data {
                            file: FILE,
                            message: format!("term `{text}` of `{}` has no words", entry.id),
                        });
                    }
                    max_words = max_words.max(own.len());
                    let ids = by_terms.entry((lang, own.clone())).or_default();
                    if !ids.contains(&idx) {
                        ids.push(idx);
                    }
                    if terms.iter().any(|t| t.lang == lang && t.own == own) {
                        continue;
                    }
                    terms.push(ConceptTerm {
                        lang,
                        text: text.clone(),
                        own,
                        und: und.terms(text),
                    });
                }
            }
            concepts.push(Concept {
                id: entry.id,
                terms,
            });
        }
        Ok(Concepts {
            concepts,
            by_terms,
            max_words,
        })
    }

    /// The process-wide concept lexicon, parsed on first use.
    pub fn get() -> Result<&'static Concepts, SearchError> {
        static CONCEPTS: OnceLock<Result<Concepts, String>> = OnceLock::new();
        match CONCEPTS.get_or_init(|| Concepts::load().map_err(|e| e.to_string())) {
            Ok(c) => Ok(c),
            Err(message) => Err(SearchError::Data {
                file: FILE,
                message: message.clone(),
            }),
        }
    }

    /// Every concept.
    pub fn all(&self) -> &[Concept] {
        &self.concepts
    }

    /// The concept with identifier `id`.
    pub fn by_id(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }

    /// The concepts one of whose `lang` terms analyses to exactly `terms`.
    pub fn lookup(&self, lang: LangGroup, terms: &[String]) -> Vec<&Concept> {
        self.by_terms
            .get(&(lang, terms.to_vec()))
            .map(|ids| ids.iter().map(|&i| &self.concepts[i]).collect())
            .unwrap_or_default()
    }

    /// The most words any term has.
    pub fn max_words(&self) -> usize {
        self.max_words
    }
}
