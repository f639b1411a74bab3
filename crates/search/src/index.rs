//! The on-disk index: schema, opening (tokenizers registered every time),
//! bulk adding with one writer at a time, where it stands in the store
//! ([`IndexPosition`], kept in each commit), and searching with filters.

use std::collections::HashMap;
use std::ops::Bound;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::error::LockError;
use tantivy::merge_policy::LogMergePolicy;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::Value;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED,
    STRING,
};
use tantivy::{
    DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term,
    TERMINATED,
};

use crate::analyzer::Analyzer;
use crate::dates::{parse_filter_date, parse_partial_date};
use crate::error::SearchError;
use crate::lang::LangGroup;
use crate::plan::{plan, LangFields};
use crate::query::parse;
use crate::snippet::make_snippet;
use crate::tokenizer::{register, tokenizer_name};

/// Memory the single index writer may use, shared by its threads.
const WRITER_MEMORY: usize = 150_000_000;
/// Segments with more documents than this are not merged further. A merge
/// reads (maps) every segment it merges, so without a bound the last merges
/// of a long ingest touch the whole index at once (417 MB peak resident at
/// 200,000 documents against 272 MB with the bound); search latency on the
/// 100,000-document index is the same either way (11 segments).
const MAX_DOCS_BEFORE_MERGE: usize = 10_000;
/// How long taking the writer waits while another writer (another Tandem
/// process on the same index directory) holds it.
const WRITER_WAIT: Duration = Duration::from_secs(10);
/// Largest page of hits one request may ask for.
pub const MAX_LIMIT: usize = 1000;
/// Deepest offset one request may ask for.
pub const MAX_OFFSET: usize = 100_000;

/// A document handed to the index.
#[derive(Clone, Copy, Debug)]
pub struct IndexDoc<'a> {
    /// Content hash (the store's document id); adding the same id again replaces it.
    pub id: &'a str,
    /// File stem or JSONL id.
    pub name: &'a str,
    /// Title, empty if none.
    pub title: &'a str,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// Language code (`kk`, `uz-Cyrl`, `uz-Latn`, `ky`, `tg`, `ru`, `en`, `und`).
    pub lang: &'a str,
    /// Full text.
    pub text: &'a str,
}

/// Where an index stands in the store it was built from, recorded with
/// each commit (tantivy's commit payload, so it changes with the documents
/// atomically): the store, and the last insertion number (`documents.seq`)
/// up to which the index holds the store's documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexPosition {
    /// The store the index was built from (its file, or its URL without
    /// password).
    pub store: String,
    /// The store's documents up to this `documents.seq` are indexed.
    pub seq: i64,
}

/// A search request. Documents without a date are left out when `from`
/// or `to` is given.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// The query (words, "phrases", -exclusions, OR).
    pub query: String,
    /// Only documents in these languages (`kk`, `uz`, `uz-Latn`, ...); empty = all.
    pub langs: Vec<String>,
    /// Only documents dated on or after this (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Only documents dated on or before this.
    pub to: Option<String>,
    /// Hits per page (1..=1000).
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Turn off concept expansion.
    pub exact: bool,
}

impl Default for SearchRequest {
    fn default() -> SearchRequest {
        SearchRequest {
            query: String::new(),
            langs: Vec::new(),
            from: None,
            to: None,
            limit: 10,
            offset: 0,
            exact: false,
        }
    }
}

impl SearchRequest {
    /// A request for `query` with default settings (10 hits, all languages).
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        }
    }
}

/// One hit.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// Document id (content hash).
    pub id: String,
    /// Document name (file stem or JSONL id).
    pub name: String,
    /// Title, empty if none.
    pub title: String,
    /// Document date, if known.
    pub date: Option<String>,
    /// Language code.
    pub lang: String,
    /// Relevance score (higher is better; comparable within one result list).
    pub score: f32,
    /// A passage of the text around the matches (plain text).
    pub snippet: String,
    /// Byte ranges in `snippet` of the matched words.
    pub highlights: Vec<(usize, usize)>,
}

/// A page of hits.
#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    /// Number of matching documents in all.
    pub total: usize,
    /// Identifiers of the concepts the query was expanded with.
    pub concepts: Vec<String>,
    /// The hits of this page, best first.
    pub hits: Vec<Hit>,
}

