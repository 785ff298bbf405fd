//! Base64url without padding (RFC 4648 §5), as share links carry a recipe: the 64 characters
//! `A–Z a–z 0–9 - _`, no `=`.
//!
//! Written here rather than taken from the `base64` crate, whose general engine cost the page's
//! first look 6.3 KB of code (raw, before wasm-opt) for what is twenty lines: links are encoded and
//! decoded in the page, so every learner downloads it. The tests hold both directions to the crate
//! on any bytes and any text, so the two cannot drift.

/// The alphabet, in order of value.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `bytes` as base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        // Three bytes make four characters; one or two make two or three.
        for i in 0..=chunk.len() {
            let value = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[value as usize]));
        }
    }
    out
}

/// The bytes `text` encodes, or `None` if it is not base64url without padding: a character
/// outside the alphabet, a length that leaves one character over, or bits left over that are not
/// zero (the one text of each byte string is accepted, as the `base64` crate's default does).
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        Some(u32::from(v))
    };
    let text = text.as_bytes();
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = chunk.len() - 1;
        // What the last character carries beyond the bytes must be zero.
        if n & ((1 << (24 - 8 * bytes)) - 1) != 0 {
            return None;
        }
        out.extend((0..bytes).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    Some(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use proptest::prelude::*;

    use super::{decode, encode};

    #[test]
    fn the_rfcs_examples() {
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(bytes.as_bytes()), text);
            assert_eq!(decode(text).as_deref(), Some(bytes.as_bytes()));
        }
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("Zg=="), None, "padding is the caller's to take off");
        assert_eq!(decode("Zh"), None, "bits left over");
        assert_eq!(decode("Z"), None, "one character over");
        assert_eq!(decode("Zm9v+A"), None, "the standard alphabet's +");
    }

    proptest! {
        #[test]
        fn encodes_as_the_base64_crate_does(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(encode(&bytes), URL_SAFE_NO_PAD.encode(&bytes));
        }

        #[test]
        fn decodes_any_text_as_the_base64_crate_does(text in "[A-Za-z0-9_=+/-]{0,24}") {
            prop_assert_eq!(decode(&text), URL_SAFE_NO_PAD.decode(&text).ok());
        }

        #[test]
        fn decodes_what_it_encodes(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(decode(&encode(&bytes)), Some(bytes));
        }
    }
}
