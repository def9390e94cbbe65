//! JSON bytes straight into tera's values, for `chibo render`'s fast path.
//!
//! The general path parses the data into a `serde_json::Value` and has tera convert that into
//! its own values (`Context::from_serialize`): two trees built per document. For a large table
//! (a 5 000-row document is 560 KB of JSON) those two passes were most of the time, so a
//! document whose JSON is at hand is parsed here once, by serde_json's parser, into tera's
//! values directly. tera has no `Deserialize` for its values, hence this small visitor.
//!
//! The values are the ones the general path gives, so both render the same bytes: numbers
//! as serde_json reads them (unsigned, signed, float), `null` as none, and object keys in
//! serde_json's (sorted) order, the order a `{% for k, v in map %}` loop sees.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use tera::{Context, Value, value::Key};

/// Deepest nesting followed; serde_json stops at 128 itself, this only keeps the recursion of
/// the visitor bounded should that change.
const MAX_DEPTH: usize = 256;

/// What the reading of one document has met so far.
#[derive(Default)]
struct Seen {
    /// The object keys, each held once (up to [`KNOWN_KEYS`]): a table's rows repeat the same
    /// few keys, which then cost neither an allocation nor a copy per row. A list, not a map:
    /// with a handful of keys, comparing lengths first finds one soonest.
    keys: Vec<Arc<str>>,
    /// A number the output filter prints otherwise than tera (see [`JsonContext`]).
    odd_number: bool,
}

/// How many keys [`Seen`] holds; later ones are allocated each time.
const KNOWN_KEYS: usize = 32;

/// A JSON value as tera's value.
struct Tera<'k> {
    depth: usize,
    seen: &'k mut Seen,
}

impl<'de> DeserializeSeed<'de> for Tera<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Tera<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        if i64::try_from(v).is_err() {
            self.seen.odd_number = true;
        }
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        self.seen.odd_number = true;
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::none())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.inner::<A::Error>()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element_seed(Tera {
            depth: inner,
            seen: &mut *self.seen,
        })? {
            items.push(v);
        }
        Ok(Value::from(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        let inner = self.inner::<A::Error>()?;
        let entries = entries(map, inner, self.seen)?;
        Ok(Value::from(
            entries
                .into_iter()
                .map(|(k, v)| (Key::String(k), v))
                .collect::<BTreeMap<_, _>>(),
        ))
    }
}

impl Tera<'_> {
    fn inner<E: serde::de::Error>(&self) -> Result<usize, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom("dữ liệu lồng nhau quá sâu / nesting too deep"));
        }
        Ok(self.depth + 1)
    }
}

/// An object's entries in the order given. Collected into a `BTreeMap`, they are sorted by
/// key as serde_json keeps them, and a key given twice keeps its last value (`from_iter`
/// sorts stably and keeps the last of equal keys).
fn entries<'de, A: MapAccess<'de>>(
    mut map: A,
    depth: usize,
    seen: &mut Seen,
) -> Result<Vec<(Arc<str>, Value)>, A::Error> {
    let mut out: Vec<(Arc<str>, Value)> = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
    while let Some(key) = map.next_key_seed(KeySeed(&mut seen.keys))? {
        let value = map.next_value_seed(Tera {
            depth,
            seen: &mut *seen,
        })?;
        out.push((key, value));
    }
    Ok(out)
}

/// An object's key, taken from the keys already met when it is one of them.
struct KeySeed<'k>(&'k mut Vec<Arc<str>>);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Arc<str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Arc<str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Arc<str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E>(self, v: &str) -> Result<Arc<str>, E> {
        if let Some(known) = self.0.iter().find(|k| k.len() == v.len() && ***k == *v) {
            return Ok(Arc::clone(known));
        }
        let key: Arc<str> = Arc::from(v);
        if self.0.len() < KNOWN_KEYS {
            self.0.push(Arc::clone(&key));
        }
        Ok(key)
    }
}

/// The top level: an object's entries, or `None` for anything else.
struct Top<'s>(&'s mut Seen);

impl<'de> Visitor<'de> for Top<'_> {
    type Value = Option<BTreeMap<String, Value>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let entries = entries(map, 1, self.0)?;
        Ok(Some(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        ))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// A document's render context read from JSON.