#[derive(Clone, Debug)]
struct Fields {
    id: Field,
    name: Field,
    lang: Field,
    lang_group: Field,
    date: Field,
    date_start: Field,
    date_end: Field,
    title: Field,
    text: Field,
    langs: LangFields,
}

fn text_field_options(lang: LangGroup) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(&tokenizer_name(lang))
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

fn build_schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("name", STRING | STORED);
    b.add_text_field("lang", STRING | STORED);
    b.add_text_field("lang_group", STRING);
    b.add_text_field("date", STORED);
    let day = NumericOptions::default().set_indexed().set_fast();
    b.add_u64_field("date_start", day.clone());
    b.add_u64_field("date_end", day);
    b.add_text_field("title", STORED);
    b.add_text_field("text", STORED);
    for lang in LangGroup::ALL {
        b.add_text_field(&format!("body_{}", lang.name()), text_field_options(lang));
        b.add_text_field(&format!("title_{}", lang.name()), text_field_options(lang));
    }
    b.build()
}

fn fields_of(schema: &Schema) -> Result<Fields, SearchError> {
    let f = |name: &str| {
        schema.get_field(name).map_err(|_| {
            SearchError::Index(tantivy::TantivyError::SchemaError(format!(
                "the index has no field `{name}`: it was built by another version; run `tandem reindex`"
            )))
        })
    };
    let mut body = Vec::new();
    let mut title = Vec::new();
    for lang in LangGroup::ALL {
        body.push(f(&format!("body_{}", lang.name()))?);
        title.push(f(&format!("title_{}", lang.name()))?);
    }
    Ok(Fields {
        id: f("id")?,
        name: f("name")?,
        lang: f("lang")?,
        lang_group: f("lang_group")?,
        date: f("date")?,
        date_start: f("date_start")?,
        date_end: f("date_end")?,
        title: f("title")?,
        text: f("text")?,
        langs: LangFields { body, title },
    })
}

/// The language groups a request searches and the query restricting hits
/// to its languages (none: all languages).
type LanguageFilter = (Vec<LangGroup>, Option<Box<dyn Query>>);

/// The search index of one Tandem database.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter<TantivyDocument>>,
    fields: Fields,
    analyzers: Vec<Analyzer>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").finish_non_exhaustive()
    }
}

impl Drop for SearchIndex {
    fn drop(&mut self) {
        if let Some(writer) = self.writer.take() {
            if let Err(e) = writer.wait_merging_threads() {
                eprintln!("search index: background merges failed: {e}");
            }
        }
    }
}

fn string_of(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
}

/// A rebuild of the whole index in progress ([`SearchIndex::rebuild`]):
/// nothing is visible to searches until [`Rebuild::commit`]; dropped
/// uncommitted, it is rolled back.
pub struct Rebuild<'a> {
    index: &'a mut SearchIndex,
    committed: bool,
}

impl Rebuild<'_> {
    /// Queues `docs` (not yet indexed by this rebuild), uncommitted. The
    /// writer writes segments to disk as its memory fills, so memory does
    /// not grow with the index.
    pub fn add(&mut self, docs: &[IndexDoc]) -> Result<(), SearchError> {
        self.index.stage(docs, false)
    }

    /// Replaces the index with what was added, recording that it stands
    /// at `position` in its store, and shows it to searches.
    pub fn commit(mut self, position: &IndexPosition) -> Result<(), SearchError> {
        let payload = serde_json::to_string(position)
            .map_err(|e| SearchError::Index(TantivyError::InternalError(e.to_string())))?;
        self.committed = true;
        self.index.commit(Some(payload))
    }
}

