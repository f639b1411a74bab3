//! Scorer port (being written).
