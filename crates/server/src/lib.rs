//! tandem-server (being written).
