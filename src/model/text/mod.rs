//! The recipe text format: parsing and canonical printing (being written).
