//! Tandem's knowledge layer: what the stored figures say once they are put
//! side by side.
//!
//! Figures that state the same thing — same indicator, sides (ordered for
//! directed indicators), goods (HS chapter), measure, kind, period and
//! unit — form a
//! [`facts::Fact`]. Its reported value is the one most documents agree
//! with; disagreements beyond a tolerance (respecting "about", "over",
//! "under") are conflicts, listed with every source. Facts in time make
//! [`series::Series`]; facts that must hang together are
//! [`checks::Check`]ed; figures of kind `target` become tracked
//! [`targets::Target`]s with their progress.
//!
//! Everything here is a pure function of figure records (read from the
//! store by [`KnowledgeBase::load`], whichever engine holds it) except
//! [`export`], which writes them out for analysts, and [`events`], the
//! events and agreements with their sources.

pub mod agreement;
pub mod checks;
pub mod events;
pub mod export;
pub mod facts;
pub mod period;
pub mod projects;
pub mod series;
pub mod targets;

pub use agreement::Tolerance;
pub use checks::Check;
pub use facts::{Fact, Sides};
pub use series::{Series, SeriesQuery};
pub use tandem_model::Goods;
pub use tandem_store::{DocMeta, FigureRecord};
pub use targets::Target;

/// Facts built from a set of figures, ready to answer series, conflict,
/// check and target questions. Checks and targets are worked out once, on
/// first use.
#[derive(Debug)]
pub struct KnowledgeBase {
    tolerance: Tolerance,
    facts: Vec<Fact>,
    checks: std::sync::OnceLock<Vec<Check>>,
    targets: std::sync::OnceLock<Vec<Target>>,
}

impl KnowledgeBase {
    /// Groups `figures` into facts under `tolerance`.
    pub fn build(figures: Vec<FigureRecord>, tolerance: Tolerance) -> KnowledgeBase {
        KnowledgeBase {
            facts: facts::build_facts(figures, &tolerance),
            tolerance,
            checks: std::sync::OnceLock::new(),
            targets: std::sync::OnceLock::new(),
        }
    }

    /// Reads every figure of current documents and builds the facts.
    pub fn load(
        store: &tandem_store::Store,
        tolerance: Tolerance,
    ) -> tandem_store::Result<KnowledgeBase> {
        Ok(KnowledgeBase::build(
            store.figures(&tandem_store::FigureFilter::default())?,
            tolerance,
        ))
    }

    /// The tolerance the facts were built with.
    pub fn tolerance(&self) -> &Tolerance {
        &self.tolerance
    }

    /// Every fact.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// Series matching `query`.
    pub fn series(&self, query: &SeriesQuery) -> Vec<Series> {
        series::build_series(&self.facts, query)
    }

    /// Facts whose sources disagree, optionally of one indicator and pair.
    pub fn conflicts(&self, indicator: Option<&str>, sides: Option<&Sides>) -> Vec<&Fact> {
        self.facts
            .iter()
            .filter(|f| {
                f.conflict
                    && indicator.is_none_or(|i| i == f.key.indicator)
                    && sides.is_none_or(|s| *s == f.key.sides)
            })
            .collect()
    }

    /// Every consistency check the facts allow.
    pub fn checks(&self) -> &[Check] {
        self.checks
            .get_or_init(|| checks::run_checks(&self.facts, &self.tolerance))
    }

    /// Tracked targets with their progress.
    pub fn targets(&self) -> &[Target] {
        self.targets
            .get_or_init(|| targets::build_targets(&self.facts, &self.tolerance))
    }
}