impl Drop for Rebuild<'_> {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        // a writer dropped uncommitted discards what it was given; the
        // next write takes a new one
        drop(self.index.writer.take());
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it if missing.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let index = if dir.join("meta.json").is_file() {
            Index::open_in_dir(dir)?
        } else {
            std::fs::create_dir_all(dir)?;
            Index::create_in_dir(dir, build_schema())?
        };
        register(&index)?;
        let fields = fields_of(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        let analyzers = LangGroup::ALL
            .iter()
            .map(|&l| Analyzer::new(l))
            .collect::<Result<_, _>>()?;
        Ok(SearchIndex {
            index,
            reader,
            writer: None,
            fields,
            analyzers,
        })
    }

    fn writer(&mut self) -> Result<&mut IndexWriter<TantivyDocument>, SearchError> {
        if self.writer.is_none() {
            // half the cores: the ingest pipeline analyses and stores on the others
            let threads = std::thread::available_parallelism()
                .map(|n| n.get() / 2)
                .unwrap_or(1)
                .clamp(1, 4);
            let started = Instant::now();
            let writer = loop {
                match self.index.writer_with_num_threads(threads, WRITER_MEMORY) {
                    Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                        if started.elapsed() >= WRITER_WAIT {
                            return Err(SearchError::Busy(WRITER_WAIT.as_secs()));
                        }
                        std::thread::sleep(Duration::from_millis(100));
                    }
                    other => break other?,
                }
            };
            let mut policy = LogMergePolicy::default();
            policy.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
            writer.set_merge_policy(Box::new(policy));
            self.writer = Some(writer);
        }
        match self.writer.as_mut() {
            Some(w) => Ok(w),
            None => Err(SearchError::Index(tantivy::TantivyError::InternalError(
                "index writer missing".into(),
            ))),
        }
    }

    /// Adds documents and commits (one commit for the whole batch). A
    /// document whose id is already indexed is replaced.
    pub fn add(&mut self, docs: &[IndexDoc]) -> Result<(), SearchError> {
        self.add_docs(docs, true)
    }

    /// Adds documents known not to be indexed yet (new content of the
    /// store, or a rebuild after [`SearchIndex::clear`]) and commits. Unlike
    /// [`SearchIndex::add`] it queues no deletion per document: tantivy
    /// keeps queued deletions until every segment has applied them, which
    /// made memory grow with the size of the index during a long ingest.
    pub fn add_new(&mut self, docs: &[IndexDoc]) -> Result<(), SearchError> {
        self.add_docs(docs, false)
    }

    fn add_docs(&mut self, docs: &[IndexDoc], replace: bool) -> Result<(), SearchError> {
        if docs.is_empty() {
            return Ok(());
        }
        self.stage(docs, replace)?;
        let payload = self.payload()?;
        self.commit(payload)
    }

    /// Queues the removal of `remove` and the addition of `docs`, known not
    /// to be indexed yet (as [`SearchIndex::add_new`]), without committing:
    /// [`SearchIndex::commit_queued`] commits all that was queued at once,
    /// so that an ingest writes fewer, larger segments.
    pub fn queue_new(&mut self, remove: &[&str], docs: &[IndexDoc]) -> Result<(), SearchError> {
        self.unstage(remove)?;
        self.stage(docs, false)
    }

    /// Commits what [`SearchIndex::queue_new`] queued, keeping the recorded
    /// position, and shows it to searches.
    pub fn commit_queued(&mut self) -> Result<(), SearchError> {
        let payload = self.payload()?;
        self.commit(payload)
    }

    /// Queues `docs` in the writer (each replacing its id's document when
    /// `replace`), uncommitted.
    fn stage(&mut self, docs: &[IndexDoc], replace: bool) -> Result<(), SearchError> {
        let f = self.fields.clone();
        let writer = self.writer()?;
        for d in docs {
            let group = LangGroup::from_code(d.lang);
            let mut doc = TantivyDocument::default();
            doc.add_text(f.id, d.id);
            doc.add_text(f.name, d.name);
            doc.add_text(f.lang, d.lang);
            doc.add_text(f.lang_group, group.name());
            doc.add_text(f.title, d.title);
            doc.add_text(f.text, d.text);
            doc.add_text(f.langs.body[group.index()], d.text);
            if !d.title.is_empty() {
                doc.add_text(f.langs.title[group.index()], d.title);
            }
            if let Some(date) = d.date {
                doc.add_text(f.date, date);
                if let Some(range) = parse_partial_date(date) {
                    doc.add_u64(f.date_start, range.start);
                    doc.add_u64(f.date_end, range.end);
                }
            }
            if replace {
                writer.delete_term(Term::from_field_text(f.id, d.id));
            }
            writer.add_document(doc)?;
        }
        Ok(())
    }

    /// Queues the removal of `ids`, uncommitted.
    fn unstage(&mut self, ids: &[&str]) -> Result<(), SearchError> {
        let id_field = self.fields.id;
        let writer = self.writer()?;
        for id in ids {
            writer.delete_term(Term::from_field_text(id_field, id));
        }
        Ok(())
    }

    /// The payload of the last commit on disk. Read while holding the
    /// writer, it is the latest: no other process commits meanwhile.
    fn payload(&self) -> Result<Option<String>, SearchError> {
        Ok(self.index.load_metas()?.payload)
    }

    /// Commits what the writer holds with `payload`, and shows it to searches.
    fn commit(&mut self, payload: Option<String>) -> Result<(), SearchError> {
        let writer = self.writer()?;
        let mut prepared = writer.prepare_commit()?;
        if let Some(p) = &payload {
            prepared.set_payload(p);
        }
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Removes documents by id (e.g. versions superseded by newer ones) and commits.
    pub fn remove(&mut self, ids: &[&str]) -> Result<(), SearchError> {
        if ids.is_empty() {
            return Ok(());
        }
        self.unstage(ids)?;
        let payload = self.payload()?;
        self.commit(payload)
    }

    /// In one commit: removes the documents `remove`, adds `docs` (each
    /// replacing its id's document when `replace`) and records that the
    /// index now stands at `position` in its store.
    pub fn update(
        &mut self,
        remove: &[&str],
        docs: &[IndexDoc],
        replace: bool,
        position: &IndexPosition,
    ) -> Result<(), SearchError> {
        self.unstage(remove)?;
        self.stage(docs, replace)?;
        let payload = serde_json::to_string(position)
            .map_err(|e| SearchError::Index(TantivyError::InternalError(e.to_string())))?;
        self.commit(Some(payload))
    }

    /// Where the index stands in its store, as its last commit recorded;
    /// `None` for an index that never recorded one (new, cleared, or
    /// written by an older Tandem).
    pub fn position(&self) -> Result<Option<IndexPosition>, SearchError> {
        Ok(self
            .payload()?
            .and_then(|p| serde_json::from_str::<IndexPosition>(&p).ok()))
    }

    /// Removes every document (and the files that held them) and the
    /// recorded position.
    pub fn clear(&mut self) -> Result<(), SearchError> {
        let writer = self.writer()?;
        writer.delete_all_documents()?;
        self.commit(None)?;
        if let Some(writer) = self.writer.as_mut() {
            writer.garbage_collect_files().wait()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Starts rebuilding the whole index in one commit: every document it
    /// holds now is removed and the documents added through the returned
    /// [`Rebuild`] take their place when it is committed. Until then
    /// searches see the index as it was, and a rebuild dropped before its
    /// commit (or failing) leaves it so.
    pub fn rebuild(&mut self) -> Result<Rebuild<'_>, SearchError> {
        // queued first, so it removes only what was added before it
        self.writer()?.delete_query(Box::new(AllQuery))?;
        Ok(Rebuild {
            index: self,
            committed: false,
        })
    }

    /// Whether a document with this id is indexed (and not removed).
    pub fn contains(&self, id: &str) -> Result<bool, SearchError> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        Ok(self.reader.searcher().search(&query, &Count)? > 0)
    }

    /// The id of every indexed document with the number of documents
    /// indexed under it (more than one when a document was added twice),
    /// read from the id field's terms (not from the stored documents, so
    /// it is quick).
    pub fn ids(&self) -> Result<HashMap<String, u32>, SearchError> {
        let searcher = self.reader.searcher();
        let mut ids = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.id)?;
            let mut terms = inverted.terms().stream()?;
            while terms.advance() {
                let mut postings = inverted
                    .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
                let mut alive = 0;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if !segment.is_deleted(doc) {
                        alive += 1;
                    }
                    doc = postings.advance();
                }
                if alive > 0 {
                    *ids.entry(String::from_utf8_lossy(terms.key()).into_owned())
                        .or_default() += alive;
                }
            }
        }
        Ok(ids)
    }

    /// Shows searches what was committed since (by this or another
    /// process) at once, without waiting for the reader's own reload.
    pub fn reload(&self) -> Result<(), SearchError> {
        Ok(self.reader.reload()?)
    }

    /// Waits for background merges and releases the writer (and its lock
    /// on the directory), so that another process may write the index;
    /// the next write takes it again.
    pub fn release(&mut self) -> Result<(), SearchError> {
        if let Some(writer) = self.writer.take() {
            writer.wait_merging_threads()?;
        }
        Ok(())
    }

    /// Waits for background segment merges to finish (so the index on disk
    /// is compact) and releases the writer lock. Dropping the index does
    /// the same but cannot report an error.
    pub fn close(mut self) -> Result<(), SearchError> {
        self.release()
    }

    /// Number of indexed documents.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Language groups and the filter query selected by `langs`.
    fn language_filter(&self, langs: &[String]) -> Result<LanguageFilter, SearchError> {
        if langs.is_empty() {
            return Ok((LangGroup::ALL.to_vec(), None));
        }
        let mut groups = Vec::new();
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for code in langs.iter().flat_map(|l| l.split(',')).map(str::trim) {
            if code.is_empty() {
                continue;
            }
            let group = LangGroup::from_code(code);
            if group == LangGroup::Und && !code.eq_ignore_ascii_case("und") {
                return Err(SearchError::BadFilter(format!(
                    "unknown language `{code}` (use kk, uz, uz-Cyrl, uz-Latn, ky, tg, ru, en or und)"
                )));
            }
            if !groups.contains(&group) {
                groups.push(group);
            }
            let term = if code.contains('-') {
                let exact = match code.to_ascii_lowercase().as_str() {
                    "uz-cyrl" => "uz-Cyrl",
                    "uz-latn" => "uz-Latn",
                    _ => {
                        return Err(SearchError::BadFilter(format!(
                            "unknown language `{code}` (use uz-Cyrl or uz-Latn for a script)"
                        )))
                    }
                };
                Term::from_field_text(self.fields.lang, exact)
            } else {
                Term::from_field_text(self.fields.lang_group, group.name())
            };
            alternatives.push((
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        if groups.is_empty() {
            return Ok((LangGroup::ALL.to_vec(), None));
        }
        Ok((groups, Some(Box::new(BooleanQuery::new(alternatives)))))
    }

    fn date_filter(&self, req: &SearchRequest) -> Result<Vec<Box<dyn Query>>, SearchError> {
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        let from = req.from.as_deref().filter(|s| !s.trim().is_empty());
        let to = req.to.as_deref().filter(|s| !s.trim().is_empty());
        let from = from.map(|s| parse_filter_date("--from", s)).transpose()?;
        let to = to.map(|s| parse_filter_date("--to", s)).transpose()?;
        if let (Some(a), Some(b)) = (from, to) {
            if a.start > b.end {
                return Err(SearchError::BadFilter(
                    "the --from date is after the --to date".into(),
                ));
            }
        }
        if let Some(from) = from {
            // the document's last day is not before the first day asked for
            out.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(self.fields.date_end, from.start)),
                Bound::Unbounded,
            )));
        }
        if let Some(to) = to {
            out.push(Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_u64(self.fields.date_start, to.end)),
            )));
        }
        Ok(out)
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        if req.limit == 0 || req.limit > MAX_LIMIT {
            return Err(SearchError::BadFilter(format!(
                "limit must be between 1 and {MAX_LIMIT}"
            )));
        }
        if req.offset > MAX_OFFSET {
            return Err(SearchError::BadFilter(format!(
                "offset must be at most {MAX_OFFSET}"
            )));
        }
        let parsed = parse(&req.query)?;
        let (groups, lang_filter) = self.language_filter(&req.langs)?;
        let dates = self.date_filter(req)?;
        let planned = plan(&parsed, &self.fields.langs, &groups, !req.exact)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, planned.query)];
        for filter in lang_filter.into_iter().chain(dates) {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let collector = (
            TopDocs::with_limit(req.limit)
                .and_offset(req.offset)
                .order_by_score(),
            Count,
        );
        let (top, total) = searcher.search(&query, &collector)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let lang = string_of(&doc, self.fields.lang).unwrap_or_default();
            let group = LangGroup::from_code(&lang);
            let text = string_of(&doc, self.fields.text).unwrap_or_default();
            let snippet = make_snippet(
                &text,
                &self.analyzers[group.index()],
                &planned.highlight[group.index()],
            );
            hits.push(Hit {
                id: string_of(&doc, self.fields.id).unwrap_or_default(),
                name: string_of(&doc, self.fields.name).unwrap_or_default(),
                title: string_of(&doc, self.fields.title).unwrap_or_default(),
                date: string_of(&doc, self.fields.date),
                lang,
                score,
                snippet: snippet.text,
                highlights: snippet.highlights,
            });
        }
        Ok(SearchResults {
            total,
            concepts: planned.concepts,
            hits,
        })
    }
}
