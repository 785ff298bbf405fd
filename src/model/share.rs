//! Share links: a recipe and its settings in a URL query (being written).
