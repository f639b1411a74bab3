//! tandem-ingest (being written).
