//! The query of a share link as HTML forms write it (`application/x-www-form-urlencoded`): pairs
//! joined by `&`, each `name=value`, a space as `+`, every byte but `A–Z a–z 0–9 * - . _` as `%XX`.
//!
//! Written here rather than taken from the `form_urlencoded` crate, which cost the page's first
//! look 1.6 KB of code (raw) for what the links need: they are written and read in the page, so
//! every learner downloads it. The tests hold both directions to the crate, so the two cannot
//! drift.

/// A query being written, pair by pair.
#[derive(Default)]
pub struct Serializer(String);

impl Serializer {
    /// Appends `name=value`, each encoded.
    pub fn append_pair(&mut self, name: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        encode_into(&mut self.0, name);
        self.0.push('=');
        encode_into(&mut self.0, value);
    }

    /// The query.
    pub fn finish(self) -> String {
        self.0
    }
}

fn encode_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in text.as_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 15)]));
            }
        }
    }
}

/// The pairs of `query`, in order: empty pieces between `&`s skipped, a piece without `=` a name
/// with an empty value, `+` read as a space, `%XX` as its byte (a `%` not followed by two hex
/// digits stays as it is), and bytes that are not UTF-8 replaced by U+FFFD.
pub fn parse(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query.split('&').filter(|p| !p.is_empty()).map(|piece| {
        let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
        (decode(name), decode(value))
    })
}

fn decode(text: &str) -> String {
    let hex = |b: u8| char::from(b).to_digit(16);
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = match bytes[i] {
            b'+' => b' ',
            b'%' => match (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                (Some(high), Some(low)) => {
                    i += 2;
                    (high * 16 + low) as u8
                }
                _ => b'%',
            },
            other => other,
        };
        out.push(byte);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::{Serializer, parse};

    proptest! {
        #[test]
        fn writes_as_the_crate_does(pairs in proptest::collection::vec(("\\PC{0,8}", "\\PC{0,12}"), 0..5)) {
            let mut ours = Serializer::default();
            let mut theirs = form_urlencoded::Serializer::new(String::new());
            for (name, value) in &pairs {
                ours.append_pair(name, value);
                theirs.append_pair(name, value);
            }
            prop_assert_eq!(ours.finish(), theirs.finish());
        }

        #[test]
        fn reads_as_the_crate_does(query in "[a-z=&+%0-9A-Fé ]{0,24}|\\PC{0,16}") {
            let ours: Vec<(String, String)> = parse(&query).collect();
            let theirs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_replaced() {
        let pairs: Vec<(String, String)> = parse("a=%FF%41&%").collect();
        assert_eq!(
            pairs,
            [
                ("a".to_owned(), "\u{fffd}A".to_owned()),
                ("%".to_owned(), String::new())
            ]
        );
    }
}
