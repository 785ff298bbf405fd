//! Prediction: what a perfect single-threaded cooperative scheduler would do (being written).
