//! The learner's drafts by lesson id: a list kept in id order.
//!
//! A sorted `Vec` rather than a `BTreeMap`: a learner has a handful of drafts, and a B-tree for one
//! more key and value type is several KB of wasm (insertion, search, removal, iteration, serde's
//! map impls) in a page every learner downloads. Stored as a JSON object, as the map was.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Recipe texts by lesson id (or [`CUSTOM`](super::CUSTOM)), each id once, in id order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drafts(Vec<(String, String)>);

impl Drafts {
    /// The draft of `id`, if there is one.
    pub fn get(&self, id: &str) -> Option<&String> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    /// Keeps `text` as the draft of `id`, replacing any draft it had.
    pub fn insert(&mut self, id: String, text: String) {
        match self.find(&id) {
            Ok(i) => self.0[i].1 = text,
            Err(i) => self.0.insert(i, (id, text)),
        }
    }

    /// Forgets the draft of `id`, and returns it.
    pub fn remove(&mut self, id: &str) -> Option<String> {
        self.find(id).ok().map(|i| self.0.remove(i).1)
    }

    /// Whether there are no drafts.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many drafts there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The drafts, as `(id, text)`, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(id, text)| (id, text))
    }

    /// Where `id` is, or where it would go.
    fn find(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(other, _)| other.as_str().cmp(id))
    }
}

impl IntoIterator for Drafts {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<const N: usize> From<[(String, String); N]> for Drafts {
    fn from(pairs: [(String, String); N]) -> Self {
        let mut drafts = Drafts::default();
        for (id, text) in pairs {
            drafts.insert(id, text);
        }
        drafts
    }
}

impl Serialize for Drafts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, text) in &self.0 {
            map.serialize_entry(id, text)?;
        }
        map.end()
    }
}

/// Read as the JSON object it is stored as (the page itself reads storage with the browser's
/// parser; this serves the native tests and any tool reading saved work with serde).
impl<'de> Deserialize<'de> for Drafts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(Drafts(map.into_iter().collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::Drafts;

    #[test]
    fn drafts_stay_in_id_order_with_each_id_once() {
        let mut drafts = Drafts::default();
        for (id, text) in [("pie", "1"), ("cake", "2"), ("pie", "3"), ("tea", "4")] {
            drafts.insert(id.into(), text.into());
        }
        let listed: Vec<_> = drafts.iter().map(|(i, t)| format!("{i}={t}")).collect();
        assert_eq!(listed, ["cake=2", "pie=3", "tea=4"]);
        assert_eq!(drafts.get("pie").map(String::as_str), Some("3"));
        assert_eq!(drafts.remove("cake").as_deref(), Some("2"));
        assert_eq!(drafts.get("cake"), None);
        assert_eq!(drafts.remove("cake"), None);
        assert_eq!(drafts.len(), 2);
        assert_eq!(
            serde_json::to_string(&drafts).unwrap(),
            r#"{"pie":"3","tea":"4"}"#
        );
    }
}
