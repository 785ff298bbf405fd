//! Code views: the Rust that runs and its Python asyncio twin (being written).