pub(super) struct JsonContext {
    pub ctx: Context,
    /// The data holds a number with a fraction, or a whole number past `i64`: the output filter
    /// prints these otherwise than tera (`93,8`), so the part's plain form may not be used
    /// (`super::plain`).
    pub odd_number: bool,
}

/// The render context of a JSON object given as bytes, with the same extra names as the
/// general path (`super::context_of`); `None` when the bytes are not a JSON object.
pub(super) fn context_of_json(json: &[u8], lenient: bool) -> Option<JsonContext> {
    // Checked as UTF-8 once, by `simdutf8`: serde_json then reads it as text and does not
    // check each string again.
    let text = simdutf8::basic::from_utf8(json).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    let mut seen = Seen::default();
    let top = de.deserialize_any(Top(&mut seen)).ok()??;
    de.end().ok()?;
    let names = super::tags::mangled_names(top.keys().map(String::as_str), |k| top.contains_key(k));
    let extra: Vec<(String, Value)> = names
        .into_iter()
        .filter_map(|(name, key)| Some((name, top.get(&key)?.clone())))
        .collect();
    let mut ctx = Context::new();
    for (key, value) in top {
        ctx.insert_value(key, value);
    }
    for (name, value) in extra {
        ctx.insert_value(name, value);
    }
    if lenient {
        ctx.insert(super::LENIENT_VAR, &true);
    }
    Some(JsonContext {
        ctx,
        odd_number: seen.odd_number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path's values are the general path's.
    #[test]
    fn same_values_as_through_serde_json() {
        let json = r#"{"b": [1, -2, 2.5, true, null, "chữ"], "a": {"z": 1, "y": {"x": []}},
                      "Họ tên": "Lê Thị Hoa", "n": 18446744073709551615}"#;
        let fast = context_of_json(json.as_bytes(), true).unwrap().ctx;
        let data: serde_json::Value = serde_json::from_str(json).unwrap();
        let slow = super::super::context_of(&data, true).unwrap();
        let mut keys: Vec<String> = data.as_object().unwrap().keys().cloned().collect();
        keys.extend(
            super::super::tags::mangled_keys(&data)
                .into_iter()
                .map(|(k, _)| k),
        );
        keys.push(super::super::LENIENT_VAR.to_string());
        assert_eq!(keys.len(), 6);
        for key in keys {
            let shown = |c: &Context| serde_json::to_string(c.get(&key).unwrap()).unwrap();
            assert_eq!(shown(&fast), shown(&slow), "{key}");
        }
    }

    /// A key given twice keeps its last value, at every depth, as serde_json keeps it.
    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        let json =
            r#"{"a": 1, "b": {"x": 1, "y": 2, "x": 3}, "a": 2, "r": [{"k": 1, "k": 4}, {"k": 5}]}"#;
        let fast = context_of_json(json.as_bytes(), false).unwrap().ctx;
        let shown = |key: &str| serde_json::to_string(fast.get(key).unwrap()).unwrap();
        assert_eq!(shown("a"), "2");
        assert_eq!(shown("b"), r#"{"x":3,"y":2}"#);
        assert_eq!(shown("r"), r#"[{"k":4},{"k":5}]"#);
    }

    /// Numbers the output filter prints otherwise than tera are noticed at any depth.
    #[test]
    fn odd_numbers_are_noticed() {
        let odd = |json: &str| context_of_json(json.as_bytes(), false).unwrap().odd_number;
        assert!(!odd(
            r#"{"a": 1, "b": [-2, "x", null, true], "c": {"d": 18}}"#
        ));
        assert!(odd(r#"{"a": 1, "b": [{"c": 93.8}]}"#));
        assert!(odd(r#"{"a": 2.0}"#));
        assert!(odd(r#"{"a": 18446744073709551615}"#));
        assert!(!odd(r#"{"a": 9223372036854775807}"#));
    }

    #[test]
    fn only_objects() {
        assert!(context_of_json(b"[1, 2]", false).is_none());
        assert!(context_of_json(b"3", false).is_none());
        assert!(context_of_json(b"{} x", false).is_none());
        assert!(context_of_json(b"{\"a\": ", false).is_none());
        assert!(context_of_json(b"{\"a\": \"\xff\"}", false).is_none());
    }
}
