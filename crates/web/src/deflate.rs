//! Raw deflate, by the browser's own `CompressionStream("deflate-raw")` and
//! `DecompressionStream("deflate-raw")`: share links carry the recipe compressed, at no cost in
//! wasm bytes for a compressor of the page's own.
//!
//! This module owns moving bytes through those streams and the limit on what a link may inflate to;
//! what the bytes are and where they go is [`kitchen_model::share`]'s and the components'. Both
//! streams are in Chromium 80, Firefox 113 and Safari 16.4 and later; an older browser gets an error
//! worded for the learner, never a panic.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStreamDefaultReader, ReadableWritablePair};

#[wasm_bindgen]
extern "C" {
    /// The browser's compressing transform stream.
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    /// The browser's decompressing transform stream.
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// Why a link's compressed recipe could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The browser has no `DecompressionStream`.
    Unsupported,
    /// The bytes are not raw deflate (the link was cut short or changed).
    Damaged,
    /// They inflate to more than the limit; reading stopped there.
    TooLarge,
    /// They inflate to bytes that are not UTF-8 text.
    NotText,
}

impl std::fmt::Display for InflateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            InflateError::Unsupported => {
                "this browser cannot open compressed links (Chromium 80, Firefox 113 and Safari 16.4 \
                 and later can)"
            }
            InflateError::Damaged => {
                "the link's compressed recipe is damaged (it may have been cut off)"
            }
            InflateError::TooLarge => {
                "the link's compressed recipe is larger than a recipe may be (256 KiB)"
            }
            InflateError::NotText => "the link's compressed recipe is not UTF-8 text",
        })
    }
}

/// `text` compressed with raw deflate, or `None` if this browser cannot compress.
pub async fn deflate(text: &str) -> Option<Vec<u8>> {
    deflate_bytes(text.as_bytes()).await
}

/// `bytes` compressed with raw deflate, or `None` if this browser cannot compress.
pub async fn deflate_bytes(bytes: &[u8]) -> Option<Vec<u8>> {
    let pair = CompressionStream::new("deflate-raw").ok()?;
    transform(bytes, pair.unchecked_ref(), usize::MAX)
        .await
        .ok()
}

/// Raw-deflated `bytes` inflated into text of at most `limit` bytes.
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<String, InflateError> {
    let pair = DecompressionStream::new("deflate-raw").map_err(|_| InflateError::Unsupported)?;
    let out = transform(bytes, pair.unchecked_ref(), limit).await?;
    String::from_utf8(out).map_err(|_| InflateError::NotText)
}

/// Moves `bytes` through the transform `pair` and collects what comes out, stopping (and cancelling
/// the stream) once more than `limit` bytes have come.
async fn transform(
    bytes: &[u8],
    pair: &ReadableWritablePair,
    limit: usize,
) -> Result<Vec<u8>, InflateError> {
    let damaged = |_| InflateError::Damaged;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts).map_err(damaged)?;
    let reader: ReadableStreamDefaultReader = blob
        .stream()
        .pipe_through(pair)
        .get_reader()
        .unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(damaged)?;
        if Reflect::get(&chunk, &"done".into()).is_ok_and(|d| d.is_truthy()) {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(damaged)?
            .unchecked_into();
        let start = out.len();
        let length = value.length() as usize;
        if start + length > limit {
            // Nobody waits for the cancellation: what was read is dropped either way.
            drop(reader.cancel());
            return Err(InflateError::TooLarge);
        }
        out.resize(start + length, 0);
        value.copy_to(&mut out[start..]);
    }
}
